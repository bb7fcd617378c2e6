-- wrk script: POST a form body (BENCH_BODY) to BENCH_PATH with Bearer auth.
local auth = "Bearer " .. os.getenv("BENCH_TOKEN")
local path = os.getenv("BENCH_PATH")
local body = os.getenv("BENCH_BODY")
request = function()
  return wrk.format("POST", path, { ["Authorization"] = auth,
    ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
