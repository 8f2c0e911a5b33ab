#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring
# (a real Secret Service, empty, in a fresh data folder) and the offscreen Qt
# platform. Nothing of the user's own keyring, settings or data is touched.
#   scripts/with-test-session.sh ctest --preset ci
set -euo pipefail

scratch=$(mktemp -d -t appint-test-session.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch/home"
export XDG_DATA_HOME="$scratch/data"
export XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache"
export XDG_RUNTIME_DIR="$scratch/runtime"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 0700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM=offscreen
unset DISPLAY WAYLAND_DISPLAY

exec dbus-run-session -- bash -c '
    set -euo pipefail
    printf %s appint-test-keyring | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
    # The Secret Service must answer before any test starts.
    for _ in $(seq 1 50); do
        if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; then
            break
        fi
        sleep 0.1
    done
    exec "$@"' appint-test-session "$@"
