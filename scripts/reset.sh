#!/usr/bin/env bash
# `make reset`: stops what `make run` started and deletes its database, mail and logs,
# so that the next `make run` starts over with fresh demo data (and the demo of any
# feature added since the database was made: seeding happens on an empty database only).
set -euo pipefail
source "$(dirname "$0")/common.sh"

"$root/scripts/stop.sh"
if [ -f "$var/pg.path" ]; then
  pg=$(cat "$var/pg.path")
  # Only a cluster the scripts made: under var/, or root's folder under /var/lib/campus.
  case "$pg" in "$var"/* | /var/lib/campus/*) rm -rf "$pg" ;; esac
fi
rm -rf "$var"
echo "Campus reset: \`make run\` starts over with fresh demo data."
