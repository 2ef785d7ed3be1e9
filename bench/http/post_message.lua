-- POST a message, rotating across the bench user's conversations.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
scenario = "post_message"
local convs = load_ids()
local headers = { ["Authorization"] = bearer(), ["Content-Type"] = "application/json" }
local i = 0
function init(args) i = (id or 1) * 37 end
function request()
  i = i + 1
  local cid = convs[(i % #convs) + 1]
  return wrk.format("POST", "/api/conversations/" .. cid .. "/messages/", headers,
    '{"message_body":"bench message ' .. i .. '"}')
end
