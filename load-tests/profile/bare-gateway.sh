#!/usr/bin/env bash
# Calibration of the gateway's cost (docs/performance.md): runs a bare Spring Cloud Gateway (bare-gateway/: one route,
# no filter, no security, no observation; same Boot, Reactor Netty and Netty as gateway-service) in front of
# post-service-1 of a running suite and measures it the way cpu-per-request.sh measures the real one, in the same minutes.
#   load-tests/profile/bare-gateway.sh [rounds] [seconds]     (SNS_HOME=target/bench-suite by default)
# Prints, per round: the bare gateway, the real gateway and post-service straight, each with CPU ms per request.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3} secs=${2:-20}
run="${SNS_HOME:-target/bench-suite}/run"
java_opts=${SNS_JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseSerialGC}
post=$(cat "$run/post-service-1.port") gateway=$(cat "$run/gateway.port") bare=${BARE_GATEWAY_PORT:-38070}
here=load-tests/profile
./mvnw -B -q -f $here/bare-gateway/pom.xml package -DskipTests
# shellcheck disable=SC2086
BARE_GATEWAY_PORT=$bare BARE_GATEWAY_TARGET="http://127.0.0.1:$post" \
  java $java_opts -jar $here/bare-gateway/target/bare-gateway-1.0.0-SNAPSHOT.jar >"$run/../bare-gateway.log" 2>&1 &
echo $! >"$run/bare-gateway.pid" # cpu-per-request.sh counts every pid file of the suite
trap 'kill "$(cat "$run/bare-gateway.pid")"; rm -f "$run/bare-gateway.pid"' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$bare/"; do kill -0 "$(cat "$run/bare-gateway.pid")" || { tail "$run/../bare-gateway.log"; exit 1; }; sleep 1; done

only() { grep -E "req/s|  (bare-gateway|gateway|post-service-1) "; }
$here/cpu-per-request.sh warm-bare "http://127.0.0.1:$bare" 60 32 $here/feed.lua >/dev/null
for ((r = 1; r <= rounds; r++)); do
  $here/cpu-per-request.sh "bare-gateway" "http://127.0.0.1:$bare" "$secs" 32 $here/feed.lua | only
  $here/cpu-per-request.sh "gateway" "http://127.0.0.1:$gateway" "$secs" 32 $here/feed.lua | only
  $here/cpu-per-request.sh "direct" "http://127.0.0.1:$post" "$secs" 32 $here/feed.lua | only
done
