from . import bill_preview, sync_wizard
