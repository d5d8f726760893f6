#!/usr/bin/env bash
# `make bench`: Campus's pages through nginx with wrk, side by side with a ceiling — a
# bare C libfcgi + libpq responder (bench/ceiling.c) answering the catalog's statement
# with the same /courses markup, behind the same nginx instance, in the same run.
#
# A stack of its own from a clean state: a fresh cluster under var/bench (through
# scripts/run.sh), the demo data and a busy network's forums (bench/forums.sql), Campus on
# CAMPUS_BENCH_PORT (8090) and the ceiling on
# the next port. Each page is measured at 32 and 128 connections (wrk, 2 threads,
# CAMPUS_BENCH_SECONDS each, default 10). The table goes to standard output and to
# bench/results/latest.md. Everything started here is stopped at the end, even on failure.
# Speed is measured here, never asserted by a test.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$root"

load_before=$(cat /proc/loadavg)
"$root/scripts/deps.sh" test
# Always a cluster of its own, whatever database the calling shell points at.
unset DATABASE_URL PGDATABASE PGHOST PGPORT PGUSER PGPASSWORD PGPASSFILE PGSERVICE
export CAMPUS_VAR="$root/var/bench"
var=$CAMPUS_VAR
export CAMPUS_PORT=${CAMPUS_BENCH_PORT:-8090}
ceiling_port=$((CAMPUS_PORT + 1))
duration=${CAMPUS_BENCH_SECONDS:-10}
# Campus's default (CAMPUS_WORKERS, else 2 × cores); the ceiling gets as many threads.
workers=${CAMPUS_WORKERS:-$((2 * $(nproc)))}
base="http://127.0.0.1:$CAMPUS_PORT"
ceiling="http://127.0.0.1:$ceiling_port"
bin="$root/.build/release/campus"
# Posting is measured for what a post costs, not for the limit that stops one person's
# flood after a few posts (ForumModerationTests checks that limit).
export CAMPUS_FORUM_POSTS_PER_MINUTE=1000000000
nginx=$(command -v nginx || echo /usr/sbin/nginx)
results="$root/bench/results/latest.md"
rss_sampler=0
tick_rate=$(getconf CLK_TCK)

say() { echo "bench: $*" >&2; }
fail() { say "$*"; exit 1; }

stop_ceiling() {
  local pidfile="$var/run/ceiling.pid"
  [ -f "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$pidfile"
}

cleanup() {
  [ "$rss_sampler" -gt 0 ] && kill "$rss_sampler" 2>/dev/null
  stop_ceiling
  "$root/scripts/stop.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# What an interrupted run left behind: its processes, its cluster, its files.
clean_state() {
  cleanup
  if [ -f "$var/pg.path" ]; then
    local pg
    pg=$(cat "$var/pg.path")
    case "$pg" in "$var"/* | /var/lib/campus/*) rm -rf "$pg" ;; esac
  fi
  rm -rf "$var"
}

build_ceiling() {
  mkdir -p "$root/bench/build"
  # shellcheck disable=SC2046 # pkg-config prints several flags on purpose
  "${CC:-cc}" -O2 -Wall -Wextra -std=c11 -pthread $(pkg-config --cflags libpq fcgi) \
    "$root/bench/ceiling.c" -o "$root/bench/build/ceiling" $(pkg-config --libs fcgi libpq)
}

start_campus() {
  say "starting Campus on $base (release build, fresh cluster, demo data)…"
  local out
  out=$("$root/scripts/run.sh" 2>&1) || { echo "$out" >&2; fail "scripts/run.sh failed"; }
  eval "$("$root/scripts/pg.sh" env "$(cat "$var/pg.path")")"
  export PGDATABASE=campus
}

start_ceiling() {
  if port_taken 127.0.0.1 "$ceiling_port"; then fail "port $ceiling_port (the ceiling's) is taken; set CAMPUS_BENCH_PORT"; fi
  local version
  version=$(sha256sum "$root/www/static/campus.css" | cut -c1-10)
  PGAPPNAME=ceiling nohup "$root/bench/build/ceiling" --socket "$var/run/ceiling.sock" --workers "$workers" --asset-version "$version" \
    >>"$var/log/ceiling.log" 2>&1 &
  echo $! >"$var/run/ceiling.pid"
  # The same nginx as Campus: a second server block in the http block run.sh rendered.
  local conf="$var/nginx/nginx.conf"
  quote() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }
  sed -e "s|@LISTEN@|127.0.0.1:$ceiling_port|" -e "s|@SOCKET@|$(quote "$var/run/ceiling.sock")|" \
      -e "s|@NGINX_ETC@|$(quote "${CAMPUS_NGINX_ETC:-/etc/nginx}")|" "$root/bench/ceiling.nginx.conf" >"$var/nginx/ceiling.conf"
  [ "$(tail -n 1 "$conf")" = "}" ] || fail "$conf does not end with the http block's closing brace"
  sed -i '$ d' "$conf"
  printf '    include "%s";\n}\n' "$var/nginx/ceiling.conf" >>"$conf"
  # wrk's connections all come from 127.0.0.1, and the limit per address (64 in
  # www/nginx.conf) would answer 429 to half of 128: lifted here, as the ceiling has none.
  grep -q 'limit_conn campus_conn [0-9]*;' "$conf" || fail "$conf has no limit_conn campus_conn to lift"
  sed -i 's/limit_conn campus_conn [0-9]*;/limit_conn campus_conn 4096;/' "$conf"
  "$nginx" -t -q -p "$var/nginx" -e "$var/nginx/error.log" -c "$conf"
  "$nginx" -p "$var/nginx" -e "$var/nginx/error.log" -c "$conf" -s reload
  wait_for "$ceiling/courses" || fail "the ceiling did not answer; see $var/log/ceiling.log"
}

# SQL as the cluster's superuser (peer authentication: as its owner account).
superuser_sql() {
  local pg
  pg=$(cat "$var/pg.path")
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- psql -X -q -h "$pg" -p "$PGPORT" -U postgres -d postgres -c "$1"
  else
    psql -X -q -h "$pg" -p "$PGPORT" -U postgres -d postgres -c "$1"
  fi
}

# The statements (text and values) each application ran, from PostgreSQL's log after
# byte OFFSET, one a line with newlines as \037 (unit separators), into DIR/APP.statements.
logged_statements() {
  local offset=$1 dir=$2 log
  log="$(cat "$var/pg.path")/postgresql.log"
  tail -c +$((offset + 1)) "$log" | awk -v dir="$dir" '
    function flush() { if (app != "") print text "\037" values >(dir "/" app ".statements"); app = "" }
    /^@@[^@]*@@ / {
      split($0, f, "@@")
      if (index($0, "@@ LOG:  execute ")) {
        flush(); app = f[2]; text = $0; sub(/^@@[^@]*@@ LOG:  execute [^:]*: /, "", text); values = ""; inside = 1
      } else if (index($0, "@@ DETAIL:  parameters: ") && f[2] == app) {
        values = $0; sub(/^@@[^@]*@@ DETAIL:  parameters: /, "", values); inside = 0
      } else { inside = 0 }
      next
    }
    inside { text = text "\037" $0 }
    END { flush() }'
}

# Whether the ceiling runs, for /courses, a statement Campus runs for /courses, with the
# same text and values: both answer one page with PostgreSQL logging every statement
# (for those two requests only), and the logs are compared. Prints the verdict.
compare_statements() {
  local log offset dir="$var/statements"
  log="$(cat "$var/pg.path")/postgresql.log"
  rm -rf "$dir"
  mkdir -p "$dir"
  superuser_sql "ALTER SYSTEM SET log_statement = 'all'" >/dev/null
  superuser_sql "ALTER SYSTEM SET log_line_prefix = '@@%a@@ '" >/dev/null
  superuser_sql "SELECT pg_reload_conf()" >/dev/null
  # Each backend rereads the configuration on its own: ask until both pages were logged.
  for _ in $(seq 100); do
    offset=$(stat -c %s "$log")
    fetch "$base/courses" "$dir/courses.html" >/dev/null
    fetch "$ceiling/courses" "$dir/ceiling.html" >/dev/null
    logged_statements "$offset" "$dir"
    [ -s "$dir/campus.statements" ] && [ -s "$dir/ceiling.statements" ] && break
    rm -f "$dir"/*.statements
    sleep 0.1
  done
  superuser_sql "ALTER SYSTEM RESET log_statement" >/dev/null
  superuser_sql "ALTER SYSTEM RESET log_line_prefix" >/dev/null
  superuser_sql "SELECT pg_reload_conf()" >/dev/null
  if [ -s "$dir/ceiling.statements" ] && grep -qFx -f <(sed -n 1p "$dir/ceiling.statements") "$dir/campus.statements" 2>/dev/null; then
    echo "the same statement with the same values as Campus's, as PostgreSQL logged them"
  else
    echo "**a statement Campus does not send**: compare var/bench/statements/campus.statements and ceiling.statements"
  fi
}

# Signs the first demo learner in once; prints the Cookie header's value.
sign_in() {
  local accounts email password jar="$var/cookies.txt" token status
  accounts=$("$bin" seed --demo --print-accounts)
  email=$(awk '$2 == "learner," { print $1; exit }' <<<"$accounts")
  password=$(sed -n '1s/.*(password: \(.*\)):.*/\1/p' <<<"$accounts")
  token=$(curl -fsS -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | sed -n 1p)
  status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" \
    --data-urlencode "email=$email" --data-urlencode "password=$password" "$base/login")
  [ "$status" = 303 ] || fail "signing in as $email answered $status, not 303"
  # curl's cookie file: tab-separated, name and value in the last two fields.
  awk -F'\t' 'NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar"
}

# The first link to PREFIX on a page (e.g. /editions/), from standard input.
first_link() { grep -o "href=\"$1[^\"]*\"" | sed -n '1s/href="\(.*\)"/\1/p'; }

# Fetches URL once (with COOKIE when given), keeps it as FILE, insists on a 200; prints its size.
fetch() {
  local url=$1 file=$2 cookie=${3:-} answer
  answer=$(curl -sS -o "$file" -w '%{http_code} %{size_download}' ${cookie:+-H "Cookie: $cookie"} "$url")
  [ "${answer% *}" = 200 ] || fail "GET $url answered ${answer% *}, not 200"
  echo "${answer#* }"
}

# CPU time a process has used so far (user + system, all its threads), in clock ticks.
ticks_of() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# The same for the whole cluster: its postmaster's children (backends and helpers).
postgres_ticks() {
  local total=0 pid
  for pid in $(pgrep -P "$(head -n 1 "$(cat "$var/pg.path")/data/postmaster.pid")"); do
    total=$((total + $(ticks_of "$pid")))
  done
  echo "$total"
}

# One wrk run; appends a row to $rows: label, connections, req/s, p50, p99, errors, bytes,
# target, and the CPU each request cost the responder (PID) and PostgreSQL, in µs.
# Errors are wrk's socket errors plus nginx's answers in the run whose status does not start
# with OK (2 unless given; 499 aside: that is wrk closing the connections in flight when the
# run ends). SCRIPT is wrk's Lua script (bench/report.lua unless given).
measure() {
  local label=$1 url=$2 conns=$3 bytes=$4 target=$5 responder=$6 cookie=${7:-} script=${8:-$root/bench/report.lua} ok=${9:-2}
  local log="$var/nginx/access.log" offset out line statuses responder_before postgres_before responder_us postgres_us requests
  local args=(-t2 -c"$conns" -d"${duration}s" --latency -s "$script")
  [ -n "$cookie" ] && args+=(-H "Cookie: $cookie")
  say "$label at $conns connections…"
  offset=$(stat -c %s "$log")
  responder_before=$(ticks_of "$responder")
  postgres_before=$(postgres_ticks)
  out=$(wrk "${args[@]}" "$url")
  read -r _ _ _ _ _ requests <<<"$(grep '^BENCH ' <<<"$out")"
  responder_us=$((($(ticks_of "$responder") - responder_before) * 1000000 / tick_rate / ${requests:-1}))
  postgres_us=$((($(postgres_ticks) - postgres_before) * 1000000 / tick_rate / ${requests:-1}))
  line=$(grep '^BENCH ' <<<"$out") || { echo "$out" >&2; fail "wrk printed no summary for $url"; }
  sleep 1 # lets nginx log the last answers before they are counted
  statuses=$(tail -c +$((offset + 1)) "$log" | awk -F'"' -v ok="^$ok" '{ split($3, f, " "); if (f[1] !~ ok && f[1] != "499") n++ } END { print n + 0 }')
  read -r _ rps p50 p99 socket _ <<<"$line"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$conns" "$rps" "$p50" "$p99" $((socket + statuses)) "$bytes" "$target" \
    "$responder_us" "$postgres_us" >>"$rows"
}

# Samples the responder's resident memory while wrk runs (kilobytes, one a line).
start_rss_sampler() {
  local pid=$1
  (while [ -r "/proc/$pid/status" ]; do awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"; sleep 0.2; done) >"$var/rss.samples" 2>/dev/null &
  rss_sampler=$!
}

kb_of() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$2/status"; }

source "$root/bench/report.sh"

clean_state
build_ceiling
start_campus
start_ceiling
cookie=$(sign_in)
say "generating a busy network's forums (bench/forums.sql)…"
psql -q -f "$root/bench/forums.sql"
# SQL cannot render Markdown: the generated posts are cooked as posts written through Campus are.
"$bin" forums cook >/dev/null
long_topic=$(psql -tAc "SELECT id FROM forum_topics WHERE title = 'Debate de la red: 5.000 mensajes'")
reply_topic=$(psql -tAc "SELECT min(id) FROM forum_topics WHERE title LIKE 'Experiencias municipales %'")

mkdir -p "$var/pages"
courses_bytes=$(fetch "$base/courses" "$var/pages/courses.html")
ceiling_bytes=$(fetch "$ceiling/courses" "$var/pages/ceiling.html")
slug=$(first_link /courses/ <"$var/pages/courses.html")
# An edition the signed-in learner holds a place in, so her page shows it; else the first listed.
fetch "$base/me" "$var/pages/me.html" "$cookie" >/dev/null
edition=$(first_link /editions/ <"$var/pages/me.html")
[ -n "$edition" ] || edition=$(first_link /editions/ <"$var/pages/courses.html")
[ -n "$slug" ] && [ -n "$edition" ] || fail "no course or edition link on /courses"
# A capsule lesson the learner may read: the first capsule she is taking, or the first
# listed, started now (starting again changes nothing).
capsule=$(first_link /capsules/ <"$var/pages/me.html")
if [ -z "$capsule" ]; then
  fetch "$base/capsules" "$var/pages/capsules.html" "$cookie" >/dev/null
  capsule=$(first_link /capsules/ <"$var/pages/capsules.html")
fi
[ -n "$capsule" ] || fail "no capsule link on /me or /capsules"
token=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$var/pages/me.html" | sed -n 1p)
curl -sS -o /dev/null -H "Cookie: $cookie" --data-urlencode "_csrf=$token" "$base$capsule/start"
lesson="$capsule/lessons/1"
fetch "$base$lesson" "$var/pages/lesson.html" "$cookie" >/dev/null
# The first open scholarship call: once a call is announced to every member city, its page
# is what their officials open, signed in (it says whether the reader may apply).
fetch "$base/scholarships" "$var/pages/scholarships.html" "$cookie" >/dev/null
call=$(first_link /scholarships/ <"$var/pages/scholarships.html" | sed 's|^\(/scholarships/[0-9]*\).*|\1|')
[ -n "$call" ] || fail "no call link on /scholarships"
# Both pages carry a CSRF token (a fresh one per answer from Campus); the rest should match.
without_token() { sed 's/name="_csrf" value="[^"]*"/name="_csrf" value=""/' "$1"; }
markup="the same markup apart from the CSRF token"
cmp -s <(without_token "$var/pages/courses.html") <(without_token "$var/pages/ceiling.html") \
  || markup="**the markup differs**: compare var/bench/pages/courses.html and ceiling.html"
statement=$(compare_statements)
say "the ceiling's statement: $statement"

# label | path | signed in | target ratio
pages=(
  '`/healthz`|/healthz|0|'
  '`/`|/|0|0.5'
  '`/courses`|/courses|0|0.5'
  '`/courses?q=movilidad`|/courses?q=movilidad|0|'
  '`/courses/{slug}`|'"$slug"'|0|0.5'
  '`/editions/{id}` signed out|'"$edition"'|0|0.5'
  '`/me` signed in|/me|1|0.35'
  '`/editions/{id}` signed in|'"$edition"'|1|0.35'
  '`/capsules/{slug}/lessons/1` signed in|'"$lesson"'|1|0.35'
  '`/scholarships/{call}` signed in|'"$call"'|1|0.35'
  '`/topics/{long}?page=100` signed in, the last of 5,000 posts|/topics/'"$long_topic"'?page=100|1|0.35'
)
# Posting a reply: a new text each time (bench/post.lua), answered by a 303 to the post.
export BENCH_REPORT="$root/bench/report.lua"
# (CSRF tokens are base64url: nothing in them to escape in a form.)
export BENCH_FORM="_csrf=$token"
reply_url="$base/topics/$reply_topic/posts"
reply_answer=$(curl -sS -o /dev/null -w '%{http_code} %{size_download}' -H "Cookie: $cookie" --data "$BENCH_FORM&body=Primera+respuesta" "$reply_url")
[ "${reply_answer% *}" = 303 ] || fail "POST $reply_url answered ${reply_answer% *}, not 303"

rows="$var/rows.tsv"
: >"$rows"
campus_pid=$(pgrep -P "$(cat "$var/run/supervise.pid")")
ceiling_pid=$(cat "$var/run/ceiling.pid")
# The peak so far covers start-up and the sign-in (Argon2id holds 64 MiB while it
# hashes); kept for the report, then reset (clear_refs 5) so VmHWM covers the load only.
hwm_before=$(kb_of VmHWM "$campus_pid")
echo 5 >"/proc/$campus_pid/clear_refs" 2>/dev/null || true
start_rss_sampler "$campus_pid"
# The ceiling before and after the pages at each connection count: the ratios take the
# mean, and the two rows show how much the machine drifted meanwhile.
for conns in 32 128; do
  measure "C ceiling, \`/courses\`, before" "$ceiling/courses" "$conns" "$ceiling_bytes" ceiling "$ceiling_pid"
  for page in "${pages[@]}"; do
    IFS='|' read -r label path signed target <<<"$page"
    page_cookie=""
    [ "$signed" = 1 ] && page_cookie=$cookie
    bytes=$(fetch "$base$path" "$var/pages/last.html" "$page_cookie")
    measure "$label" "$base$path" "$conns" "$bytes" "$target" "$campus_pid" "$page_cookie"
  done
  measure "POST \`/topics/{reply}/posts\` signed in, a reply" "$reply_url" "$conns" "${reply_answer#* }" "" "$campus_pid" "$cookie" "$root/bench/post.lua" 303
  measure "C ceiling, \`/courses\`, after" "$ceiling/courses" "$conns" "$ceiling_bytes" ceiling "$ceiling_pid"
done
kill "$rss_sampler" 2>/dev/null || true
rss_sampler=0
restarted=no
[ "$(pgrep -P "$(cat "$var/run/supervise.pid")")" = "$campus_pid" ] || restarted=yes

load_after=$(cat /proc/loadavg)
mkdir -p "$(dirname "$results")"
report "$rows" "$courses_bytes" "$ceiling_bytes" "$slug" "$edition" "$markup" "$statement" "$restarted" \
  "$(sort -n "$var/rss.samples" | tail -n 1)" "$(kb_of VmHWM "$campus_pid" || echo 0)" "$hwm_before" "$(kb_of VmHWM "$ceiling_pid")" \
  | tee "$results"
say "results written to ${results#"$root/"}"
