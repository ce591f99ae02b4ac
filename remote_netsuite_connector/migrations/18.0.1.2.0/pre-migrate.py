"""NetSuite's cached departments are now ``remote.netsuite.ns.department``, a name that says which
side they are on beside Remote's ``remote.netsuite.remote.department``.

Before the registry loads, the table (its sequence, indexes and constraints), its many2many table
with the subsidiaries, and every place Odoo names the model move to the new name, as OCA's
openupgradelib ``rename_models`` / ``rename_tables`` do: the cached departments keep their ids,
so the Remote departments mapped to them stay mapped.
"""

from psycopg2 import sql

OLD_MODEL, NEW_MODEL = "remote.netsuite.department", "remote.netsuite.ns.department"
OLD_TABLE, NEW_TABLE = "remote_netsuite_department", "remote_netsuite_ns_department"
SUBSIDIARY_TABLE = "remote_netsuite_subsidiary"
MAX_IDENTIFIER = 63  # PostgreSQL's identifier length

# (table, column) holding a model name, in Odoo's base and mail
MODEL_NAME_COLUMNS = (
    ("ir_model_fields", "relation"),
    ("ir_model_data", "model"),
    ("ir_attachment", "res_model"),
    ("ir_filters", "model_id"),
    ("ir_exports", "resource"),
    ("ir_act_window", "res_model"),
    ("ir_act_server", "model_name"),
    ("ir_ui_view", "model"),
    ("mail_message", "model"),
    ("mail_followers", "res_model"),
    ("mail_activity", "res_model"),
    ("mail_template", "model"),
)


def migrate(cr, version):
    if not _table_exists(cr, OLD_TABLE):
        return
    cr.execute("SELECT id FROM ir_model WHERE model = %s", [OLD_MODEL])
    (model_id,) = cr.fetchone()

    renamed = _rename_table(cr, OLD_TABLE, NEW_TABLE)
    old_rel = f"{OLD_TABLE}_{SUBSIDIARY_TABLE}_rel"
    new_rel = f"{NEW_TABLE}_{SUBSIDIARY_TABLE}_rel"
    if _table_exists(cr, old_rel):
        _rename_table(cr, old_rel, new_rel)
        cr.execute(
            sql.SQL("ALTER TABLE {} RENAME COLUMN {} TO {}").format(
                sql.Identifier(new_rel),
                sql.Identifier(f"{OLD_TABLE}_id"),
                sql.Identifier(f"{NEW_TABLE}_id"),
            )
        )
        cr.execute("UPDATE ir_model_relation SET name = %s WHERE name = %s", [new_rel, old_rel])

    # the constraints Odoo reflected, by their PostgreSQL names, and their external ids
    for old, new in renamed:
        cr.execute(
            "UPDATE ir_model_constraint SET name = %s WHERE name = %s AND model = %s",
            [new, old, model_id],
        )
        cr.execute(
            "UPDATE ir_model_data SET name = %s WHERE name = %s AND model = 'ir.model.constraint'",
            [f"constraint_{new}", f"constraint_{old}"],
        )

    # the model's own external ids, then every place that names the model
    cr.execute(
        "UPDATE ir_model_data SET name = %s WHERE name = %s AND model = 'ir.model'",
        [f"model_{NEW_TABLE}", f"model_{OLD_TABLE}"],
    )
    cr.execute(
        """
        UPDATE ir_model_data imd
           SET name = 'field_' || %s || '__' || imf.name
          FROM ir_model_fields imf
         WHERE imd.model = 'ir.model.fields'
           AND imd.res_id = imf.id
           AND imd.name = 'field_' || %s || '__' || imf.name
           AND imf.model = %s
        """,
        [NEW_TABLE, OLD_TABLE, OLD_MODEL],
    )
    cr.execute("UPDATE ir_model SET model = %s WHERE id = %s", [NEW_MODEL, model_id])
    cr.execute("UPDATE ir_model_fields SET model = %s WHERE model = %s", [NEW_MODEL, OLD_MODEL])
    for table, column in MODEL_NAME_COLUMNS:
        if _column_exists(cr, table, column):
            cr.execute(
                sql.SQL("UPDATE {table} SET {column} = %s WHERE {column} = %s").format(
                    table=sql.Identifier(table), column=sql.Identifier(column)
                ),
                [NEW_MODEL, OLD_MODEL],
            )


def _rename_table(cr, old, new):
    """Rename table ``old``, its id sequence, and the indexes and constraints named after it
    (but those whose new name PostgreSQL would truncate). Returns the renamed constraints."""
    cr.execute(
        sql.SQL("ALTER TABLE {} RENAME TO {}").format(sql.Identifier(old), sql.Identifier(new))
    )
    if _sequence_exists(cr, f"{old}_id_seq"):
        cr.execute(
            sql.SQL("ALTER SEQUENCE {} RENAME TO {}").format(
                sql.Identifier(f"{old}_id_seq"), sql.Identifier(f"{new}_id_seq")
            )
        )
    prefix = f"{old}_"
    cr.execute(
        """
        SELECT con.conname
          FROM pg_constraint con
          JOIN pg_class tab ON tab.oid = con.conrelid
          JOIN pg_namespace ns ON ns.oid = tab.relnamespace
         WHERE tab.relname = %s AND ns.nspname = current_schema()
        """,
        [new],
    )
    constraints = [
        (name, new + name[len(old) :]) for (name,) in cr.fetchall() if name.startswith(prefix)
    ]
    constraints = [(o, n) for o, n in constraints if len(n) <= MAX_IDENTIFIER]
    for old_name, new_name in constraints:
        # an index that backs a constraint (primary key, unique) follows it
        cr.execute(
            sql.SQL("ALTER TABLE {} RENAME CONSTRAINT {} TO {}").format(
                sql.Identifier(new), sql.Identifier(old_name), sql.Identifier(new_name)
            )
        )
    cr.execute(
        "SELECT indexname FROM pg_indexes WHERE tablename = %s AND schemaname = current_schema()",
        [new],
    )
    for (name,) in cr.fetchall():
        new_name = new + name[len(old) :]
        if name.startswith(prefix) and len(new_name) <= MAX_IDENTIFIER:
            cr.execute(
                sql.SQL("ALTER INDEX {} RENAME TO {}").format(
                    sql.Identifier(name), sql.Identifier(new_name)
                )
            )
    return constraints


def _table_exists(cr, name):
    cr.execute(
        "SELECT 1 FROM pg_tables WHERE tablename = %s AND schemaname = current_schema()", [name]
    )
    return bool(cr.rowcount)


def _sequence_exists(cr, name):
    cr.execute(
        "SELECT 1 FROM pg_sequences WHERE sequencename = %s AND schemaname = current_schema()",
        [name],
    )
    return bool(cr.rowcount)


def _column_exists(cr, table, column):
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = %s AND column_name = %s
        """,
        [table, column],
    )
    return bool(cr.rowcount)
