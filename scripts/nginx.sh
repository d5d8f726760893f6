#!/usr/bin/env bash
# nginx in front of the responder, for `make run` and `make test`.
#
#   scripts/nginx.sh start DIR LISTEN UPSTREAM   render www/nginx.conf into DIR and start nginx
#   scripts/nginx.sh stop DIR                    stop it
#
# LISTEN is like 127.0.0.1:8080; UPSTREAM is unix:/path/to/campus.sock or HOST:PORT.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cmd=${1:?usage: nginx.sh start DIR LISTEN UPSTREAM | stop DIR}
dir=${2:?usage: nginx.sh start DIR LISTEN UPSTREAM | stop DIR}
nginx=$(command -v nginx || echo /usr/sbin/nginx)

case "$cmd" in
  start)
    listen=${3:?LISTEN missing}
    upstream=${4:?UPSTREAM missing}
    mkdir -p "$dir/tmp"
    host=${listen%:*}
    port=${listen##*:}
    if port_taken "$host" "$port"; then
      echo "nginx.sh: $listen is already taken by another program; set CAMPUS_PORT to another port" >&2
      exit 1
    fi
    # Workers started by root run as nobody, who cannot reach a checkout under /root:
    # a local demo or test run as root keeps them as root.
    user=""
    [ "$(id -u)" = 0 ] && user="user root;"
    # In bytes, as the responder counts it (a `0m` would mean "no limit" to nginx).
    body_limit=${CAMPUS_BODY_LIMIT:-10485760}
    # Paths go into sed replacements: escape what sed would read as syntax.
    quote() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }
    sed -e "s|@USER@|$user|" -e "s|@PREFIX@|$(quote "$dir")|g" -e "s|@LISTEN@|$listen|g" -e "s|@WWW@|$(quote "$root/www")|g" \
        -e "s|@UPSTREAM@|$(quote "$upstream")|g" -e "s|@BODY_LIMIT@|$body_limit|g" -e "s|@NGINX_ETC@|$(quote "${CAMPUS_NGINX_ETC:-/etc/nginx}")|g" \
        "$root/www/nginx.conf" > "$dir/nginx.conf"
    "$nginx" -t -q -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf"
    "$nginx" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf"
    ;;
  stop)
    if [ -f "$dir/nginx.pid" ]; then
      "$nginx" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" -s quit 2>/dev/null || kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
      for _ in $(seq 50); do [ -f "$dir/nginx.pid" ] || break; sleep 0.1; done
    fi
    ;;
  *)
    echo "usage: nginx.sh start DIR LISTEN UPSTREAM | stop DIR" >&2; exit 2 ;;
esac
