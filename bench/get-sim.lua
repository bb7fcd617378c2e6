-- wrk script: GET /v1/Sims/{Sid} for random SIDs read from sids.txt, with Bearer auth.
local sids = {}
for line in io.lines(os.getenv("BENCH_SIDS")) do sids[#sids + 1] = line end
local auth = "Bearer " .. os.getenv("BENCH_TOKEN")
math.randomseed(os.time())
request = function()
  local path = "/v1/Sims/" .. sids[math.random(#sids)]
  return wrk.format("GET", path, { ["Authorization"] = auth })
end
