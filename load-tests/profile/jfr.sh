#!/usr/bin/env bash
# CPU profile of one suite process under wrk load (the tuning log of docs/performance.md):
#   load-tests/profile/jfr.sh <process> <seconds> <base-url> <lua script>   e.g. jfr.sh gateway 30 http://127.0.0.1:38080 feed.lua
# Records Java Flight Recorder execution samples (jcmd JFR.start) while wrk runs and prints the share of samples whose
# stack holds a frame of each package group (see the patterns below), then the 25 hottest top frames.
set -euo pipefail
name=$1 secs=$2 url=$3 script=$4
pid=$(cat "${SNS_HOME:-target/bench-suite}/run/$name.pid")
export SNS_USERS_FILE="${SNS_USERS_FILE:-target/bench-suite/bench/users.csv}"
out="${TMPDIR:-/tmp}/$name-$$.jfr"
jcmd "$pid" JFR.start name=profile settings=profile filename="$out" > /dev/null
wrk -t2 -c32 -d"${secs}s" -s "$script" "$url" > /dev/null
jcmd "$pid" JFR.stop name=profile > /dev/null
jfr print --events jdk.ExecutionSample --stack-depth 200 "$out" | awk '
  /jdk.ExecutionSample/ { if (stack != "") account(); stack = ""; top = ""; next }
  /line:/ { frame = $1; if (top == "") top = frame; stack = stack " " frame }
  function account(  i) { n++; tops[top]++
    for (i in groups) if (index(stack, groups[i]) > 0) hits[i]++ }
  BEGIN { split("org.springframework.security io.micrometer.observation io.micrometer.context io.micrometer.tracing " \
                "io.github.resilience4j org.springframework.cloud.gateway reactor.netty io.netty com.nimbusds " \
                "ch.qos.logback org.springframework.web.server org.springframework.http", groups, " ") }
  END { if (stack != "") account()
        printf "%d samples\n", n
        for (i in groups) printf "%5.1f %%  %s\n", 100 * hits[i] / n, groups[i]
        for (t in tops) printf "%5.1f %%  top %s\n", 100 * tops[t] / n, t | "sort -rn | head -25" }'
echo "recording: $out"
