#!/usr/bin/env bash
# Installs what the project needs, builds it the way CI does (warnings are
# errors) and runs every test suite inside a private D-Bus session with an
# unlocked gnome-keyring on the offscreen Qt platform; then the server and
# service suites again under AddressSanitizer + UndefinedBehaviorSanitizer
# (scripts/sanitize.sh) and each libFuzzer target for a bounded time
# (scripts/fuzz.sh, APPINT_FUZZ_SECONDS, default 60).
#   scripts/test.sh                   everything
#   scripts/test.sh [ctest arguments] only the main suite, e.g. -L core
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
cmake --preset ci
cmake --build --preset ci
./scripts/with-test-session.sh ctest --preset ci "$@"
if [ $# -eq 0 ]; then
    ./scripts/sanitize.sh
    ./scripts/fuzz.sh
fi
