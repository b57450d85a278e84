-- wrk script for the bench. Without BENCH_BODIES: GET the URL given on the command line.
-- With BENCH_BODIES (a file, one urlencoded form body a line): POST them in turn, with the
-- CSRF cookie in BENCH_COOKIE. Prints the summary as one JSON line starting with BENCH_JSON.

local bodies = {}
local bodies_file = os.getenv("BENCH_BODIES")
local position = 0

if bodies_file then
  for line in io.lines(bodies_file) do bodies[#bodies + 1] = line end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
end

function setup(thread)
  thread:set("start", math.random(1, 1000000))
end

function init(args)
  position = tonumber(start or 0)
end

function request()
  if #bodies == 0 then return wrk.format() end
  position = position + 1
  return wrk.format(nil, nil, nil, bodies[(position % #bodies) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, "latency_us": {"p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d, "mean": %.1f}}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
