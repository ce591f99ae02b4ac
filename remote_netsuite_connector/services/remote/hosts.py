"""Which Remote environment a base URL and a token belong to, and what to fix when they disagree."""

from urllib.parse import urlsplit

from ..messages import _lt
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
_ENVIRONMENT_NAME = {"production": _lt("production"), "sandbox": _lt("sandbox")}


def normalize_base_url(base_url):
    """``https://gateway.remote.com/v1/`` and ``https://gateway.remote.com`` name the same API."""
    url = (base_url or "").strip().rstrip("/")
    if url.endswith("/v1"):
        url = url[: -len("/v1")]
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise RemoteConfigError(
            _lt(
                "The Remote API URL %(url)s is not a web address: use %(production)s "
                "(production) or %(sandbox)s (sandbox).",
                url=repr(base_url),
                production=PRODUCTION_URL,
                sandbox=SANDBOX_URL,
            )
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
    return _lt(
        "The Remote API token is a %(token_env)s token (it starts with %(token_prefix)s) but the "
        "Remote API URL is the %(host_env)s host (%(host_url)s). Either set the Remote API URL "
        "to %(token_url)s, or generate a %(host_env)s token (starting with %(host_prefix)s) in "
        "Remote under Company Settings > Integrations & APIs > Remote API and enter it instead.",
        token_env=_ENVIRONMENT_NAME[token_env],
        token_prefix=_ENVIRONMENT_PREFIX[token_env],
        host_env=_ENVIRONMENT_NAME[host_env],
        host_url=_ENVIRONMENT_URL[host_env],
        token_url=_ENVIRONMENT_URL[token_env],
        host_prefix=_ENVIRONMENT_PREFIX[host_env],
    )
