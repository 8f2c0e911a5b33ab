#pragma once

#include "cli/CliFailure.h"
#include "core/Secret.h"
#include "keychain/KeychainResult.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QObject>
#include <QSettings>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace appint {

class SecretStore;

// What every command of `appint` shares: standard output and error, the
// network access manager, the system keychain and the shared settings (both
// opened on first use), the clock, and wait(), which turns one asynchronous
// call of the service or keychain layer into a value.
//
// The service and keychain layers deliver every result later, from the event
// loop, and every call has a time limit (AdminSession::timeoutMs(), the
// keychain watchdog), so a local event loop per call always ends. That keeps
// each command a plain sequence of steps, which is what a command line is.
class CliContext
{
    Q_DECLARE_TR_FUNCTIONS(CliContext)

public:
    CliContext();
    ~CliContext();
    CliContext(const CliContext&) = delete;
    CliContext& operator=(const CliContext&) = delete;

    // The command being run ("login"), for the prefix of messages.
    void setCommandName(const QString& name) { m_commandName = name; }

    // Text on standard output, as UTF-8, with a line break added.
    void print(const QString& text);
    // Bytes on standard output, as they are.
    void writeOutput(const QByteArray& bytes);
    // "appint login: warning: ..." on standard error.
    void warn(const QString& message);
    // "appint login: ..." on standard error, as one line; returns the exit code.
    int fail(const CliFailure& failure);
    int fail(ExitCode code, const QString& message) { return fail(CliFailure{code, message}); }
    // A plain line on standard error (notices that are not the command's output).
    void notice(const QString& text);

    QNetworkAccessManager* network();
    SecretStore* secretStore();
    QSettings* settings();
    qint64 now() const;

    // Keychain calls, waited for.
    KeychainResult readSecret(const QString& key);
    KeychainResult writeSecret(const QString& key, const Secret& secret);
    KeychainResult removeSecret(const QString& key);

    // Runs `start(context, done)` and waits for `done` to be called once.
    template <typename T>
    T wait(const std::function<void(QObject* context, std::function<void(const T&)> done)>& start)
    {
        std::optional<T> result;
        QEventLoop loop;
        QObject context;
        start(&context, [&result, &loop](const T& value) {
            if (!result) {
                result = value;
                loop.quit();
            }
        });
        if (!result) {
            loop.exec();
        }
        return std::move(*result);
    }

    // A message as one line: line breaks and other controls become spaces.
    static QString oneLine(const QString& text);

    // The total deadline of each request to a tenant: 30 s, or
    // $APPINT_TIMEOUT_MS (100 to 600000) for slow links and for tests.
    static int requestTimeoutMs();

private:
    void writeError(const QString& text);

    QString m_commandName;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<QObject> m_keychainOwner;
    SecretStore* m_secretStore = nullptr;
    std::unique_ptr<QSettings> m_settings;
};

} // namespace appint
