-- Applies a batch of like changes to the time buckets of the popular posts (PopularTally.apply), atomically.
-- KEYS: the windows' rankings (3), then per change: the hour bucket's like states (hash), the hour bucket (zset), the
-- 5-minute bucket (zset). ARGV: how long (ms) a ranking may still be served once the tally changed, then per change:
-- like id, post member, '1' (liked) or '-1' (like removed), expiry of the hour keys, expiry of the 5-minute key.
-- A like's state goes absent -> 1 -> 0 or absent -> 0 and never back, and only a change of state moves the scores:
-- a change applied twice (redelivery, a rebuild racing the events) or a removal before its like changes nothing more.
local changed = 0
for i = 0, (#KEYS - 3) / 3 - 1 do
  local states, hour, five = KEYS[i * 3 + 4], KEYS[i * 3 + 5], KEYS[i * 3 + 6]
  local like, post, op = ARGV[i * 5 + 2], ARGV[i * 5 + 3], ARGV[i * 5 + 4]
  local delta = 0
  if op == '1' then
    if redis.call('HSETNX', states, like, '1') == 1 then
      delta = 1
    end
  else
    local state = redis.call('HGET', states, like)
    if state ~= '0' then
      redis.call('HSET', states, like, '0')
      if state == '1' then
        delta = -1
      end
    end
  end
  if delta ~= 0 then
    for _, bucket in ipairs({ hour, five }) do
      if tonumber(redis.call('ZINCRBY', bucket, delta, post)) <= 0 then
        redis.call('ZREM', bucket, post)
      end
    end
    changed = changed + 1
  end
  redis.call('EXPIREAT', states, ARGV[i * 5 + 5])
  redis.call('EXPIREAT', hour, ARGV[i * 5 + 5])
  redis.call('EXPIREAT', five, ARGV[i * 5 + 6])
end
-- a ranking computed before these changes lives on for at most ARGV[1] ms (not its full life): a like shows soon,
-- and while likes keep coming a window is still computed at most once per ARGV[1] ms
if changed > 0 then
  for r = 1, 3 do
    if redis.call('PTTL', KEYS[r]) > tonumber(ARGV[1]) then
      redis.call('PEXPIRE', KEYS[r], ARGV[1])
    end
  end
end
return changed
