-- wrk script: GET /v1/Sims/{Sid}<BENCH_SUFFIX> for random SIDs read from sids.txt, with Bearer auth
-- (BENCH_SUFFIX e.g. "/UsageRecords?Granularity=daily"; empty fetches the SIM itself).
local sids = {}
for line in io.lines(os.getenv("BENCH_SIDS")) do sids[#sids + 1] = line end
local auth = "Bearer " .. os.getenv("BENCH_TOKEN")
local suffix = os.getenv("BENCH_SUFFIX") or ""
math.randomseed(os.time())
request = function()
  local path = "/v1/Sims/" .. sids[math.random(#sids)] .. suffix
  return wrk.format("GET", path, { ["Authorization"] = auth })
end
