-- wrk script: rotate over the request paths given after `--`, then print one
-- JSON line (prefixed BENCH_JSON) with counts, errors and latency percentiles.
-- Headers come from wrk's -H flags (wrk.format merges wrk.headers).
--
-- `-- @FILE START THREADS [PREFIX]`: replay the request paths of FILE (one a line, e.g. the
-- search log of bench/querylog.py) in order from line START (1-based), thread i of THREADS
-- taking lines START + i, START + i + n, ... and wrapping around at the end; PREFIX (e.g.
-- /api/registry, the gateway's) goes before every path.
local requests_list = {}
local index = -1
local step = 1
local thread_count = 0

setup = function(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
end

init = function(args)
  local paths = args
  if args[1] and string.sub(args[1], 1, 1) == "@" then
    paths = {}
    local prefix = args[4] or ""
    for line in io.lines(string.sub(args[1], 2)) do
      if #line > 0 then paths[#paths + 1] = prefix .. line end
    end
    local start = tonumber(args[2] or "1") or 1
    local threads = tonumber(args[3] or "1") or 1
    step = threads
    -- wrk calls request() once before the first request it sends (to build its first buffer):
    -- start two steps back so that the first request sent is line START.
    index = (start - 1) + ((thread_id or 1) - 1) - 2 * step
  end
  for i, path in ipairs(paths) do
    requests_list[i] = wrk.format(nil, path)
  end
  if #requests_list == 0 then
    requests_list[1] = wrk.format()
  end
end

request = function()
  index = (index + step) % #requests_list
  return requests_list[index + 1]
end

-- BENCH_MAX_REQUESTS=N (the bench smoke test, `--max-requests`): a thread stops after N answers
-- and says so on stdout (BENCH_REACHED); the caller then ends the run early with SIGINT (wrk
-- reports what it measured so far). Unset, wrk never hands an answer to Lua (no cost per request).
local max_requests = tonumber(os.getenv("BENCH_MAX_REQUESTS") or "") or 0
if max_requests > 0 then
  local answered = 0
  response = function(status, headers, body)
    answered = answered + 1
    if answered == max_requests then
      io.write("\nBENCH_REACHED\n")
      io.flush()
      wrk.thread:stop()
    end
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nBENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"min":%d,"mean":%.1f,"stdev":%.1f,"max":%d,' ..
    '"p50":%d,"p75":%d,"p90":%d,"p95":%d,"p99":%d,"p999":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency:percentile(99.9)))
end
