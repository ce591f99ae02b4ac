from . import controllers, models, wizard
from .tools import log_redaction

log_redaction.install()
