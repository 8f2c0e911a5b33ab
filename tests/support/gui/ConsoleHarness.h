#pragma once

#include "TestServer.h"

#include <QNetworkAccessManager>

class QSettings;

#include <memory>

namespace appint {
class AdminSession;
class AppIntegrationPage;
class MainWindow;
class OutboundCredentialsPage;
class SecretStore;
class TenantApi;
} // namespace appint

namespace appint::test {

// The console as appint-console wires it, against a real tenant service on
// loopback: a TestServer (its ManualClock drives the server, the admin
// session and the page alike), an AdminSession with the bootstrap
// administrator's credentials, a TenantApi and the MainWindow.
class ConsoleHarness
{
public:
    ConsoleHarness();
    explicit ConsoleHarness(TestServer::Options options);
    ~ConsoleHarness();

    // Starts the server, shows the window and waits until the page has
    // loaded. False with errorString() if any of it fails.
    bool start();
    QString errorString() const { return m_error; }

    TestServer& server() { return m_server; }
    ManualClock& clock() { return m_server.clock(); }
    TenantApi& api() { return *m_api; }
    MainWindow& window() { return *m_window; }
    AppIntegrationPage& page();

    // Loads the page again and waits for it.
    bool reload();

    // Issue 5: adds System › Administration › Outbound Credentials to the
    // window, as appint-console does, over these settings and secret store
    // (not owned) and the harness's clock and network.
    OutboundCredentialsPage& addOutboundCredentialsPage(QSettings* settings, SecretStore* secrets);

private:
    bool waitForLoad();

    TestServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<AdminSession> m_session;
    std::unique_ptr<TenantApi> m_api;
    std::unique_ptr<MainWindow> m_window;
    QString m_error;
};

} // namespace appint::test
