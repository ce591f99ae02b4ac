"""How the addon ships: its manifest as manifestoo and pip read it, its icon."""

import ast
import subprocess
import sys

from PIL import Image
from test_addon_structure import ADDON, manifest

# Libraries Odoo's server imports itself to start: an addon that uses them needs nothing more.
ODOO_OWN_IMPORTS = {"dateutil", "lxml", "markupsafe", "psycopg2", "pytz", "werkzeug"}


def third_party_imports():
    found = set()
    for path in ADDON.glob("**/*.py"):
        if "tests" in path.relative_to(ADDON).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module]
            else:
                continue
            found.update(name.split(".")[0] for name in names)
    return found - set(sys.stdlib_module_names) - {"odoo"}


def test_external_dependencies_are_the_libraries_the_addon_imports():
    declared = set(manifest()["external_dependencies"]["python"])
    imported = third_party_imports()
    assert imported - ODOO_OWN_IMPORTS == declared
    assert "jwt" not in imported, (
        "a JWT library must be declared (JWTs are signed with cryptography)"
    )


def odoo_series():
    """ "18.0": the manifest's version names the series (the one place that does)."""
    return ".".join(manifest()["version"].split(".")[:2])


def manifestoo(*command):
    return subprocess.run(
        [sys.executable, "-m", "manifestoo", "--select-addons-dir", str(ADDON.parent),
         "--select-include", ADDON.name, "--odoo-series", odoo_series(), *command],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_manifestoo_finds_no_problem():
    for command in (["check-licenses"], ["check-dev-status"], ["list-missing"]):
        done = manifestoo(*command)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
        assert not done.stdout.strip(), (command, done.stdout)
    assert manifest()["development_status"] in {"Alpha", "Beta", "Production/Stable", "Mature"}
    assert manifest()["maintainers"]


def test_the_apps_screen_icon_is_a_square_png_of_its_own():
    with Image.open(ADDON / "static/description/icon.png") as icon:
        assert icon.format == "PNG"
        assert icon.size in {(128, 128), (256, 256)}
        assert len(icon.getcolors(icon.size[0] * icon.size[1])) > 64, "more than a placeholder"


def test_the_apps_page_is_made_from_the_readme_fragments():
    done = subprocess.run(
        [sys.executable, str(ADDON.parent / "scripts/gen_addon_readme.py"), "--check"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    page = (ADDON / "static/description/index.html").read_text()
    for image in ("connection_form.png", "synced_invoices.png"):
        assert f'src="{image}"' in page
        assert (ADDON / "static/description" / image).is_file()
