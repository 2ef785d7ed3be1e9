-- GET the first page (20, newest first) of a conversation's messages, rotating across conversations.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
scenario = "get_messages"
local convs = load_ids()
local headers = { ["Authorization"] = bearer() }
local i = 0
function init(args) i = (id or 1) * 37 end
function request()
  i = i + 1
  local cid = convs[(i % #convs) + 1]
  return wrk.format("GET", "/api/conversations/" .. cid .. "/messages/", headers)
end
