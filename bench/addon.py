"""Import the addon's ``services`` without Odoo: the addon package's ``__init__`` imports Odoo
models, so it is registered here as a bare package (as tests/conftest.py does)."""

import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDON = "remote_netsuite_connector"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if ADDON not in sys.modules:
    _package = types.ModuleType(ADDON)
    _package.__path__ = [str(ROOT / ADDON)]
    sys.modules[ADDON] = _package
