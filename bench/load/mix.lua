-- `make load`: wrk browses a weighted mix of public pages (bench/load/run.py writes the mix file:
-- one "tag<TAB>weight<TAB>path" line per address). Arguments after `--`: the mix file, and
-- optionally one tag to request only that page type. Every request names its page type in
-- X-Bench-Page, which gunicorn's access log records beside the server time (%(D)s). Each
-- thread draws from its own seeded generator: the same sequence on every run.

local entries, total, only = {}, 0, nil
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  only = args[2]
  for line in io.lines(args[1]) do
    local tag, weight, path = line:match("^([^\t]+)\t(%d+)\t(.+)$")
    if tag and (only == nil or only == tag) and tonumber(weight) > 0 then
      total = total + tonumber(weight)
      local headers = {
        ["X-Bench-Page"] = tag,
        ["Accept-Encoding"] = "gzip",
        ["Accept-Language"] = "de-DE,de;q=0.9",
        ["User-Agent"] = "minden-bench",
      }
      table.insert(entries, { cumulative = total, request = wrk.format("GET", path, headers) })
    end
  end
  if total == 0 then
    error("no page in the mix " .. args[1] .. (only and (" for " .. only) or ""))
  end
  math.randomseed(2011 + (id or 0))
end

function request()
  local draw = math.random() * total
  for _, entry in ipairs(entries) do
    if draw < entry.cumulative then
      return entry.request
    end
  end
  return entries[#entries].request
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH-RESULT {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
