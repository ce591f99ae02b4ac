from . import sync_wizard
from . import bill_preview
