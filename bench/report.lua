-- wrk's summary as one line scripts/bench.sh reads: requests/s, p50 and p99 in
-- milliseconds, socket errors (connect, read, write, timeout), requests. Statuses are
-- counted from nginx's access log instead: a response() hook here would cost wrk
-- more CPU than the pages it measures.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %.1f %.2f %.2f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, summary.requests))
end
