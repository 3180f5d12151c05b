#!/usr/bin/env bash
# CPU ms per request of every process of a running suite, around one wrk run (the tuning log of docs/performance.md).
#   load-tests/profile/cpu-per-request.sh <label> <base-url> <seconds> <connections> <lua script> [users.csv]
# e.g. against the bench suite (SNS_HOME=target/bench-suite), through the gateway and straight to post-service-1:
#   load-tests/profile/cpu-per-request.sh feed-gw http://127.0.0.1:38080 30 32 load-tests/profile/feed.lua
#   load-tests/profile/cpu-per-request.sh feed-direct http://127.0.0.1:38082 30 32 load-tests/profile/feed.lua
# Needs wrk (apt-get install wrk) and a users file of `id,userName,token` lines (./sns bench writes one to
# target/bench-suite/bench/users.csv). Run it twice after a fresh start: the first minute is JIT warm-up.
set -euo pipefail
label=$1 url=$2 secs=$3 conns=$4 script=$5
export SNS_USERS_FILE="${6:-${SNS_USERS_FILE:-target/bench-suite/bench/users.csv}}"
run="${SNS_HOME:-target/bench-suite}/run"
hz=$(getconf CLK_TCK)

ticks() { # "name ticks" of every process of the suite, children included (the database and Redis servers)
  local f pid total child
  for f in "$run"/*.pid; do
    pid=$(cat "$f"); total=0
    for child in $pid $(pgrep -P "$pid" || true); do
      total=$((total + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0)))
    done
    echo "$(basename "$f" .pid) $total"
  done | sort
}

before=$(ticks)
out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$script" "$url")
after=$(ticks)
requests=$(awk '/requests in/ {print $1}' <<<"$out")
errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
echo "$label: $(awk '/Requests\/sec/ {print $2}' <<<"$out") req/s, $requests requests, ${errors:-0} non-2xx," \
     "p50 $(awk '$1 == "50%" {print $2}' <<<"$out"), p99 $(awk '$1 == "99%" {print $2}' <<<"$out")"
join <(echo "$before") <(echo "$after") | awk -v n="$requests" -v hz="$hz" '$3 > $2 {
    printf "  %-16s %6.2f ms CPU per request\n", $1, ($3 - $2) * 1000 / hz / n }'
