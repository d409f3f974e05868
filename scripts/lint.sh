#!/usr/bin/env bash
# The linters OCA runs on 18.0 addons (ruff, pylint-odoo, oca-odoo-pre-commit-hooks),
# through pre-commit's local hooks, over the whole repository. Installs them first into
# .local/lint from requirements-lint.txt. Extra arguments go to pre-commit run.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

LINT_VENV=$STATE/lint
stamp=$LINT_VENV/.requirements.sha
want=$(sha256sum "$REPO/requirements-lint.txt" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    command -v "$PYTHON" >/dev/null || die "$PYTHON not found: Python 3.11 is required."
    say "Installing the linters in $LINT_VENV"
    "$PYTHON" -m venv "$LINT_VENV"
    "$LINT_VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REPO/requirements-lint.txt"
    echo "$want" >"$stamp"
fi
cd "$REPO"
# gen_addon_readme.py needs docutils: the suite's environment has it.
ensure_venv
PATH="$VENV/bin:$LINT_VENV/bin:$PATH" PRE_COMMIT_HOME="$STATE/pre-commit" \
    "$LINT_VENV/bin/pre-commit" run --all-files --show-diff-on-failure "$@"
