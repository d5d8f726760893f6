#!/usr/bin/env bash
# `make stop`: stops what `make run` started (nginx, the responder, PostgreSQL).
set -euo pipefail
source "$(dirname "$0")/common.sh"

"$root/scripts/nginx.sh" stop "$var/nginx"
if [ -f "$var/run/supervise.pid" ]; then
  pid=$(cat "$var/run/supervise.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$var/run/supervise.pid"
fi
if [ -f "$var/pg.path" ]; then
  "$root/scripts/pg.sh" stop "$(cat "$var/pg.path")"
fi
echo "Campus stopped."
