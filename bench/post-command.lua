-- wrk script: POST /v1/Commands (text) to a random SIM from sids.txt, with a CallbackUrl (BENCH_CALLBACK).
local sids = {}
for line in io.lines(os.getenv("BENCH_SIDS")) do sids[#sids + 1] = line end
local auth = "Bearer " .. os.getenv("BENCH_TOKEN")
local callback = os.getenv("BENCH_CALLBACK")
math.randomseed(os.time())
request = function()
  local body = "Command=ping&Sim=" .. sids[math.random(#sids)] .. "&CallbackUrl=" .. callback
  return wrk.format("POST", "/v1/Commands", { ["Authorization"] = auth,
    ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
