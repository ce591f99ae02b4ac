"""A first-time administrator activates the addon from the Apps screen, in headless Chromium.

Usage: python scripts/walk_install.py --addons-path PATHS [--shots DIR] [--keep-db]

Creates a fresh database without the addon (PostgreSQL as PGHOST/PGPORT say), starts Odoo on a
free loopback port, logs in as admin and, in the browser: opens Apps, searches the module, clicks
Activate, waits for the reload, then opens the app from the apps menu and checks the Settings →
Integrations section, whose link opens the connection form. Module installs cannot run inside an
Odoo test (HttpCase), hence this walk on a real server. Each step leaves a screenshot in --shots
(a temp folder by default). Fails when a step times out or Odoo's log has a WARNING or ERROR
from the addon. The database is dropped at the end unless --keep-db.
"""

import argparse
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import requests
from screenshot import CHROMIUM_FLAGS, DevTools, free_port, odoo_session, page_ws_url

MODULE = "remote_netsuite_connector"
APP_NAME = "Remote ↔ NetSuite"
APP_MENU = f'.o_app[data-menu-xmlid="{MODULE}.menu_root"]'
SETTINGS_LINK = f"#{MODULE} button[name=action_open_remote_netsuite_connection]"
SETTINGS_APP = '.o_app[data-menu-xmlid="base.menu_administration"]'
LOG_PROBLEM = re.compile(r"^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) .*remote.netsuite")


class Walk:
    """The browser side: waits on CSS selectors, clicks and types as a user would."""

    def __init__(self, tools, shots):
        self.tools = tools
        self.shots = shots
        self.count = 0

    def evaluate(self, expression):
        result = self.tools.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, what, selector, timeout=60, text=None):
        """Wait until an element matches ``selector`` (and holds ``text``)."""
        self.wait_until(
            what,
            f"[...document.querySelectorAll({json.dumps(selector)})]"
            f".some(el => el.innerText.includes({json.dumps(text or '')}))",
            timeout,
        )

    def wait_until(self, what, expression, timeout=60):
        """Wait until the JavaScript ``expression`` is true in the page."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.evaluate(expression):
                    print(f"  ok: {what}")
                    return
            except RuntimeError:  # the page is reloading
                pass
            time.sleep(0.25)
        self.shot("timeout")
        raise SystemExit(f"FAILED: {what} (not within {timeout} s: {expression})")

    def click(self, what, selector, timeout=60, text=None):
        self.wait(what, selector, timeout, text)
        self.evaluate(
            f"[...document.querySelectorAll({json.dumps(selector)})]"
            f".find(el => el.innerText.includes({json.dumps(text or '')})).click()"
        )

    def type(self, selector, value):
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.tools.call("Input.insertText", text=value)
        for kind in ("keyDown", "keyUp"):
            self.tools.call(
                "Input.dispatchKeyEvent",
                type=kind,
                key="Enter",
                code="Enter",
                windowsVirtualKeyCode=13,
            )

    def goto(self, url):
        self.tools.call("Page.navigate", url=url)

    def shot(self, name):
        self.count += 1
        path = os.path.join(self.shots, f"{self.count}-{name}.png")
        data = self.tools.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(data))
        print(f"  screenshot: {path}")


def walk(walk, base):
    walk.goto(f"{base}/odoo/apps")
    walk.wait("Apps opens", ".o_kanban_view .o_kanban_record", 180)  # assets built on first use
    walk.type(".o_searchview_input", "Remote")
    activate = ".o_kanban_record:has(button[name=button_immediate_install])"
    walk.wait(f"the search finds {APP_NAME}", activate, text=APP_NAME)
    walk.shot("apps")
    walk.evaluate("window.rncBeforeInstall = true")
    walk.click("Activate", f"{activate} button[name=button_immediate_install]", text="Activate")
    walk.wait_until(
        "the install ends in a reload of the web client",
        "!window.rncBeforeInstall && !!document.querySelector('.o_main_navbar .o_menu_brand')",
        240,
    )
    walk.click("open the apps menu", ".o_navbar_apps_menu button")
    walk.wait("the apps menu has the app", APP_MENU, text=APP_NAME)
    walk.shot("apps-menu")
    walk.click("open the app", APP_MENU, text=APP_NAME)
    walk.wait("the app opens", ".o_main_navbar .o_menu_brand", text=APP_NAME)
    walk.shot("app")
    # through the apps menu, as a user goes: the web client saves the form it leaves first (a
    # page load would race that save, and Settings could offer to connect a second time)
    walk.click("open the apps menu again", ".o_navbar_apps_menu button")
    walk.click("open Settings", SETTINGS_APP)
    walk.wait("Settings → Integrations has the app's section", SETTINGS_LINK, 60)
    walk.shot("settings")
    walk.click("follow the section's link", SETTINGS_LINK)
    walk.wait("the link opens the connection form", ".o_form_view div[name=remote_token]")
    walk.shot("connection")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--shots", help="folder for the screenshots (default: a temp folder)")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()

    shots = args.shots or tempfile.mkdtemp(prefix="rnc-walk-install-")
    os.makedirs(shots, exist_ok=True)
    work = tempfile.mkdtemp(prefix="rnc-walk-")
    db = f"rnc_walk_{int(time.time())}_{os.getpid()}"
    port = free_port()
    conf = os.path.join(work, "odoo.conf")
    lines = [
        "[options]",
        f"addons_path = {args.addons_path}",
        f"data_dir = {work}/data",
        f"db_name = {db}",
        f"dbfilter = ^{db}$",
        "workers = 0",
        "max_cron_threads = 0",
        "without_demo = all",
        "http_interface = 127.0.0.1",
        f"http_port = {port}",
        f"gevent_port = {free_port()}",
    ]
    lines += [
        f"db_{key} = {os.environ['PG' + key.upper()]}"
        for key in ("host", "port")
        if "PG" + key.upper() in os.environ
    ]
    with open(conf, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    log_path = os.path.join(work, "odoo.log")
    server = browser = None
    started = time.monotonic()
    try:
        print(f"A fresh database {db} without {MODULE}")
        subprocess.run(
            [sys.executable, "-m", "odoo", "-c", conf, "-i", "base", "--stop-after-init"],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with open(log_path, "w") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "odoo", "-c", conf, "--log-level=info"],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                if requests.get(f"{base}/web/login", timeout=60).ok:
                    break
            except requests.RequestException:  # not listening yet, or a slow first page
                pass
            time.sleep(0.5)
        session_id = odoo_session(base, db, "admin", "admin")
        debug_port = free_port()
        browser = subprocess.Popen(
            [
                shutil.which("chromium") or shutil.which("chromium-browser"),
                *CHROMIUM_FLAGS,
                f"--remote-debugging-port={debug_port}",
                f"--user-data-dir={work}/chromium",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        tools = DevTools(page_ws_url(debug_port))
        tools.ws.settimeout(240)  # the Activate click's request lasts as long as the install
        tools.call("Network.enable")
        tools.call("Network.setCookie", name="session_id", value=session_id, url=base)
        tools.call("Page.enable")
        walk(Walk(tools, shots), base)
    finally:
        for process in (browser, server):
            if process:
                process.terminate()
                process.wait(timeout=60)
        if not args.keep_db:
            subprocess.run(["dropdb", "--if-exists", db], check=False)
    with open(log_path) as log:
        problems = [line for line in log if LOG_PROBLEM.match(line)]
    shutil.rmtree(work, ignore_errors=True)
    if problems:
        raise SystemExit("FAILED: Odoo logged for the addon:\n" + "".join(problems))
    print(f"Activated from Apps in {time.monotonic() - started:.0f} s; screenshots in {shots}")


if __name__ == "__main__":
    main()
