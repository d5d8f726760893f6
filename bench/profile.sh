#!/usr/bin/env bash
# Instructions per request, page by page, counted by valgrind's callgrind: unlike wall
# time, the counts repeat from run to run and do not move when other work shares the
# cores, so a change can be judged by them on a busy machine.
#
#   bench/profile.sh [REQUESTS]     (default 20 per page)
#   PROFILE_PAGES='topic|topic-5000' bench/profile.sh     (only the pages named)
#
# A throwaway cluster with the demo data, then `campus serve --workers 1` under
# callgrind, collecting only inside the responder's `serve` (parameters copied, the
# request decoded, routed, answered and written). Each page is asked for twice to warm
# the worker up (prepared statements, first allocations), the counters are zeroed, then
# it is asked for REQUESTS times with cgi-fcgi (nginx's parameters, as
# www/nginx.conf sends them) and the counts are dumped. Prints instructions per request
# per page; the dumps stay in the printed folder for callgrind_annotate.
set -euo pipefail
source "$(dirname "$0")/../scripts/common.sh"
cd "$root"

requests=${1:-20}
bin="$root/.build/release/campus"
[ -x "$bin" ] || { echo "profile: build first (swift build -c release --product campus)" >&2; exit 1; }
for tool in valgrind callgrind_control callgrind_annotate cgi-fcgi; do
  command -v "$tool" >/dev/null || { echo "profile: $tool is missing (apt-get install valgrind libfcgi-bin)" >&2; exit 1; }
done
unset DATABASE_URL PGDATABASE PGHOST PGPORT PGUSER PGPASSWORD PGPASSFILE PGSERVICE
# Outside /root, so that as root the cluster's owner (postgres) can reach it.
work=$(mktemp -d /tmp/campus-profile.XXXXXX)
chmod 755 "$work"
pg="$work/pg"
socket="$work/campus.sock"
serve_pid=0

cleanup() {
  [ "$serve_pid" -gt 0 ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  "$root/scripts/pg.sh" stop "$pg" >/dev/null 2>&1 || true
  rm -rf "$pg"
}
trap cleanup EXIT

"$root/scripts/pg.sh" start "$pg"
eval "$("$root/scripts/pg.sh" env "$pg")"
createdb campus
export PGDATABASE=campus CAMPUS_BASE_URL=http://127.0.0.1:8080
"$bin" migrate >/dev/null
"$bin" seed --demo >/dev/null
# The busy network's forums of `make bench`, for the last page of its 5,000-post topic.
psql -q -f "$root/bench/forums.sql"
# SQL cannot render Markdown: the generated posts are cooked as posts written through Campus are.
"$bin" forums cook >/dev/null
long_topic=$(psql -tAc "SELECT id FROM forum_topics WHERE title = 'Debate de la red: 5.000 mensajes'")

# Collect only inside FastCGIServer.serve(_:responder:).
symbol=$(nm "$bin" | awk '$3 ~ /^\$s7FastCGI0A9CGIServerC5serve.*responder.*tF$/ && !found { found = 1; print $3 }')
[ -n "$symbol" ] || { echo "profile: FastCGIServer.serve not found in $bin" >&2; exit 1; }
valgrind --tool=callgrind --compress-strings=no --compress-pos=no --toggle-collect="$symbol" --callgrind-out-file="$work/callgrind.%p" \
  "$bin" serve --socket "$socket" --workers 1 2>"$work/valgrind.log" &
serve_pid=$!
for _ in $(seq 600); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || { cat "$work/valgrind.log" >&2; exit 1; }

# One request as nginx would pass it; the answer (head and body) on standard output.
ask() {
  local method=$1 uri=$2 cookie=${3:-} body=${4:-}
  env -i REQUEST_METHOD="$method" REQUEST_URI="$uri" QUERY_STRING="${uri#*\?}" DOCUMENT_URI="${uri%%\?*}" \
    SCRIPT_NAME="${uri%%\?*}" DOCUMENT_ROOT=/usr/share/nginx/html SERVER_PROTOCOL=HTTP/1.1 REQUEST_SCHEME=http \
    GATEWAY_INTERFACE=CGI/1.1 SERVER_SOFTWARE=nginx/1.22.1 REMOTE_ADDR=127.0.0.1 REMOTE_PORT=40000 \
    SERVER_ADDR=127.0.0.1 SERVER_PORT=8080 SERVER_NAME=_ REDIRECT_STATUS=200 HTTP_HOST=127.0.0.1 \
    HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0" \
    HTTP_ACCEPT="text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" \
    HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.8,en;q=0.5" HTTP_ACCEPT_ENCODING="gzip, deflate" \
    HTTP_PROXY="" HTTP_X_FORWARDED_PROTO=http REQUEST_ID=0123456789abcdef0123456789abcdef \
    ${cookie:+HTTP_COOKIE="$cookie"} CONTENT_TYPE="${body:+application/x-www-form-urlencoded}" \
    CONTENT_LENGTH="${#body}" cgi-fcgi -bind -connect "$socket" <<<"$body" 2>/dev/null
}

# The cookies an answer sets, as a Cookie header.
cookies_of() { sed -n 's/^Set-Cookie: \([^;]*\).*/\1/p' | tr -d '\r' | paste -sd ';' | sed 's/;/; /g'; }
csrf_of() { sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | sed -n 1p; }
first_link() { grep -o "href=\"$1[^\"]*\"" | sed -n '1s/href="\(.*\)"/\1/p'; }

accounts=$("$bin" seed --demo --print-accounts)
email=$(awk '$2 == "learner," { print $1; exit }' <<<"$accounts")
password=$(sed -n '1s/.*(password: \(.*\)):.*/\1/p' <<<"$accounts")
login=$(ask GET /login)
anonymous=$(cookies_of <<<"$login")
token=$(csrf_of <<<"$login")
encode() {
  local LC_ALL=C text=$1 i c out=""
  for ((i = 0; i < ${#text}; i++)); do
    c=${text:i:1}
    case "$c" in [a-zA-Z0-9._~-]) out+=$c ;; *) out+=$(printf '%%%02X' "'$c") ;; esac
  done
  echo "$out"
}
signed=$(ask POST /login "$anonymous" "_csrf=$(encode "$token")&email=$(encode "$email")&password=$(encode "$password")" | cookies_of)
grep -q campus_session <<<"$signed" || { echo "profile: signing in as $email failed" >&2; exit 1; }
me=$(ask GET /me "$signed")
courses=$(ask GET /courses)
slug=$(first_link /courses/ <<<"$courses")
edition=$(first_link /editions/ <<<"$me")
capsule=$(first_link /capsules/ <<<"$me")
[ -n "$capsule" ] || capsule=$(first_link /capsules/ <<<"$(ask GET /capsules "$signed")")
ask POST "$capsule/start" "$signed" "_csrf=$(encode "$(csrf_of <<<"$me")")" >/dev/null

# A debate the learner takes part in: the first topic of the first forum she reads.
forum=$(first_link /forums/ <<<"$(ask GET /forums "$signed")")
topic=$(first_link /topics/ <<<"$(ask GET "$forum" "$signed")")

pages=(
  "courses|/courses|"
  "home|/|"
  "course|$slug|"
  "edition-out|$edition|"
  "edition-in|$edition|$signed"
  "me|/me|$signed"
  "lesson|$capsule/lessons/1|$signed"
  "topic|$topic|$signed"
  "topic-5000|/topics/$long_topic?page=100|$signed"
  "healthz|/healthz|"
)
# A dump's functions by their own instructions (self) and with their callees
# (inclusive), per request, Swift names demangled: FILE.top.
top_functions() {
  awk -v n="$requests" '
    /^fn=/ { fn = substr($0, 4); next }
    /^calls=/ { call = 1; next }
    /^[0-9]/ { cost = $NF; total[fn] += cost; if (!call) own[fn] += cost; call = 0; next }
    END { for (f in total) printf "%d\t%d\t%s\n", own[f] / n, total[f] / n, f }' "$1" \
    | sort -t$'\t' -k1,1nr | swift demangle --simplified --compact >"$1.top"
}

printf '%-12s %-60s %14s\n' page path instructions/request
for page in "${pages[@]}"; do
  IFS='|' read -r name path cookie <<<"$page"
  [[ "$name" =~ ^(${PROFILE_PAGES:-.*})$ ]] || continue
  for _ in 1 2; do ask GET "$path" "$cookie" >/dev/null; done
  status=$(ask GET "$path" "$cookie" | sed -n 's/^Status: \([0-9]*\).*/\1/p' | tr -d '\r')
  [ -z "$status" ] || [ "$status" = 200 ] || { echo "profile: GET $path answered $status" >&2; exit 1; }
  callgrind_control -z "$serve_pid" >/dev/null 2>&1
  for _ in $(seq "$requests"); do ask GET "$path" "$cookie" >/dev/null; done
  callgrind_control -d "$name" "$serve_pid" >/dev/null 2>&1
  dump=$(ls -t "$work"/callgrind.*.* | sed -n 1p)
  mv "$dump" "$work/$name.callgrind"
  total=$(sed -n 's/^summary: \([0-9]*\).*/\1/p; s/^totals: \([0-9]*\).*/\1/p' "$work/$name.callgrind" | sed -n 1p)
  top_functions "$work/$name.callgrind"
  printf '%-12s %-60s %14d\n' "$name" "$path" $((total / requests))
done
echo "dumps: $work/*.callgrind; per request, self and inclusive, by self: $work/*.callgrind.top"
