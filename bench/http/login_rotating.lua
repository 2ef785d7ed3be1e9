-- Not one of the anchor's scenarios: POST /api/token/ rotating over the seeded users (who share the bench
-- password), so that logins are spread over many user grains instead of queueing on one. Env: USERS_FILE.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
scenario = "login_rotating"
local users = {}
for line in assert(io.open(os.getenv("USERS_FILE"), "r")):lines() do
  if #line > 0 then users[#users + 1] = line end
end
assert(#users > 0, "no users")
local password = os.getenv("BENCH_PASSWORD")
local headers = { ["Content-Type"] = "application/json" }
local i = 0
function init(args) i = (id or 1) * 37 end
function request()
  i = i + 1
  local body = string.format('{"username":"%s","password":"%s"}', users[(i % #users) + 1], password)
  return wrk.format("POST", "/api/token/", headers, body)
end
