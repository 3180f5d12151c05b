-- wrk: feed pages 0-4 (20 posts each) with the token of a random user of $SNS_USERS_FILE (id,userName,token)
local tokens = {}
for line in io.lines(os.getenv("SNS_USERS_FILE")) do
  local token = line:match("^[^,]*,[^,]*,([^,]*)")
  if token then tokens[#tokens + 1] = token end
end
request = function()
  local token = tokens[math.random(#tokens)]
  return wrk.format("GET", "/api/v1/posts?page=" .. math.random(0, 4) .. "&size=20",
                    { ["Authorization"] = "Bearer " .. token })
end
