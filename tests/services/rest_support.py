"""What the REST transport's pure tests share: the M2M client id, a fake clock and a client
wired to a simulator's REST face."""

from cryptography.hazmat.primitives import serialization

from remote_netsuite_connector.services.netsuite import NetSuiteClient, NetSuiteSettings

CLIENT_ID = "c0ffee" * 10 + "beef"
START = 1_800_000_000.0


class Clock:
    def __init__(self):
        self.now = START

    def __call__(self):
        return self.now


def pem(key) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def client_for(server, key, kid, clock, **overrides):
    values = {
        "account_id": "1234567_SB1",
        "consumer_key": "",
        "consumer_secret": "",
        "token_id": "",
        "token_secret": "",
        "transport": "rest",
        "client_id": CLIENT_ID,
        "certificate_id": kid,
        "private_key": pem(key),
        "rest_url": server.url,
        "timeout": 10.0,
        **overrides,
    }
    return NetSuiteClient(NetSuiteSettings(**values), clock=clock, sleep=lambda s: None)
