-- wrk script: GET one fixed path (BENCH_PATH) with Bearer auth.
local auth = "Bearer " .. os.getenv("BENCH_TOKEN")
local path = os.getenv("BENCH_PATH")
request = function()
  return wrk.format("GET", path, { ["Authorization"] = auth })
end
