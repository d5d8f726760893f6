#!/usr/bin/env bash
# `make run`: install what is missing, build, start PostgreSQL (a local cluster under
# var/ unless DATABASE_URL or PGDATABASE says otherwise), migrate, seed the demo data
# on first start, start the responder and nginx, print the address.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$root"

port=${CAMPUS_PORT:-8080}
# Our own nginx from an earlier `make run` may hold the port; anything else is a clear stop.
"$root/scripts/nginx.sh" stop "$var/nginx"
if port_taken 127.0.0.1 "$port"; then
  echo "run.sh: port $port is already taken by another program; set CAMPUS_PORT to another port" >&2
  exit 1
fi
"$root/scripts/deps.sh"
bin=${CAMPUS_BIN:-}
if [ -z "$bin" ]; then
  echo "Building (release)…"
  swift build -c release --product campus 2>&1 | tail -n 1
  bin="$root/.build/release/campus"
fi

mkdir -p "$var/run" "$var/log" "$var/mail"
# Owner-only, also what an earlier version left readable (mail, logs).
chmod -R go-rwx "$var"
# Links in emails must reach this nginx; the socket is for nginx's workers, which run
# as this account.
CAMPUS_BASE_URL=$(base_url_for "$port")
export CAMPUS_BASE_URL CAMPUS_SOCKET_MODE=${CAMPUS_SOCKET_MODE:-600}
if [ -z "${DATABASE_URL:-}" ] && [ -z "${PGDATABASE:-}" ]; then
  pg=$(pg_dir_for "$var/pg")
  echo "$pg" > "$var/pg.path"
  "$root/scripts/pg.sh" start "$pg"
  eval "$("$root/scripts/pg.sh" env "$pg")"
  export PGDATABASE=campus
  if ! psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'campus'" | grep -q 1; then
    createdb campus
  fi
fi

"$bin" migrate
# Demo data on first start only: `seed` exits 3 when the database already has data.
set +e
seeded=$("$bin" seed --demo 2>&1)
status=$?
set -e
case $status in
  0) echo "$seeded" ;;
  3) ;;
  *) echo "$seeded" >&2; exit 1 ;;
esac

if [ -f "$var/run/supervise.pid" ] && kill -0 "$(cat "$var/run/supervise.pid")" 2>/dev/null; then
  kill -TERM "$(cat "$var/run/supervise.pid")"
  while kill -0 "$(cat "$var/run/supervise.pid")" 2>/dev/null; do sleep 0.1; done
fi
for name in mail scholarships; do
  if [ -f "$var/run/$name.pid" ] && kill -0 "$(cat "$var/run/$name.pid")" 2>/dev/null; then
    kill -TERM "$(cat "$var/run/$name.pid")"
    while kill -0 "$(cat "$var/run/$name.pid")" 2>/dev/null; do sleep 0.1; done
  fi
done
socket="$var/run/campus.sock"
if [ ${#socket} -gt 100 ]; then
  echo "run.sh: $socket is too long for a unix socket (over 100 bytes); set CAMPUS_VAR to a shorter folder" >&2
  exit 1
fi
nohup "$root/scripts/supervise.sh" "$var/log/campus.log" "$bin" serve --socket "$socket" >/dev/null 2>&1 &
echo $! > "$var/run/supervise.pid"
# The outbox, delivered every few seconds as files under var/mail (or CAMPUS_SENDMAIL).
export CAMPUS_MAIL_DIR=${CAMPUS_MAIL_DIR:-$var/mail}
nohup "$root/scripts/supervise.sh" "$var/log/mail.log" "$bin" mail --every 3 >/dev/null 2>&1 &
echo $! > "$var/run/mail.pid"
# Scholarship awards past their deadline, and documents past their retention, every minute.
nohup "$root/scripts/supervise.sh" "$var/log/scholarships.log" "$bin" scholarships sweep --every 60 >/dev/null 2>&1 &
echo $! > "$var/run/scholarships.pid"

"$root/scripts/nginx.sh" start "$var/nginx" "127.0.0.1:$port" "unix:$socket"

if ! wait_for "http://127.0.0.1:$port/healthz"; then
  echo "Campus did not start; see $var/log/campus.log and $var/nginx/error.log" >&2
  exit 1
fi
cat <<MSG

Campus is running: http://127.0.0.1:$port/

$("$bin" seed --demo --print-accounts)

  email       $CAMPUS_MAIL_DIR (one .eml file per message: verification links, resets…)
  logs        $var/log/campus.log (responder), $var/log/mail.log, $var/log/scholarships.log, $var/nginx/access.log
  stop        make stop
MSG
