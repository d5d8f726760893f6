#!/usr/bin/env bash
# A local PostgreSQL cluster for development and tests.
#
#   scripts/pg.sh start DIR   initialise (first time) and start a cluster in DIR
#   scripts/pg.sh stop DIR    stop it
#   scripts/pg.sh env DIR     print the libpq settings that reach it (for eval)
#
# The cluster listens on a unix socket in DIR only (no TCP), trusts local connections
# and has a superuser role `campus`. PostgreSQL refuses to run as root, so as root
# the cluster belongs to the `postgres` user and DIR must be reachable by it.
set -euo pipefail

cmd=${1:?usage: pg.sh start|stop|env DIR}
dir=${2:?usage: pg.sh start|stop|env DIR}
port=${CAMPUS_PG_PORT:-5432}

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  if [ -x "$candidate/initdb" ]; then bindir=$candidate; break; fi
done
if [ -z "$bindir" ] && command -v initdb >/dev/null; then bindir=$(dirname "$(command -v initdb)"); fi
[ -n "$bindir" ] || { echo "pg.sh: PostgreSQL server binaries not found (install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
      chown postgres: "$dir"
      if ! runuser -u postgres -- test -w "$dir"; then
        echo "pg.sh: $dir is not reachable by the postgres user; use a directory outside /root (e.g. /var/lib/campus)" >&2
        exit 1
      fi
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bindir/initdb" -D "$dir/data" -U campus --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then exit 0; fi
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgresql.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -p $port -c fsync=${CAMPUS_PG_FSYNC:-on} -c max_connections=${CAMPUS_PG_MAX_CONNECTIONS:-200}" \
      start >/dev/null || { tail -20 "$dir/postgresql.log" >&2; exit 1; }
    ;;
  stop)
    if [ -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  env)
    echo "export PGHOST='$dir' PGPORT='$port' PGUSER=campus"
    ;;
  *)
    echo "usage: pg.sh start|stop|env DIR" >&2; exit 2 ;;
esac
