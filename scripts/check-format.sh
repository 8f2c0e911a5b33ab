#!/usr/bin/env bash
# Checks the C++ sources the way the style asks (docs/architecture-notes.md,
# "Formatting"): every tracked .h/.cpp under app/ and tests/ is as
# clang-format 14 (Debian 12's clang-format package, the version the
# .clang-format file is written for) would leave it, and no line of those
# files is longer than 120 columns. Exits non-zero and names each offending
# file. Changes nothing.
#   scripts/check-format.sh [file ...]    (default: all tracked sources)
# Environment: CLANG_FORMAT names the binary (default: clang-format).
set -euo pipefail
cd "$(dirname "$0")/.."

readonly wanted_major=14
readonly max_columns=120
clang_format=${CLANG_FORMAT:-clang-format}

if ! command -v "$clang_format" >/dev/null; then
    echo "check-format: $clang_format not found (apt-get install clang-format, Debian 12: version $wanted_major)" >&2
    exit 2
fi
version=$("$clang_format" --version)
major=$(sed -n 's/.*clang-format version \([0-9]*\)\..*/\1/p' <<<"$version")
if [[ "$major" != "$wanted_major" ]]; then
    echo "check-format: needs clang-format $wanted_major, found: $version" >&2
    exit 2
fi

if (($# > 0)); then
    files=("$@")
else
    mapfile -t files < <(git ls-files -- 'app/*.h' 'app/*.cpp' 'tests/*.h' 'tests/*.cpp')
fi

# One clang-format and one python3 run over every file: a process per file
# is minutes on two cores.
mapfile -t unformatted < <("$clang_format" --dry-run "${files[@]}" 2>&1 \
    | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: \(warning\|error\): code should be clang-formatted.*/\1/p' | sort -u)
# Columns as characters (UTF-8), not bytes (Debian's awk is mawk: bytes).
mapfile -t too_long < <(python3 - "$max_columns" "${files[@]}" <<'PY'
import sys
limit = int(sys.argv[1])
for name in sys.argv[2:]:
    with open(name, encoding="utf-8") as source:
        if any(len(line.rstrip("\n")) > limit for line in source):
            print(name)
PY
)

status=0
if ((${#unformatted[@]} > 0)); then
    echo "check-format: not clang-format $wanted_major clean (run: clang-format -i FILE):" >&2
    printf '  %s\n' "${unformatted[@]}" >&2
    status=1
fi
if ((${#too_long[@]} > 0)); then
    echo "check-format: lines over $max_columns columns:" >&2
    printf '  %s\n' "${too_long[@]}" >&2
    status=1
fi
if ((status == 0)); then
    echo "check-format: ${#files[@]} files clean"
fi
exit $status
