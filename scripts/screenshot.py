"""Screenshot of an Odoo page as a logged-in user, in headless Chromium (for the README).

Usage: python scripts/screenshot.py URL OUTPUT.png [--db DB] [--login admin] [--password admin]
Logs in through Odoo's JSON-RPC, hands the session cookie to Chromium over the DevTools protocol,
lets Odoo's JavaScript render the page, then captures it.
"""

import argparse
import base64
import itertools
import json
import shutil
import socket
import subprocess
import tempfile
import time
from urllib.parse import urlsplit

import requests
import websocket

CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1440,1100",
)


def odoo_session(base, db, login, password):
    response = requests.post(
        f"{base}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": password}},
        timeout=30,
    )
    response.raise_for_status()
    if response.json().get("error"):
        raise SystemExit(f"login failed: {response.json()['error']['data']['message']}")
    return response.cookies["session_id"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DevTools:
    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=30)
        self.ids = itertools.count(1)

    def call(self, method, **params):
        call_id = next(self.ids)
        self.ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})


def page_ws_url(port):
    for _ in range(100):
        try:
            targets = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=2).json()
            pages = [t for t in targets if t.get("type") == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    raise SystemExit("Chromium did not open its DevTools port")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("output")
    parser.add_argument("--db", default="remote_netsuite_demo")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--wait", type=float, default=8.0, help="seconds for Odoo's JS to render")
    args = parser.parse_args()

    parts = urlsplit(args.url)
    base = f"{parts.scheme}://{parts.netloc}"
    session_id = odoo_session(base, args.db, args.login, args.password)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    port = free_port()
    with tempfile.TemporaryDirectory() as profile:
        browser = subprocess.Popen(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--remote-debugging-port={port}",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            tools = DevTools(page_ws_url(port))
            tools.call("Network.enable")
            tools.call("Network.setCookie", name="session_id", value=session_id, url=base)
            tools.call("Page.enable")
            tools.call("Page.navigate", url=args.url)
            time.sleep(args.wait)
            shot = tools.call("Page.captureScreenshot", format="png", captureBeyondViewport=False)
            with open(args.output, "wb") as handle:
                handle.write(base64.b64decode(shot["data"]))
        finally:
            browser.terminate()
            browser.wait(timeout=10)
    print(f"saved {args.output}")


if __name__ == "__main__":
    main()
