from . import controllers, models, sync, wizard
from .tools import log_redaction

log_redaction.install()
