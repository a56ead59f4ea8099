-- wrk script: rotate over the request paths given after `--`, then print one
-- JSON line (prefixed BENCH_JSON) with counts, errors and latency percentiles.
-- Headers come from wrk's -H flags (wrk.format merges wrk.headers).
local requests_list = {}
local index = 0

init = function(args)
  for i, path in ipairs(args) do
    requests_list[i] = wrk.format(nil, path)
  end
  if #requests_list == 0 then
    requests_list[1] = wrk.format()
  end
end

request = function()
  index = index % #requests_list + 1
  return requests_list[index]
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
