#!/usr/bin/env bash
# The release step: once per deployment, on one host, after the code and its dependencies are
# in place and before the app servers restart. Safe to run again.
#   sudo /srv/aicities/app/deploy/release.sh
# It first takes a backup (deploy/backup: database, both file stores, environment file), so an
# upgrade whose migrations go wrong can be rolled back (deploy/README.md, "Upgrade and roll
# back"). Every command then runs through deploy/manage: as the service user, with the
# environment file read exactly as systemd reads it for the services.
set -euo pipefail
cd "$(dirname "$0")/.."
MANAGE=deploy/manage

echo "Backup before migrating: $(deploy/backup)"
$MANAGE migrate --noinput
$MANAGE compile_translations
$MANAGE collectstatic --noinput --verbosity 0
$MANAGE setup_groups
$MANAGE sync_site
$MANAGE bootstrap_site
$MANAGE update_index --verbosity 0
$MANAGE requeue_stalled_emails
$MANAGE check --deploy
echo "Release done."
