-- wrk: likes through the gateway, each a new (user, post) pair: user i % N of $SNS_USERS_FILE likes post
-- $SNS_LIKE_FIRST_POST + i / N (posts must exist; pairs run out after N x posts requests). Two threads share the
-- pairs by parity, so no pair is sent twice.
local tokens = {}
for line in io.lines(os.getenv("SNS_USERS_FILE")) do
  local token = line:match("^[^,]*,[^,]*,([^,]*)")
  if token then tokens[#tokens + 1] = token end
end
local first = tonumber(os.getenv("SNS_LIKE_FIRST_POST") or "1")
local threads = 0
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end
local i = -1
request = function()
  i = i + 1
  local n = i * 2 + offset
  local token = tokens[(n % #tokens) + 1]
  local post = first + math.floor(n / #tokens)
  return wrk.format("POST", "/api/v1/posts/" .. post .. "/likes", { ["Authorization"] = "Bearer " .. token })
end
