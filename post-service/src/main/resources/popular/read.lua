-- One page of a window's ranking (PopularTally.read). KEYS: the window's ranking (a cache of the union), the marker
-- of a complete tally, the window's buckets. ARGV: how long the union is kept (ms), first and last rank of the page.
-- The union is computed at most once per lifetime of the cache, whoever reads; every other read is a ZREVRANGE.
if redis.call('EXISTS', KEYS[1]) == 0 and #KEYS > 2 then
  redis.call('ZUNIONSTORE', KEYS[1], #KEYS - 2, unpack(KEYS, 3))
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return { redis.call('EXISTS', KEYS[2]), redis.call('ZCARD', KEYS[1]),
         redis.call('ZREVRANGE', KEYS[1], ARGV[2], ARGV[3], 'WITHSCORES') }
