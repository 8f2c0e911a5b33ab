#pragma once

#include "gui/tenants/TenantEntry.h"
#include "service/TenantProfile.h"

#include <QObject>
#include <QPointer>

class QAction;
class QComboBox;
class QMenu;
class QToolBar;

namespace appint {

class ConnectDialog;
class MainWindow;
class PreferencesDialog;
class TenantSwitcher;

// The console around the pages: the tenant switcher (a toolbar with the
// tenants, "Connect to a Tenant…" and "Forget This Tenant…", and the same in
// the Tenant menu), the connect dialog, Preferences, and the banner that says
// when a tenant could not be reached (with "Connect…" and "Use the Local
// Sandbox" as the ways out). It hands each new connection of the
// TenantSwitcher to the MainWindow and applies the Preferences to its
// clipboard.
class ConsoleController : public QObject
{
    Q_OBJECT

public:
    // Neither is owned; both must outlive the controller.
    ConsoleController(MainWindow* window, TenantSwitcher* switcher, QObject* parent = nullptr);
    ~ConsoleController() override;

    QComboBox* tenantComboBox() const { return m_tenantComboBox; }
    QToolBar* tenantToolBar() const { return m_toolBar; }
    QAction* connectAction() const { return m_connectAction; }
    QAction* forgetAction() const { return m_forgetAction; }
    QAction* useSandboxAction() const { return m_useSandboxAction; }
    QAction* bannerConnectAction() const { return m_bannerConnectAction; }
    QAction* bannerSandboxAction() const { return m_bannerSandboxAction; }
    QAction* bannerSignInAction() const { return m_bannerSignInAction; }
    QAction* preferencesAction() const { return m_preferencesAction; }
    ConnectDialog* connectDialog() const;
    PreferencesDialog* preferencesDialog() const;

    // Connects to the tenant appint-console opens (TenantSwitcher::startupEntry).
    void start();

public slots:
    void openConnectDialog();
    // The connect dialog with a known tenant's URL and client ID filled in.
    void reconnect(const TenantEntry& entry);
    void forgetCurrentTenant();
    void openPreferences();
    void useSandbox();

private:
    void createActions();
    void rebuildSwitcher();
    void updateActions();
    void onTenantChosen(int index);
    void onActivationStarted(const TenantEntry& entry);
    void onActivated(const TenantEntry& entry);
    void onActivationFailed(const TenantEntry& entry, const QString& message);
    void onSignInEnded(const TenantEntry& entry, const QString& message);
    void showConnectDialog(const TenantProfile& profile);
    void showStatus(const QString& text);

    MainWindow* m_window;
    TenantSwitcher* m_switcher;
    QToolBar* m_toolBar = nullptr;
    QComboBox* m_tenantComboBox = nullptr;
    QMenu* m_tenantMenu = nullptr;
    QAction* m_connectAction = nullptr;
    QAction* m_forgetAction = nullptr;
    QAction* m_useSandboxAction = nullptr;
    QAction* m_preferencesAction = nullptr;
    QAction* m_quitAction = nullptr;
    // The banner's ways out after a failed connection.
    QAction* m_bannerConnectAction = nullptr;
    QAction* m_bannerSandboxAction = nullptr;
    QAction* m_bannerSignInAction = nullptr;
    TenantEntry m_failedEntry;
    QPointer<ConnectDialog> m_connectDialog;
    QPointer<PreferencesDialog> m_preferencesDialog;
    bool m_rebuilding = false;
};

} // namespace appint
