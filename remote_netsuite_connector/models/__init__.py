from . import connection
