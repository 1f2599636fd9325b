-- wrk script for the load test of GET /api/events: a mix of what the UI
-- asks for (the first hundred pages, actor, type, date and ownership
-- filters), chosen at random with a fixed seed. Prints requests/s and
-- latency percentiles at the end.
local codes = {"RUS", "UKR", "USA", "CHN", "DEU", "FRA", "GBR", "TUR", "IRN", "ISR", "PRK", "KOR", "JPN", "IND",
  "PAK", "EGY", "SDN", "BRA", "SAU", "POL"}
local types = {"AGREE", "CONSULT", "SUPPORT", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST",
  "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
local ownerships = {"state", "public", "private", "user"}

math.randomseed(20261127)

request = function()
  local r = math.random(10)
  local path
  if r <= 4 then
    path = "/api/events?offset=" .. (math.random(0, 99) * 50) .. "&limit=50"
  elseif r <= 6 then
    path = "/api/events?actor=" .. codes[math.random(#codes)] .. "&limit=50&offset=" .. (math.random(0, 9) * 50)
  elseif r <= 7 then
    path = "/api/events?type=" .. types[math.random(#types)] .. "&newest_first=true&limit=50"
  elseif r <= 8 then
    path = "/api/events?since=2023-0" .. math.random(1, 9) .. "&limit=50"
  elseif r <= 9 then
    path = "/api/events?ownership=" .. ownerships[math.random(#ownerships)] .. "&status=reported&limit=50"
  else
    path = "/api/events?dyad=" .. codes[math.random(#codes)] .. "," .. codes[math.random(#codes)] .. "&limit=50"
  end
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status +
    summary.errors.timeout
  io.write(string.format("RESULT requests %d in %.1f s: %.0f requests/s; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; %d errors (%d non-2xx)\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors, summary.errors.status))
end
