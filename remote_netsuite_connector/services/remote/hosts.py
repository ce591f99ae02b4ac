"""Which Remote environment a base URL and a token belong to, and what to fix when they disagree."""

from urllib.parse import urlsplit

from .errors import RemoteConfigError

PRODUCTION_URL = "https://gateway.remote.com"
SANDBOX_URL = "https://gateway.remote-sandbox.com"

SANDBOX_PREFIX = "ra_test_"
PRODUCTION_PREFIX = "ra_live_"

_HOST_ENVIRONMENT = {
    urlsplit(PRODUCTION_URL).hostname: "production",
    urlsplit(SANDBOX_URL).hostname: "sandbox",
}
_ENVIRONMENT_URL = {"production": PRODUCTION_URL, "sandbox": SANDBOX_URL}
_ENVIRONMENT_PREFIX = {"production": PRODUCTION_PREFIX, "sandbox": SANDBOX_PREFIX}


def normalize_base_url(base_url):
    """``https://gateway.remote.com/v1/`` and ``https://gateway.remote.com`` name the same API."""
    url = (base_url or "").strip().rstrip("/")
    if url.endswith("/v1"):
        url = url[: -len("/v1")]
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise RemoteConfigError(
            f"The Remote API URL {base_url!r} is not a web address: use {PRODUCTION_URL} "
            f"(production) or {SANDBOX_URL} (sandbox)."
        )
    return url


def host_environment(base_url):
    """'production', 'sandbox', or None for any other host (e.g. a loopback simulator)."""
    return _HOST_ENVIRONMENT.get(urlsplit(base_url).hostname)


def token_environment(token):
    """'production' for ra_live_ tokens, 'sandbox' for ra_test_ tokens, None for anything else."""
    for environment, prefix in _ENVIRONMENT_PREFIX.items():
        if (token or "").startswith(prefix):
            return environment
    return None


def host_mismatch(base_url, token):
    """What to fix when a customer token is used on the other environment's host, else None.

    Only the two known Remote hosts are judged; Remote itself answers such a mix with a bare 401.
    """
    host_env = host_environment(base_url)
    token_env = token_environment(token)
    if host_env is None or token_env is None or host_env == token_env:
        return None
    return (
        f"The Remote API token is a {token_env} token (it starts with "
        f"{_ENVIRONMENT_PREFIX[token_env]}) but the Remote API URL is the {host_env} host "
        f"({_ENVIRONMENT_URL[host_env]}). Either set the Remote API URL to "
        f"{_ENVIRONMENT_URL[token_env]}, or generate a {host_env} token (starting with "
        f"{_ENVIRONMENT_PREFIX[host_env]}) in Remote under Company Settings > Integrations & APIs "
        f"> Remote API and enter it instead."
    )
