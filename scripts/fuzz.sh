#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz": clang, ASan + UBSan) and runs
# each one for APPINT_FUZZ_SECONDS (default 60) over its seed corpus in
# tests/fuzz/corpus/. A crash, a sanitizer finding or a failed check of a
# target fails the run; the input that did it is written to the build
# folder (crash-*). Part of scripts/test.sh; expects install-deps.sh to have
# run.
#   APPINT_FUZZ_SECONDS=600 scripts/fuzz.sh [-R FuzzJwtVerify]
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset fuzz -DAPPINT_FUZZ_SECONDS="${APPINT_FUZZ_SECONDS:-60}"
cmake --build --preset fuzz
exec ctest --preset fuzz "$@"
