#!/usr/bin/env bash
# Makes docs/screenshots/*.png from the real widgets: the console against
# real tenant services on loopback with the demo data and a fixed clock, the
# real keychain of a private session (scripts/with-test-session.sh), drawn
# offscreen with QWidget::grab (tests/gui/ScreenshotTool.cpp); the PDF sheet
# drawn by pdftoppm.
#   scripts/screenshots.sh [build dir, default build/dev]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/dev}
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake --preset "$(basename "$build")"
fi
cmake --build "$build" --target appint-screenshots
QT_LOGGING_RULES="appint.*.info=false" \
    scripts/with-test-session.sh "$build/bin/appint-screenshots" docs/screenshots
