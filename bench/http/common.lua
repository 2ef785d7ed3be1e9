-- Shared by the scenario scripts: conversation ids, per-thread ids, status counting and the
-- one-line summary. Env: BENCH_DIR, CONV_FILE, TOKEN.
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function load_ids()
  local ids = {}
  local f = assert(io.open(os.getenv("CONV_FILE"), "r"))
  for line in f:lines() do
    if #line > 0 then ids[#ids + 1] = line end
  end
  f:close()
  assert(#ids > 0, "no conversation ids")
  return ids
end

function bearer()
  return "Bearer " .. assert(os.getenv("TOKEN"), "TOKEN is not set")
end

non2xx = 0
statuses = {}
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local bad, counts = 0, {}
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non2xx") or 0)
    for status, n in pairs(t:get("statuses") or {}) do counts[status] = (counts[status] or 0) + n end
  end
  local keys = {}
  for status in pairs(counts) do keys[#keys + 1] = status end
  table.sort(keys)
  local parts = {}
  for _, status in ipairs(keys) do parts[#parts + 1] = status .. ":" .. counts[status] end
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "%-13s rps=%.1f p50_ms=%.2f p99_ms=%.2f non2xx=%d requests=%d socket_errors=%d timeouts=%d statuses=%s\n",
    scenario, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    bad, summary.requests, e.connect + e.read + e.write, e.timeout, table.concat(parts, ",")))
end
