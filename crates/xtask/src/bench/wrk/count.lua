-- Counts responses by status in every wrk thread and prints one JSON line at the end, which
-- `cargo xtask bench` reads. Prepended to the request scripts; on its own it loads a GET.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
end

created, accepted, rejected = 0, 0, 0

function response(status, headers, body)
  if status >= 200 and status < 300 then
    accepted = accepted + 1
    if status == 201 then
      created = created + 1
    end
  else
    rejected = rejected + 1
  end
end

function done(summary, latency, requests)
  local c, a, r = 0, 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("created")
    a = a + thread:get("accepted")
    r = r + thread:get("rejected")
  end
  local e = summary.errors
  io.write(string.format(
    'MINGJING_BENCH {"requests":%d,"duration_us":%d,"created":%d,"accepted":%d,"rejected":%d,' ..
      '"socket_errors":%d,"timeouts":%d,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, c, a, r, e.connect + e.read + e.write, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
