-- POSTs open five-star reviews as the review form sends them, each with its own idempotency
-- key made of the run's id (the script's argument), the thread's number and a counter. The
-- site, service and page origin come from the environment.

local run_id, site, service, sequence = "run", "", "", 0

function init(args)
  run_id = args[1] or run_id
  site = os.getenv("MINGJING_BENCH_SITE")
  service = os.getenv("MINGJING_BENCH_SERVICE")
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Origin"] = os.getenv("MINGJING_BENCH_ORIGIN")
end

function request()
  sequence = sequence + 1
  local key = string.format("bench-%s-t%02d-%010d", run_id, thread_id, sequence)
  local body = string.format('{"site":"%s","service":"%s","rating":5,"idempotency_key":"%s"}', site, service, key)
  return wrk.format(nil, nil, nil, body)
end
