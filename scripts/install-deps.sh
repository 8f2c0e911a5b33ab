#!/usr/bin/env bash
# Installs every Debian 12 package the project needs to build, run, test,
# benchmark and package. Idempotent: re-running it is cheap.
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config git ca-certificates
    # Qt 6 and friends
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    linguist-qt6 qtkeychain-qt6-dev qt6-httpserver-dev qt6-websockets-dev
    qt6-networkauth-dev qt6-svg-dev libqt6svg6 qt6-qpa-plugins qt6-image-formats-plugins
    libqt6sql6-sqlite libqt6sql6-psql libgl-dev
    # crypto
    libssl-dev openssl
    # SAML 2.0 bearer grant: XML signatures with xmlsec1 (OpenSSL backend) over
    # libxml2; the xmlsec1 command line signs the test assertions
    libxmlsec1-dev libxml2-dev xmlsec1
    # Argon2id password hashes of tenant users
    libsodium-dev
    # the HTTP edge's request parser (Boost.Beast, header-only)
    libboost-dev
    # fuzzing (libFuzzer) and the sanitizer builds
    clang clang-format libfuzzer-14-dev libclang-rt-14-dev
    # keychain at run time and in tests
    libsecret-1-0 gnome-keyring dbus dbus-x11 libsecret-tools
    # GUI tests, screenshots, PDF checks
    xvfb xauth fonts-dejavu-core imagemagick poppler-utils
    # tests and benchmarks
    faketime curl wrk python3
    # `script` (a pseudo-terminal for the no-echo prompt test of `appint login`)
    bsdutils
    # the sign-in page in a real browser, and a third-party OAuth client
    # (tests/e2e/signin, label "browser")
    chromium chromium-driver python3-selenium python3-authlib python3-requests
)

# Node.js runs a third-party OAuth server (oidc-provider) in the token-client
# tests. Debian's own nodejs/npm are used unless a Node.js is already present
# (an upstream nodejs package bundles npm and conflicts with Debian's).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if ((${#missing[@]})); then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

# The third-party OAuth server of the token-client tests (tests/peers/oidc):
# installed exactly as its package-lock.json says, again whenever the lock
# file changed. The tests fail, not skip, when it is missing.
peer=tests/peers/oidc
if [ ! -f "$peer/node_modules/.package-lock.json" ] || [ "$peer/package-lock.json" -nt "$peer/node_modules/.package-lock.json" ]; then
    npm ci --prefix "$peer" --no-audit --no-fund
fi
