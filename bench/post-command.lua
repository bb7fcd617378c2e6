-- wrk script: POST /v1/Commands (text) to a random SIM from sids.txt, with a CallbackUrl (BENCH_CALLBACK).
-- Each wrk thread seeds its own generator: seeded alike, the threads sent the same SIMs at the same
-- moments, and every other request waited for the SIM's row lock behind its twin.
local sids = {}
for line in io.lines(os.getenv("BENCH_SIDS")) do sids[#sids + 1] = line end
local auth = "Bearer " .. os.getenv("BENCH_TOKEN")
local callback = os.getenv("BENCH_CALLBACK")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  math.randomseed(os.time() * 100 + (thread_number or 0))
end

request = function()
  local body = "Command=ping&Sim=" .. sids[math.random(#sids)] .. "&CallbackUrl=" .. callback
  return wrk.format("POST", "/v1/Commands", { ["Authorization"] = auth,
    ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
