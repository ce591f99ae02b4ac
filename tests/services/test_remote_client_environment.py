"""The Remote client and the server's environment: proxies are honoured, a ~/.netrc is not."""

from remote_netsuite_connector.services.remote import RemoteClient
from simulators.remote import RemoteSimulator

TOKEN = "ra_test_simulator_token"


def simulator():
    return RemoteSimulator(token=TOKEN, seed=1, start_period="2026-01", months=1, scale="demo")


def test_requests_go_through_the_proxy_the_environment_names(monkeypatch):
    target, proxy = simulator(), simulator()  # the proxy answers for the target
    with target.serve() as target_server, proxy.serve() as proxy_server:
        for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", proxy_server.url)
        with RemoteClient(target_server.url, TOKEN) as client:
            company = client.identity().company_id
            assert client.legal_entities(company)
    assert sum(target.calls.values()) == 0
    assert proxy.calls["GET /v1/identity/current"] == 1


def test_a_netrc_entry_for_the_host_does_not_replace_the_token(monkeypatch, tmp_path):
    sim = simulator()
    with sim.serve() as server:
        netrc = tmp_path / "netrc"
        netrc.write_text("machine 127.0.0.1 login someone password not-the-token\n")
        netrc.chmod(0o600)
        monkeypatch.setenv("NETRC", str(netrc))
        with RemoteClient(server.url, TOKEN) as client:
            assert client.identity().company_id == sim.data.company_id
