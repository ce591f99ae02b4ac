"""Static checks of the addon that catch real mistakes before Odoo even loads it."""

import ast
import csv
import re
from pathlib import Path

from lxml import etree

ADDON = Path(__file__).resolve().parent.parent / "remote_netsuite_connector"
DATA_DIRS = ("security", "views", "data", "wizard", "report")
NOT_DATA = {"data/neutralize.sql"}  # loaded by Odoo's neutralization, not by the manifest


def manifest():
    return ast.literal_eval((ADDON / "__manifest__.py").read_text())


def data_files_on_disk():
    files = set()
    for folder in DATA_DIRS:
        for path in (ADDON / folder).glob("**/*"):
            if path.suffix in {".xml", ".csv", ".sql"}:
                files.add(path.relative_to(ADDON).as_posix())
    return files - NOT_DATA


def test_manifest_lists_every_data_file_and_nothing_else():
    listed = manifest()["data"] + manifest().get("demo", [])
    assert len(listed) == len(set(listed)), "a data file is listed twice"
    assert set(listed) == data_files_on_disk()


def test_manifest_declares_what_the_apps_screen_shows():
    keys = manifest()
    for key in ("name", "summary", "version", "category", "license", "author", "depends"):
        assert keys.get(key), key
    assert keys["version"].startswith("18.0.")
    assert set(keys["external_dependencies"]["python"]) >= {"zeep", "requests", "cryptography"}
    assert (ADDON / "static/description/icon.png").is_file()


def declared_models():
    models = {}
    for path in ADDON.glob("**/*.py"):
        if "tests" in path.parts or "services" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            attrs = {
                target.id: stmt.value
                for stmt in node.body
                if isinstance(stmt, ast.Assign)
                for target in stmt.targets
                if isinstance(target, ast.Name)
            }
            name = attrs.get("_name")
            if isinstance(name, ast.Constant):
                abstract = any(
                    isinstance(base, ast.Attribute) and base.attr == "AbstractModel"
                    for base in node.bases
                )
                models[name.value] = abstract
    return models


def test_every_model_has_access_rules():
    with (ADDON / "security/ir.model.access.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    covered = {row["model_id:id"].split(".")[-1] for row in rows}
    for model, abstract in declared_models().items():
        if abstract:
            continue
        xml_id = "model_" + model.replace(".", "_")
        assert xml_id in covered, f"{model} has no line in ir.model.access.csv"


def xml_files():
    return [ADDON / name for name in manifest()["data"] if name.endswith(".xml")]


def test_xml_ids_are_unique_and_views_use_odoo_18_idioms():
    seen = {}
    for path in xml_files():
        root = etree.parse(str(path)).getroot()
        for node in root.iter("record", "menuitem", "template"):
            xml_id = node.get("id")
            assert xml_id not in seen, f"{xml_id} in {path.name} and {seen.get(xml_id)}"
            seen[xml_id] = path.name
        text = path.read_text()
        assert "<tree" not in text, f"{path.name}: use <list>, not <tree>"
        assert not re.search(r"\battrs=", text), f"{path.name}: attrs= is gone in Odoo 18"
        assert not re.search(r"\bstates=", text), f"{path.name}: states= is gone in Odoo 18"
