-- Posting a reply, for scripts/bench.sh: the form in BENCH_FORM (the CSRF token) and a text
-- of its own each time — the same text again would be taken as the same post sent twice and
-- not stored. The Cookie header comes from wrk's -H, which wrk.headers already holds.
local form = os.getenv("BENCH_FORM")
local sent = 0
local threads = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function request()
  sent = sent + 1
  return wrk.format(nil, nil, nil, string.format(
    "%s&body=Respuesta+%d-%d%%3A+la+movilidad+sostenible+exige+datos+abiertos+y+presupuesto+estable.", form, id, sent))
end

dofile(os.getenv("BENCH_REPORT"))
