# The two commands of the README, and a few more. ODOO_PYTHON: a Python that can `import odoo` (18.0).
ODOO_PYTHON ?= python3
export ODOO_PYTHON

.PHONY: demo test lint bench drills wheel

demo:  ## Odoo with the addon on a demo database, wired to the simulators: http://127.0.0.1:8069
	bash scripts/demo.sh

test:  ## Every check and test: lint, pure pytest, the Odoo layer (fails loudly without Odoo)
	bash scripts/test.sh

lint:  ## .pre-commit-config.yaml on every tracked file: ruff, pylint-odoo, the OCA's checks, prettier
	$(ODOO_PYTHON) -m pre_commit run --all-files --show-diff-on-failure

wheel:  ## The addon as an OCA-style wheel, built by whool: dist/odoo_addon_remote_netsuite_connector-*.whl
	rm -f dist/odoo_addon_remote_netsuite_connector-*.whl
	$(ODOO_PYTHON) -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation \
		--wheel-dir dist ./remote_netsuite_connector

bench:  ## Benchmarks against the simulators: prints figures, fails when a target is missed
	bash scripts/bench.sh

drills:  ## Reliability drills: kill, fault, bad input, two workers
	bash scripts/drills.sh
