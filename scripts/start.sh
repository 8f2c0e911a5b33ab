#!/usr/bin/env bash
# Installs what the project needs, builds the release programs and starts the
# console. With no tenant configured it runs the local sandbox tenant in
# process (demo data on first start).
#   scripts/start.sh [appint-console arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
cmake --preset release
cmake --build --preset release

console=build/release/bin/appint-console
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "No display found: starting the console on a virtual X display (Xvfb)." >&2
    exec xvfb-run -a -s "-screen 0 1280x800x24" "$console" "$@"
fi
exec "$console" "$@"
