#pragma once

#include "HttpTestClient.h"
#include "TestServer.h"
#include "keychain/KeychainResult.h"

#include <QJsonDocument>
#include <QMap>
#include <QObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <memory>

namespace appint {
class SecretStore;
}

namespace appint::test {

// One run of the real `appint` binary.
struct CliRun
{
    bool finished = false;
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;

    QJsonDocument json() const { return QJsonDocument::fromJson(standardOutput); }
    // Both streams, for failure messages.
    QByteArray describe() const;
    // Standard error as text lines (without the empty last one).
    QList<QByteArray> errorLines() const;
    // Whether `needle` appears in either stream.
    bool mentions(const QByteArray& needle) const
    {
        return standardOutput.contains(needle) || standardError.contains(needle);
    }
};

// What the command line's tests share: a real appint-server on loopback
// (TestServer, its clock at the wall clock's time, since `appint` runs on the
// wall clock), a private settings folder (XDG_CONFIG_HOME) for the program,
// the real keychain of the test session (scripts/with-test-session.sh), seen
// through the application's own store and through secret-tool, and runs of
// the `appint` binary as a subprocess.
class CliFixture
{
public:
    CliFixture();
    ~CliFixture();
    CliFixture(const CliFixture&) = delete;
    CliFixture& operator=(const CliFixture&) = delete;

    // Empty when the test may run: inside the private test session, the
    // binary built. Otherwise why not.
    static QString checkEnvironment();
    static QString program();

    bool startServer(QString* error);
    TestServer& server() { return *m_server; }
    QString tenantUrl() const; // "http://127.0.0.1:PORT"
    QString tokenUrl() const { return tenantUrl() + QStringLiteral("/oauth/token"); }

    QString configHome() const { return m_config.path(); }
    // The program's private runtime folder (XDG_RUNTIME_DIR, 0700) and the
    // token cache file in it (TokenCacheFile).
    QString runtimeDir() const { return m_runtime.path(); }
    QString tokenCacheFile() const;
    QString settingsFile() const; // $XDG_CONFIG_HOME/appint/appint.conf
    QByteArray settingsBytes() const;
    QProcessEnvironment environment() const;

    CliRun run(const QStringList& arguments, const QByteArray& input = {},
               const QMap<QString, QString>& environment = {}, const QString& workingDirectory = {}) const;
    // appint login with the server's bootstrap administrator (secret on stdin).
    CliRun login() const;

    // The session's real keychain, through the application's store (service "appint").
    KeychainResult keychainRead(const QString& key);
    KeychainResult keychainWrite(const QString& key, const QString& secret);
    KeychainResult keychainRemove(const QString& key);
    // The same keychain through libsecret's own tool: the secret, or an empty string.
    static QString secretToolLookup(const QString& key);

    // Management API calls as the administrator (HttpTestClient).
    QString adminToken();
    // Creates a client; the answer includes its client_secret.
    QJsonObject createClient(const QJsonObject& body);
    QJsonObject createTechnicalClient(const QString& name, const QString& userId,
                                      const QString& role = QStringLiteral("DW_VIEWER"));
    HttpTestClient& http() { return m_http; }

private:
    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_config;
    QTemporaryDir m_runtime;
    QObject m_owner;
    SecretStore* m_store = nullptr;
    HttpTestClient m_http;
};

} // namespace appint::test
