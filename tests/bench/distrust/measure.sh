#!/usr/bin/env bash
# Peak memory (max RSS) and request counts of appint-console and `appint
# clients list` against tests/bench/distrust/hostile_tenant.py, one mode at a
# time (issue 16). Run inside a test session, for the keychain:
#   scripts/with-test-session.sh tests/bench/distrust/measure.sh build/ci [SECONDS]
# The console runs SECONDS (default 20) and is then ended; appint runs until
# it exits (at most 120 s).
set -uo pipefail
build=${1:-build/ci}
seconds=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen

printf '| mode | program | max RSS | requests for /api/v1/clients | exit | message |\n|---|---|---|---|---|---|\n'
for mode in normal runaway repeated huge body200; do
    python3 "$here/hostile_tenant.py" "$mode" "$work/port" 2>"$work/requests" &
    fake=$!
    for _ in $(seq 1 1200); do [ -s "$work/port" ] && break; sleep 0.1; done
    url="http://127.0.0.1:$(cat "$work/port")"
    printf '{"client_id":"admin","client_secret":"hostile-secret","token_url":"%s/oauth/token"}' "$url" >"$work/admin.json"

    : >"$work/requests"
    /usr/bin/time -f %M -o "$work/rss" timeout -s TERM "$seconds" \
        "$build/bin/appint-console" --tenant "$url" --admin-credentials "$work/admin.json" >"$work/out" 2>&1
    requests=$(grep -c "GET /api/v1/clients" "$work/requests")
    printf '| %s | appint-console (%s s) | %s MB | %s | - | - |\n' "$mode" "$seconds" \
        "$(( $(tail -1 "$work/rss") / 1024 ))" "$requests"

    echo hostile-secret | "$build/bin/appint" login --tenant "$url" --client-id admin --client-secret-stdin \
        >/dev/null 2>&1
    : >"$work/requests"
    /usr/bin/time -f %M -o "$work/rss" timeout 120 "$build/bin/appint" clients list --tenant "$url" >"$work/out" 2>"$work/err"
    code=$?
    requests=$(grep -c "GET /api/v1/clients" "$work/requests")
    printf '| %s | appint clients list | %s MB | %s | %s | %s |\n' "$mode" \
        "$(( $(tail -1 "$work/rss") / 1024 ))" "$requests" "$code" "$(head -c 160 "$work/err" | tr '\n|' '  ')"
    kill "$fake" 2>/dev/null
    wait "$fake" 2>/dev/null
    rm -f "$work/port"
done
