#!/usr/bin/env bash
# `make bench`: throughput through nginx with wrk, on a stack of its own (var/bench,
# port 8090 unless CAMPUS_BENCH_PORT says otherwise). Speed is measured here, never
# asserted by a test.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$root"

"$root/scripts/deps.sh" test
export CAMPUS_VAR="$root/var/bench"
export CAMPUS_PORT=${CAMPUS_BENCH_PORT:-8090}
trap '"$root/scripts/stop.sh" >/dev/null' EXIT
"$root/scripts/run.sh" >/dev/null

base="http://127.0.0.1:$CAMPUS_PORT"
duration=${CAMPUS_BENCH_SECONDS:-10}
for path in /healthz / /courses /courses/programa-pensamiento-estrategico-urbano; do
  echo "== GET $path (${duration}s, 4 threads, 32 connections)"
  wrk -t4 -c32 -d"${duration}s" --latency "$base$path" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
done
