"""Connections that existed before REST + OAuth 2.0 keep SOAP + TBA.

New connections default to REST, and the ORM would give existing rows that default when it adds
the column; so the column is added here first, filled with SOAP.
"""


def migrate(cr, version):
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_schema = current_schema()
           AND table_name = 'remote_netsuite_connection'
           AND column_name = 'netsuite_transport'
        """
    )
    if cr.fetchone():
        return
    cr.execute("ALTER TABLE remote_netsuite_connection ADD COLUMN netsuite_transport varchar")
    cr.execute("UPDATE remote_netsuite_connection SET netsuite_transport = 'soap'")
