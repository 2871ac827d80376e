-- Counts every response's status and checks that 200 answers hold the expected text
-- (the argument after wrk's "--"). For the comment-post row, WRK_BODIES_FILE names a file
-- of POST bodies, one per line, and WRK_THREADS the thread count: each thread takes every
-- n-th body so that no body (and no single-use token) is sent twice. They come from the
-- environment, not the arguments, because wrk decides before init() whether a script has
-- a request() function, and one costs throughput on the plain GET rows.
--
-- WRK_COUNT_WINDOW (seconds) is for the article row and its static twin: requests sent in
-- that first part of the run are plain reader GETs, the rest go out as a crawler's
-- prefetch, which the site does not count. wrk drops the answers still in flight when it
-- stops, so without that quiet tail some counted views would have no answer to match.
-- done() prints one line, "WRK_RESULT {json}", that bench/wrk.py reads.

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
  table.insert(threads, thread)
end

local bodies_file = os.getenv("WRK_BODIES_FILE")
local count_window = tonumber(os.getenv("WRK_COUNT_WINDOW") or "")

function init(args)
  expected = args[1] or ""
  statuses = {}
  wrong_body = 0
  counted = 0
  -- wrk 4 calls request() once on the first thread before any connection, to check the
  -- request it returns; that call sends nothing and must not be counted.
  verification_pending = thread_number == 1
  if count_window then
    stop_counting = os.time() + count_window
    counted_request = wrk.format()
    local quiet = {}
    for name, value in pairs(wrk.headers) do quiet[name] = value end
    quiet["User-Agent"] = "newsdesk-bench-bot"
    quiet["Sec-Purpose"] = "prefetch"
    quiet_request = wrk.format(nil, nil, quiet)
  end
  if bodies_file then
    local count = tonumber(os.getenv("WRK_THREADS"))
    bodies = {}
    local line_number = 0
    for line in io.lines(bodies_file) do
      if line_number % count == thread_number - 1 then
        table.insert(bodies, line)
      end
      line_number = line_number + 1
    end
    next_body = 1
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
end

if bodies_file then
  function request()
    local body = bodies[next_body]
    next_body = next_body % #bodies + 1
    return wrk.format(nil, nil, nil, body)
  end
elseif count_window then
  function request()
    if verification_pending then
      verification_pending = false
      return counted_request
    end
    if os.time() < stop_counting then
      counted = counted + 1
      return counted_request
    end
    return quiet_request
  end
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 200 and expected ~= "" and not string.find(body, expected, 1, true) then
    wrong_body = wrong_body + 1
  end
end

function done(summary, latency, requests)
  local merged = {}
  local wrong = 0
  local sent_counted = 0
  for _, thread in ipairs(threads) do
    sent_counted = sent_counted + thread:get("counted")
    for status, count in pairs(thread:get("statuses")) do
      merged[status] = (merged[status] or 0) + count
    end
    wrong = wrong + thread:get("wrong_body")
  end
  local parts = {}
  for status, count in pairs(merged) do
    table.insert(parts, string.format('"%d": %d', status, count))
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p99_us": %d, '
      .. '"statuses": {%s}, "wrong_body": %d, "counted_requests": %d, "socket_errors": {"connect": %d, "read": %d, '
      .. '"write": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(99), table.concat(parts, ", "), wrong, sent_counted, e.connect, e.read, e.write,
    e.timeout))
end
