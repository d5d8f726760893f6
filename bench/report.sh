# The results of scripts/bench.sh as markdown: what was measured on what, then one table.
# Sourced by scripts/bench.sh; `report` prints to standard output.

# Version strings, one word or two each, for the header.
versions() {
  local swift nginx_v postgres wrk_v fcgi
  swift=$(swift --version 2>&1 | sed -n '1s/.*Swift version \([^ ]*\).*/\1/p')
  nginx_v=$(nginx -v 2>&1 | sed 's|.*nginx/||')
  postgres=$(psql -tAc 'SHOW server_version' | cut -d' ' -f1)
  wrk_v=$( (wrk --version 2>&1 || true) | sed -n '1s/^wrk \([^ ]*\).*/\1/p')
  fcgi=$(dpkg-query -W -f='${Version}' libfcgi-dev 2>/dev/null || echo unknown)
  echo "Swift $swift, nginx $nginx_v, PostgreSQL $postgres, wrk $wrk_v, libfcgi $fcgi, $(cc --version | sed -n 1p)"
}

# The table from the rows scripts/bench.sh collected (tab-separated: label, connections,
# req/s, p50, p99, errors, bytes, target ratio or "ceiling", CPU µs per request in the
# responder and in PostgreSQL), with each Campus figure as a ratio to the ceiling (the
# mean of its runs) at the same connection count, then the RSS row.
table() {
  local rows=$1 rss_peak=$2 rss_hwm=$3 busy=${4:+ (on a busy machine: not a verdict)}
  awk -F'\t' -v rss_peak="$rss_peak" -v rss_hwm="$rss_hwm" -v busy="$busy" '
    function mb(kb) { return sprintf("%.1f MB", kb / 1024) }
    NR == FNR { if ($8 == "ceiling") { sum[$2] += $3; runs[$2]++; ceiling[$2] = sum[$2] / runs[$2] } next }
    FNR == 1 {
      print "| page | conns | req/s | × ceiling | p50 ms | p99 ms | errors | size | CPU µs/req: responder + PostgreSQL | target | result |"
      print "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
    }
    {
      ratio = ceiling[$2] > 0 ? $3 / ceiling[$2] : 0
      target = "—"; result = "—"
      if ($8 != "" && $8 != "ceiling") {
        ok = ratio >= $8
        target = "≥ " $8 "×"
        if ($1 == "`/courses`") {
          target = target ($2 == 32 ? ", p99 ≤ 10 ms" : "") ", 0 errors"
          ok = ok && $6 == 0 && ($2 != 32 || $5 <= 10)
        }
        result = ok ? "pass" : "**fail**"
        targets++; passed += ok
      }
      printf "| %s | %d | %d | %.2f | %.2f | %.2f | %d | %d B | %d + %d | %s | %s |\n", $1, $2, $3, ratio, $4, $5, $6, $7, $9, $10, target, result
    }
    END {
      ok = rss_hwm > 0 && rss_hwm <= 65536
      printf "| `campus serve` RSS under load | 32, 128 | | | | | | peak VmRSS %s, VmHWM %s | | ≤ 64 MB | %s |\n", mb(rss_peak), mb(rss_hwm), ok ? "pass" : "**fail**"
      printf "\nTargets met: %d of %d%s.\n", passed + ok, targets + 1, busy
    }' "$rows" "$rows"
}

# Other work on the same cores starves both responders alike, so the figures drop and
# the ratios drift towards 1: such a run says little about either. (The load after the
# run is mostly the bench's own.)
busy_warning() {
  awk -v cores="$(nproc)" -v load="${load_before%% *}" 'BEGIN {
    if (load > cores / 2)
      printf "**The machine was busy** (load average %s on %d cores before the run): every figure is lower than on a quiet machine and the ratios are closer to 1. Measure again when it is idle.\n", load, cores
  }'
}

report() {
  local rows=$1 courses_bytes=$2 ceiling_bytes=$3 slug=$4 edition=$5 markup=$6 statement=$7 restarted=$8
  local rss_peak=$9 rss_hwm=${10} hwm_before=${11} ceiling_hwm=${12}
  local commit cpu
  commit=$(git -C "$root" rev-parse --short HEAD)
  [ -z "$(git -C "$root" status --porcelain -- Sources Package.swift locales www schema.sql)" ] || commit="$commit with uncommitted changes"
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sed -n 1p)
  cat <<MD
# \`make bench\`: latest results

- **When and where:** $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($cpu), load average $(cut -d' ' -f1-3 <<<"$load_before") before the run and $(cut -d' ' -f1-3 <<<"$load_after") after it.
- **Versions:** $(versions); Campus at $commit.
- **How:** wrk, 2 threads, ${duration} s per run, 32 and 128 connections, through one nginx (\`www/nginx.conf\`, 1 worker process, its limit of connections per address lifted for wrk's single address) serving Campus and, on a second port, the C ceiling (\`bench/ceiling.c\`: libfcgi + libpq, one prepared statement, the /courses page for a signed-out Spanish reader). Campus runs with $workers workers, the ceiling with $workers threads; the ceiling is measured before and after the pages at each connection count, and ratios are to the mean of the two. Errors are non-2xx answers in nginx's log plus wrk's socket errors. CPU per request is the user and system time the responder's process and PostgreSQL's processes (all the cluster's backends) used during the run, divided by the requests wrk counted: it depends much less than requests/s on what else the machine runs.
- **Pages:** {slug} = \`${slug#/courses/}\`, {id} = \`${edition#/editions/}\`, {call} = \`${call#/scholarships/}\`; {long} = \`$long_topic\` and {reply} = \`$reply_topic\`, topics of bench/forums.sql (101,000 posts by 1,000 more people in 20 open forums); signed in as the first demo learner. /courses is $courses_bytes bytes from Campus and $ceiling_bytes from the ceiling ($markup); the ceiling runs $statement.

$(busy_warning)

$(table "$rows" "$rss_peak" "$rss_hwm" "$(busy_warning)")

RSS: VmHWM of \`campus serve\` from the start of the first wrk run to the end of the last (reset through \`/proc/PID/clear_refs\`), and the largest VmRSS sampled every 0.2 s. Before the load it had peaked at $((hwm_before / 1024)) MB: start-up and one sign-in, whose Argon2id hash holds 64 MiB while it runs. The ceiling peaked at $((ceiling_hwm / 1024)) MB.$([ "$restarted" = no ] || printf ' **The responder restarted during the run** (see var/bench/log/campus.log).')
MD
}
