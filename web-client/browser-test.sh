#!/usr/bin/env bash
# Runs the web client's browser test (browser-test/, node --test + playwright-core driving Debian's chromium)
# against a running suite. Usage: web-client/browser-test.sh http://localhost:8080
# Screenshots: web-client/target/screenshots/. Only the npm registry and Debian's packages are used: no browser download.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
URL="${1:-${SNS_GATEWAY_URL:-}}"
say() { printf '[browser-test] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

[ -n "$URL" ] || die "usage: $0 <gateway URL, e.g. http://localhost:8080>"
command -v node >/dev/null && command -v npm >/dev/null || die "node and npm are needed (node >= 20)"

find_chromium() { command -v chromium 2>/dev/null || { [ -x /usr/bin/chromium ] && echo /usr/bin/chromium; } || true; }
CHROMIUM="${SNS_CHROMIUM:-$(find_chromium)}"
if [ -z "$CHROMIUM" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian's chromium"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
    CHROMIUM="$(find_chromium)"
  fi
  [ -n "$CHROMIUM" ] || die "chromium is not installed; install Debian's package as root: apt-get install chromium (or set SNS_CHROMIUM to a Chromium binary)"
fi

say "gateway $URL, browser $CHROMIUM"
(cd "$HERE/browser-test" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
mkdir -p "$HERE/target/screenshots"
cd "$HERE/browser-test"
SNS_GATEWAY_URL="$URL" SNS_CHROMIUM="$CHROMIUM" node --test --test-reporter=spec web-client.test.mjs
