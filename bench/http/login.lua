-- POST /api/token/ with the bench user's credentials (a password check and a new refresh-token family).
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
scenario = "login"
local body = string.format('{"username":"%s","password":"%s"}',
  os.getenv("BENCH_USER"), os.getenv("BENCH_PASSWORD"))
local req
-- Formatted in init, not at load time: only then does wrk know the Host header (Kestrel answers a
-- request without one with 400).
function init(args)
  req = wrk.format("POST", "/api/token/", { ["Content-Type"] = "application/json" }, body)
end
function request() return req end
