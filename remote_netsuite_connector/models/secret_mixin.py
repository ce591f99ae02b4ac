from odoo import api, models
from odoo.exceptions import UserError

from ..tools import secret_box

SECRET_GROUP = "remote_netsuite_connector.group_secret_storage"  # noqa: S105 - a group xml id


class RemoteNetsuiteSecretMixin(models.AbstractModel):
    """Write-only secrets encrypted at rest.

    For each secret ``x`` listed in ``_secret_fields`` (name -> label) the model declares:
    ``x`` a non-stored Char computed empty, with an inverse calling ``_store_secret("x")``;
    ``x_set`` a Boolean computed by ``_compute_secret_set``; ``x_cipher`` the stored Fernet token,
    restricted to ``SECRET_GROUP`` (a group no user belongs to). Only code reads a secret, through
    ``_get_secret("x")``; the browser, read(), exports, events and the debug log of RPC calls
    (tools/log_redaction.py) never see it. Where each secret is sent: const.SECRET_DESTINATIONS.
    """

    _name = "remote.netsuite.secret.mixin"
    _description = "Encrypted write-only secrets"

    _secret_fields: dict[str, str] = {}

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._forget_typed_secrets()
        return records

    def write(self, vals):
        result = super().write(vals)
        self._forget_typed_secrets()
        return result

    def _forget_typed_secrets(self):
        """Once stored, drop what was typed from the cache: a read in the same request (the
        form's web_save answer) would return it in clear."""
        self.invalidate_recordset(list(self._secret_fields))

    def _compute_secret_placeholder(self):
        for record in self:
            for name in self._secret_fields:
                record[name] = False

    @api.depends(lambda self: [f"{name}_cipher" for name in self._secret_fields])
    def _compute_secret_set(self):
        for record in self:
            stored = record.sudo()
            for name in self._secret_fields:
                record[f"{name}_set"] = bool(stored[f"{name}_cipher"])

    def _store_secret(self, name):
        for record in self:
            value = (record[name] or "").strip()
            if value:  # the field always shows empty: leaving it empty keeps the secret
                record.sudo()[f"{name}_cipher"] = secret_box.encrypt(self.env.cr.dbname, value)

    def _get_secret(self, name):
        self.ensure_one()
        token = self.sudo()[f"{name}_cipher"]
        if not token:
            return ""
        try:
            return secret_box.decrypt(self.env.cr.dbname, token)
        except secret_box.SecretKeyError as error:
            raise UserError(
                self.env._(
                    "The %(secret)s of %(record)s cannot be decrypted: %(reason)s. The encryption "
                    "key of this database was lost or changed (server option remote_netsuite_key "
                    "or the key file in the data directory). Re-enter the secrets (%(all)s) on "
                    "the form and save.",
                    secret=self._secret_fields[name],
                    record=self.display_name,
                    reason=error,
                    all=", ".join(self._secret_fields.values()),
                )
            ) from None
