#pragma once

#include "TestServer.h"

#include <QSettings>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <optional>

namespace appint {
class AppIntegrationPage;
class ConsoleController;
class MainWindow;
class SecretStore;
class TenantSwitcher;
} // namespace appint

namespace appint::test {

// appint-console as main.cpp wires it, for tests and the screenshot tool: a
// TenantSwitcher over a settings file of its own and the real system
// keychain (the gnome-keyring of scripts/with-test-session.sh, under a
// service name of its own that the destructor clears), a MainWindow and the
// ConsoleController. A TestServer plays the local sandbox tenant; its
// ManualClock drives the sessions and the page.
//
// `wrapStore` may put a fault-injecting store in front of the real one.
class ConsoleFixture
{
public:
    struct Options
    {
        TestServer::Options sandbox;
        std::function<SecretStore*(SecretStore* real, QObject* owner)> wrapStore;
        int sessionTimeoutMs = 20'000;
    };

    ConsoleFixture();
    explicit ConsoleFixture(Options options);
    ~ConsoleFixture();

    // Starts the sandbox server and builds the console (connected to nothing
    // yet). False with errorString() on failure, also when the keychain is
    // not the private one of a test session.
    bool build();
    // build(), then connects to the sandbox and waits for the page.
    bool startOnSandbox();
    // The console closes and starts again over the same settings, keychain
    // and servers: build() anew, nothing connected.
    bool restart();

    // Waits until the switcher has settled (connected or failed) and the
    // page has loaded; true when `id` (TenantEntry::id) is the current one.
    bool waitForConnection(const QString& id, int timeoutMs = 20'000);
    bool waitForLoad(int timeoutMs = 20'000);
    QString errorString() const { return m_error; }

    TestServer& sandbox() { return m_sandbox; }
    ManualClock& clock() { return m_sandbox.clock(); }
    QSettings& settings() { return *m_settings; }
    QString settingsFile() const;
    // The whole settings file, as written.
    QByteArray settingsFileContent() const;
    QString keychainService() const { return m_service; }
    SecretStore* store() const { return m_store; }
    SecretStore* realStore() const { return m_realStore; }
    TenantSwitcher& switcher() { return *m_switcher; }
    ConsoleController& controller() { return *m_controller; }
    MainWindow& window() { return *m_window; }
    AppIntegrationPage& page();
    QString dataDir() const { return m_dir.path(); }

    // `secret-tool` against the fixture's keychain service.
    std::optional<QString> keychainLookup(const QString& key) const;
    // The `user` attribute (the key) of every item of the service.
    QStringList keychainKeys() const;
    bool keychainStore(const QString& key, const QString& secret) const;

private:
    void teardown();

    Options m_options;
    TestServer m_sandbox;
    QTemporaryDir m_dir;
    QString m_service;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<QObject> m_storeOwner;
    SecretStore* m_realStore = nullptr;
    SecretStore* m_store = nullptr;
    std::unique_ptr<TenantSwitcher> m_switcher;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<ConsoleController> m_controller;
    QString m_error;
};

} // namespace appint::test
