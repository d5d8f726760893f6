#!/usr/bin/env bash
# `make stop`: stops what `make run` started (nginx, the responder, PostgreSQL).
set -euo pipefail
source "$(dirname "$0")/common.sh"

"$root/scripts/nginx.sh" stop "$var/nginx"
for name in supervise mail scholarships; do
  if [ -f "$var/run/$name.pid" ]; then
    pid=$(cat "$var/run/$name.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
    rm -f "$var/run/$name.pid"
  fi
done
if [ -f "$var/pg.path" ]; then
  "$root/scripts/pg.sh" stop "$(cat "$var/pg.path")"
fi
echo "Campus stopped."
