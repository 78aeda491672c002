-- wrk.lua - closed-loop POST of one fixed GraphQL request body (file $BODY).
-- With COUNT_ERRORS=1 each answer is looked at: a status other than 200, a body
-- with an "errors" member, or (when $EXPECT names a file) a body that differs from
-- that file's bytes is a wrong answer. done() prints one line "RESULT key=value ..."
-- (latencies in microseconds) for bench/loadgen.py.

local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

wrk.method = "POST"
wrk.body = slurp(assert(os.getenv("BODY"), "BODY must name a request body file"))
wrk.headers["Content-Type"] = "application/json"

local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
end

bad = 0
if os.getenv("COUNT_ERRORS") == "1" then
  local expect = os.getenv("EXPECT") and slurp(os.getenv("EXPECT"))
  if expect then
    function response(status, headers, body)
      if status ~= 200 or body ~= expect then
        bad = bad + 1
      end
    end
  else
    function response(status, headers, body)
      if status ~= 200 or body:find('"errors"', 1, true) then
        bad = bad + 1
      end
    end
  end
end

function done(summary, latency, requests)
  local wrong = 0
  for _, t in ipairs(threads) do
    wrong = wrong + (t:get("bad") or 0)
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d bytes=%d p50_us=%d p99_us=%d max_us=%d " ..
      "connect=%d read=%d write=%d status=%d timeout=%d wrong=%d\n",
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout, wrong))
end
