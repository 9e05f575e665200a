#!/usr/bin/env bash
# The release step: run once per deployment, on one host, after the code and its dependencies
# are in place and before the app servers restart. Safe to run again.
#   DJANGO_SETTINGS_MODULE defaults to production; PYTHON to the checkout's virtualenv.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-aicities.settings.production}"
PYTHON="${PYTHON:-.venv/bin/python}"

"$PYTHON" manage.py migrate --noinput
"$PYTHON" manage.py compile_translations
"$PYTHON" manage.py collectstatic --noinput --verbosity 0
"$PYTHON" manage.py setup_groups
"$PYTHON" manage.py sync_site
"$PYTHON" manage.py bootstrap_site
"$PYTHON" manage.py update_index --verbosity 0
"$PYTHON" manage.py requeue_stalled_emails
"$PYTHON" manage.py check --deploy
echo "Release done."
