#!/usr/bin/env bash
# Runs one command in a private D-Bus session with a keychain in a chosen state.
#
#   keychain-session.sh MODE PASSWORD COMMAND [ARG...]
#
#   none      nothing provides org.freedesktop.secrets, and nothing can be
#             activated (no-activation-bus.conf): "no system keychain".
#   unlocked  gnome-keyring-daemon --unlock with PASSWORD. A fresh data folder
#             gets a new "login" keyring with that password; an existing one
#             opened with a wrong password stays locked.
#   locked    as unlocked, then the default collection is locked through the
#             Secret Service's own Lock() method.
#   stalled   $APPINT_STALLED_SECRET_SERVICE owns org.freedesktop.secrets and
#             never answers.
#
# The caller provides HOME, XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME,
# XDG_RUNTIME_DIR and TMPDIR (a private temporary tree). The bus activates
# nothing, so no prompt (gcr-prompter) can appear on anyone's screen. Before
# the command runs, one line on standard error tells the state of the default
# collection: "keychain-session: default collection locked: true|false|none".
set -euo pipefail

if [ $# -lt 3 ]; then
    echo "usage: keychain-session.sh none|unlocked|locked|stalled PASSWORD COMMAND [ARG...]" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

exec dbus-run-session --config-file="$here/no-activation-bus.conf" -- bash -c '
    set -euo pipefail
    mode=$1 password=$2
    shift 2
    has_owner() {
        dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"
    }
    wait_for_owner() {
        for _ in $(seq 1 100); do
            has_owner && return 0
            sleep 0.05
        done
        echo "keychain-session: nothing owns org.freedesktop.secrets" >&2
        exit 3
    }
    secret_service() {
        dbus-send --session --print-reply --dest=org.freedesktop.secrets "$@"
    }
    default_locked() {
        secret_service /org/freedesktop/secrets/aliases/default org.freedesktop.DBus.Properties.Get \
            string:org.freedesktop.Secret.Collection string:Locked 2>/dev/null \
            | sed -n "s/.*boolean \(true\|false\).*/\1/p"
    }
    case $mode in
    none)
        echo "keychain-session: default collection locked: none" >&2
        ;;
    unlocked|locked)
        printf %s "$password" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
        wait_for_owner
        if [ "$mode" = locked ]; then
            secret_service /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock \
                array:objpath:/org/freedesktop/secrets/aliases/default >/dev/null
        fi
        echo "keychain-session: default collection locked: $(default_locked || true)" >&2
        ;;
    stalled)
        "$APPINT_STALLED_SECRET_SERVICE" &
        stalled_pid=$!
        trap "kill $stalled_pid 2>/dev/null || true" EXIT
        wait_for_owner
        echo "keychain-session: default collection locked: none" >&2
        ;;
    *)
        echo "keychain-session: unknown mode $mode" >&2
        exit 2
        ;;
    esac
    status=0
    "$@" || status=$?
    exit $status
' keychain-session "$@"
