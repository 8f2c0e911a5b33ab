#!/usr/bin/env bash
# Builds core, server and service with AddressSanitizer and
# UndefinedBehaviorSanitizer (preset "asan", gcc) and runs the server and
# service suites on it. Part of scripts/test.sh; expects install-deps.sh to
# have run.
#   scripts/sanitize.sh [extra ctest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset asan
cmake --build --preset asan
exec ./scripts/with-test-session.sh ctest --preset asan "$@"
