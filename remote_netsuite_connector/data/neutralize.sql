-- neutralization of Remote ↔ NetSuite: a copied database must never push into production NetSuite
-- nor act with production credentials. Every encrypted secret (columns *_cipher, whatever issue
-- added them) is blanked, automatic sync is switched off and the sync crons are deactivated.
DO $$
DECLARE
    secret_column text;
BEGIN
    FOR secret_column IN
        SELECT column_name FROM information_schema.columns
         WHERE table_schema = current_schema()
           AND table_name = 'remote_netsuite_connection'
           AND column_name LIKE '%\_cipher'
    LOOP
        EXECUTE format('UPDATE remote_netsuite_connection SET %I = NULL', secret_column);
    END LOOP;
END
$$;
UPDATE remote_netsuite_connection
   SET auto_sync = false;
UPDATE ir_cron
   SET active = false
 WHERE id IN (SELECT res_id FROM ir_model_data
               WHERE module = 'remote_netsuite_connector' AND model = 'ir.cron');
