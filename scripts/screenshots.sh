#!/usr/bin/env bash
# Makes docs/screenshots/*.png from the real widgets: the console against a
# real tenant service on loopback with the demo data and a fixed clock, drawn
# offscreen with QWidget::grab (tests/gui/ScreenshotTool.cpp). The Outbound
# Credentials shots need a keychain: the tool runs in a private test session
# (scripts/with-test-session.sh: its own D-Bus and gnome-keyring).
#   scripts/screenshots.sh [build dir, default build/dev]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/dev}
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake --preset "$(basename "$build")"
fi
cmake --build "$build" --target appint-screenshots
scratch=$(mktemp -d -t appint-screenshots.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
export XDG_RUNTIME_DIR="$scratch/runtime" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config"
mkdir -p -m 0700 "$XDG_RUNTIME_DIR"
QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES="appint.*.info=false" \
    scripts/with-test-session.sh "$build/bin/appint-screenshots" docs/screenshots
