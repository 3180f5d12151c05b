#!/usr/bin/env bash
# Issue 14's overload check: 10,000 alarm-stream requests at once (10,000/s) through the gateway against `./sns up`'s
# default suite (default ports, JVM flags and 384 MB heaps, one instance of each service), then every instance's
# health right after the client has closed its streams and a minute later, and any OutOfMemoryError in the logs.
# Only the gateway's join/login limit is raised, so that the fixture can make its 100 users from one address.
# Needs the bench classes: ./mvnw -B -q -Pbench -pl load-tests test-compile dependency:build-classpath
#   -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test   (./sns bench does this)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export SNS_HOME="$ROOT/target/burst-suite" RUN="$ROOT/target/burst-suite/run" LOGS="$ROOT/target/burst-suite/logs"
export SNS_AUTH_RATE_PER_SECOND=1000 SNS_AUTH_RATE_BURST=2000
ulimit -n "$(ulimit -Hn)"
./sns down >/dev/null 2>&1 || true
trap './sns down >/dev/null 2>&1' EXIT
./sns up | tail -n 2
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
CP="$ROOT/load-tests/target/test-classes:$(cat "$ROOT/load-tests/target/bench-classpath.txt")"
probe() { "$JAVA" -cp "$CP" -Dsns.gateway.url=http://127.0.0.1:8080 -Dbench.usersFile="$SNS_HOME/users.csv" "$@"; }
probe -Dbench.userCount=100 dev.sns.bench.Fixture | tail -n 1
./sns status
probe -Dbench.connections=10000 -Dbench.connectRate=10000 -Dbench.alarmPid="$(cat "$RUN/alarm-service-1.pid")" \
    -Dbench.alarmUrl="http://127.0.0.1:$(cat "$RUN/alarm-service-1.port")" -Dbench.gatewayPid="$(cat "$RUN/gateway.pid")" \
    dev.sns.bench.SseCapacityProbe | tail -n 3
echo "refused by the gateway with 503: $(grep -c 'alarm/subscribe?token=\[REDACTED\] 503' "$LOGS/gateway.log" || true)"
echo "--- right after the probe closed its streams"
./sns status
sleep 60
echo "--- a minute later"
./sns status
echo "OutOfMemoryError in: $(grep -l OutOfMemoryError "$LOGS"/*.log || echo none)"
