#!/usr/bin/env bash
# Keeps `campus serve` running: restarts it when it exits, as systemd's Restart=always
# does in production. Stops (and stops the responder) on SIGTERM.
#   scripts/supervise.sh LOGFILE campus serve --socket ...
set -u
log=$1; shift
child=0
stop() { [ "$child" -gt 0 ] && kill -TERM "$child" 2>/dev/null && wait "$child"; exit 0; }
trap stop TERM INT
while true; do
  "$@" >>"$log" 2>&1 &
  child=$!
  wait "$child"
  echo "supervise: responder exited with status $?; restarting" >>"$log"
  sleep 1
done
