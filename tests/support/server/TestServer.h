#pragma once

#include "ManualClock.h"
#include "server/ServerThread.h"

#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace appint::test {

// A real appint tenant service for tests: a ServerThread on 127.0.0.1 with an
// ephemeral port, over a fresh temporary data folder, with a ManualClock that
// the test moves instead of sleeping. The bootstrap administrator's
// credentials come from the server's bootstrap-admin.json.
//
//     appint::test::TestServer server;
//     QVERIFY2(server.start(), qPrintable(server.errorString()));
//     ... server.baseUrl(), server.adminClientId(), server.adminSecret() ...
//     server.clock().advance(8 * 86400);
class TestServer
{
public:
    struct Options
    {
        bool demo = false;
        int threads = 2;
        QString tenantName = QStringLiteral("Test tenant");
        qint64 startTime = 1'750'000'000; // the ManualClock's first value
    };

    TestServer();
    explicit TestServer(Options options);
    ~TestServer();
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    // Starts the server (no-op if running). False with errorString() if not.
    bool start();
    // Stops and starts again over the same data folder and, if it is still
    // free, the same port (so the issuer and the tokens stay valid).
    bool restart();
    void stop();
    bool isRunning() const;
    QString errorString() const { return m_error; }

    QUrl baseUrl() const;
    QUrl url(const QString& path) const; // baseUrl() + path ("/oauth/token")
    QUrl tokenUrl() const { return url(QStringLiteral("/oauth/token")); }
    QString adminClientId() const { return m_adminClientId; }
    QString adminSecret() const { return m_adminSecret; }
    // The bootstrap user TENANT_ADMIN (DW_ADMINISTRATOR) and its password.
    QString adminUserName() const { return m_adminUserName; }
    QString adminUserPassword() const { return m_adminUserPassword; }
    ManualClock& clock() { return *m_clock; }
    std::shared_ptr<ManualClock> sharedClock() const { return m_clock; }
    QString dataDir() const { return m_dataDir.path(); }
    QString bootstrapFilePath() const;
    ServerThread* serverThread() const { return m_thread.get(); }

private:
    Options m_options;
    QTemporaryDir m_dataDir;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<ServerThread> m_thread;
    quint16 m_port = 0; // once started, restarts ask for the same port
    QString m_adminClientId;
    QString m_adminSecret;
    QString m_adminUserName;
    QString m_adminUserPassword;
    QString m_error;
};

} // namespace appint::test
