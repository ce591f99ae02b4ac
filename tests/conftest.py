"""Pure tests: services and simulators, without Odoo.

The addon package's ``__init__`` imports Odoo models, so its ``services`` subpackage is loaded here
through a bare package object for ``remote_netsuite_connector``: the services never import odoo.
"""

import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDON_DIR = ROOT / "remote_netsuite_connector"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

if "remote_netsuite_connector" not in sys.modules:
    package = types.ModuleType("remote_netsuite_connector")
    package.__path__ = [str(ADDON_DIR)]
    sys.modules["remote_netsuite_connector"] = package
