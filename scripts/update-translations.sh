#!/usr/bin/env bash
# Runs lupdate over every layer and fills in the English plural forms.
#   scripts/update-translations.sh [build dir, default build/dev]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/dev}
cmake --build "$build" --target update_translations
python3 scripts/fill-english-plurals.py translations/appint_en.ts
