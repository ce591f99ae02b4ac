"""``odoo-bin`` for an Odoo installed as a package (``import odoo``), for servers in multi-worker
mode. Their prefork server starts its gevent (websocket) worker as ``python sys.argv[0] gevent``:
under ``python -m odoo`` that is ``odoo/__main__.py``, whose relative import fails as a script,
so the worker dies and is started again, over and over. It lives in ``scripts/`` because
``bench/odoo/`` would shadow the ``odoo`` package for a script run from ``bench/``."""

import os

os.environ["TZ"] = "UTC"  # as odoo-bin: the server's time zone is UTC

import odoo

if __name__ == "__main__":
    odoo.cli.main()
