#!/usr/bin/env bash
# pylint-odoo's checks that catch real mistakes in Odoo Python code and manifests.
# (XML ids, data files and access rules are checked by tests/test_addon_structure.py.)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
checks=(
    manifest-required-author manifest-required-key manifest-deprecated-key manifest-version-format
    manifest-author-string manifest-data-duplicated license-allowed development-status-allowed
    manifest-superfluous-key manifest-summary-multiline
    method-compute method-inverse method-search method-required-super missing-return
    translation-required translation-field translation-positional-used translation-injection
    translation-too-many-args translation-too-few-args translation-not-lazy
    sql-injection invalid-commit external-request-timeout print-used no-write-in-compute
    deprecated-name-get attribute-deprecated renamed-field-parameter test-folder-imported
    odoo-addons-relative-import context-overridden
)
exec "$ODOO_PYTHON" -m pylint --load-plugins=pylint_odoo --disable=all \
    --enable="$(IFS=,; echo "${checks[*]}")" --valid-odoo-versions="$(odoo_series)" \
    --manifest-required-authors="remote_netsuite_connector maintainers" \
    --score=n remote_netsuite_connector
