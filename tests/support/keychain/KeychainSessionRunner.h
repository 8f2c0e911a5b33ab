#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>
#include <QTemporaryDir>

#include <optional>

namespace appint::test {

// A private keychain world for one test: a temporary tree that serves as HOME,
// XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_RUNTIME_DIR and TMPDIR,
// and runs of keychain-session.sh in it, each in a D-Bus session of its own
// (no Secret Service, an unlocked or locked gnome-keyring, a stalled service).
// The keyring files persist in the tree from one run to the next, so a test
// can store with one password and come back with a wrong one.
class KeychainSessionRunner
{
public:
    enum class Mode { NoService, Unlocked, Locked, Stalled };

    struct Result
    {
        bool finished = false;
        int exitCode = -1;
        QByteArray standardOutput;
        QByteArray standardError;
        QJsonObject json; // the last JSON line of standard output, if any
        std::optional<bool> collectionLocked; // what keychain-session.sh reported
    };

    KeychainSessionRunner();

    bool isValid() const;
    QString root() const;

    // Runs `command` in a session of `mode` with `input` on standard input.
    Result run(Mode mode, const QString& password, const QStringList& command, const QByteArray& input = {}) const;
    // Runs appint-keychain-probe with `arguments`.
    Result probe(Mode mode, const QString& password, const QStringList& arguments, const QByteArray& input = {}) const;

    // Every file below root() (not directories), relative to it, sorted.
    QStringList files() const;
    // The files below root() whose bytes contain `needle`.
    QStringList filesContaining(const QByteArray& needle) const;

    static QString probeProgram();
    static QString sessionScript();

private:
    QTemporaryDir m_dir;
};

} // namespace appint::test
