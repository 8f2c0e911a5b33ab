#!/usr/bin/env bash
# Installs what the project needs, builds it the way CI does (warnings are
# errors) and runs every test suite inside a private D-Bus session with an
# unlocked gnome-keyring on the offscreen Qt platform.
#   scripts/test.sh [extra ctest arguments, e.g. -L core]
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
cmake --preset ci
cmake --build --preset ci
exec ./scripts/with-test-session.sh ctest --preset ci "$@"
