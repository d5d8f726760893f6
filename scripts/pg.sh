#!/usr/bin/env bash
# A local PostgreSQL cluster for development and tests.
#
#   scripts/pg.sh start DIR   initialise (first time) and start a cluster in DIR
#   scripts/pg.sh stop DIR    stop it
#   scripts/pg.sh env DIR     print the libpq settings that reach it (for eval)
#
# The cluster listens on a unix socket in DIR only (no TCP), and DIR is its owner's
# alone. Two roles: `postgres`, the superuser, reached only by the cluster's owner
# account (peer authentication), and `campus`, which owns the application's databases
# and may create databases but is no superuser; it signs in with a generated password
# (SCRAM) kept in DIR/pgpass, readable by whoever ran this script and nobody else.
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres`
# user and DIR must be reachable by it.
set -euo pipefail
umask 077

cmd=${1:?usage: pg.sh start|stop|env DIR}
dir=${2:?usage: pg.sh start|stop|env DIR}
port=${CAMPUS_PG_PORT:-5432}
passfile="$dir/pgpass"

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  if [ -x "$candidate/initdb" ]; then bindir=$candidate; break; fi
done
if [ -z "$bindir" ] && command -v initdb >/dev/null; then bindir=$(dirname "$(command -v initdb)"); fi
[ -n "$bindir" ] || { echo "pg.sh: PostgreSQL server binaries not found (install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The cluster's owner account: the only one that may sign in as the superuser.
owner_account() {
  if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi
}

initialise() {
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth-local=peer --auth-host=reject \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner tee "$dir/data/pg_hba.conf" >/dev/null <<'HBA'
# TYPE  DATABASE  USER      METHOD
local   all       postgres  peer map=owner
local   all       campus    scram-sha-256
HBA
  printf '# MAP  SYSTEM-USER  DATABASE-USER\nowner  %s  postgres\n' "$(owner_account)" \
    | as_owner tee "$dir/data/pg_ident.conf" >/dev/null
  rm -f "$passfile"
}

# A cluster made by an earlier version trusts every local account: never start it.
refuse_trusting_cluster() {
  if grep -qE '^[^#]*[[:space:]]trust([[:space:]]|$)' "$dir/data/pg_hba.conf"; then
    echo "pg.sh: $dir holds a cluster that lets every local user in as superuser (trust)." >&2
    echo "pg.sh: stop it (make stop) and remove $dir; the next start creates a safe one." >&2
    exit 1
  fi
}

# The application's role, with a fresh password; the password travels on standard
# input (never on a command line that `ps` would show) and is hashed by the server.
create_application_role() {
  local password
  password=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
  as_owner "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres -f - >/dev/null <<SQL
SET password_encryption = 'scram-sha-256';
SELECT 'CREATE ROLE campus' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'campus') \gexec
ALTER ROLE campus LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '$password';
SQL
  printf '*:%s:*:campus:%s\n' "$port" "$password" > "$passfile.tmp"
  mv "$passfile.tmp" "$passfile"
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    chmod 700 "$dir"
    if [ "$(id -u)" = 0 ]; then
      chown postgres: "$dir"
      if ! runuser -u postgres -- test -w "$dir"; then
        echo "pg.sh: $dir is not reachable by the postgres user; use a directory outside /root (e.g. /var/lib/campus)" >&2
        exit 1
      fi
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then initialise; else refuse_trusting_cluster; fi
    if ! as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgresql.log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c unix_socket_permissions=0700 -p $port -c fsync=${CAMPUS_PG_FSYNC:-on} -c max_connections=${CAMPUS_PG_MAX_CONNECTIONS:-200}" \
        start >/dev/null || { tail -20 "$dir/postgresql.log" >&2; exit 1; }
    fi
    [ -f "$passfile" ] || create_application_role
    ;;
  stop)
    if [ -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  env)
    echo "export PGHOST='$dir' PGPORT='$port' PGUSER=campus PGPASSFILE='$passfile'"
    ;;
  *)
    echo "usage: pg.sh start|stop|env DIR" >&2; exit 2 ;;
esac
