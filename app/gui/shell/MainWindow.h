#pragma once

#include "core/Clock.h"
#include "core/TenantInfo.h"

#include <QMainWindow>

class QLabel;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace appint {

class AppIntegrationPage;
class ClientSecretKeeper;
class Clipboard;
class IdentityProvidersPage;
class MessageWidget;
class OutboundCredentialsPage;
class TenantApi;
class UsersPage;

// The console's main window: side navigation as in the product (System ›
// Administration › App Integration; a tree of pages, so later issues can add
// theirs), the pages, and a status bar with the connection and the clipboard
// countdown. The title names the page and the tenant. Above the pages, a
// banner for what concerns the connection (a tenant that could not be
// reached, with the way out).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `api` may be null (not connected yet): see setTenant().
    MainWindow(TenantApi* api, const QString& connectionText, const Clock& clock = Clock::system(),
               QWidget* parent = nullptr);
    ~MainWindow() override;

    AppIntegrationPage* appIntegrationPage() const;
    Clipboard* clipboard() const;
    QTreeWidget* navigation() const;
    MessageWidget* connectionBanner() const;

    // Another tenant (the tenant switcher): the pages drop the previous one's
    // data. Call start() to load.
    void setTenant(TenantApi* api, ClientSecretKeeper* keeper, const QString& connectionText);
    void setConnectionText(const QString& text);

    // A short note in the status bar, elided to the room beside the
    // clipboard countdown and the connection.
    void showStatusMessage(const QString& text, int timeoutMs = 0);

    // Loads the current page's data.
    void start();

    // Adds a page under a navigation path ("System", "Administration"), for
    // the pages of later issues.
    QTreeWidgetItem* addPage(const QStringList& path, const QString& title, const QIcon& icon, QWidget* page);

    // Issue 5: System › Administration › Outbound Credentials, fed by "Create
    // Outbound Credential…" of App Integration. Takes ownership of `page`.
    void addOutboundCredentialsPage(OutboundCredentialsPage* page);
    OutboundCredentialsPage* outboundCredentialsPage() const { return m_outboundCredentials; }

    // Issue 13: System › Administration › Users; follows setTenant() and
    // loads when first shown. Takes ownership of `page`.
    void addUsersPage(UsersPage* page);
    UsersPage* usersPage() const { return m_users; }
    // Issue 14: System › Administration › Trusted Identity Providers; it
    // follows the tenant of setTenant(). Takes ownership of `page`.
    void addIdentityProvidersPage(IdentityProvidersPage* page);
    IdentityProvidersPage* identityProvidersPage() const { return m_identityProviders; }

private:
    void onTenantLoaded(const TenantInfo& tenant);
    void onNavigation(QTreeWidgetItem* current);
    void updateTitle();
    QTreeWidgetItem* groupItem(const QStringList& path);

    Clipboard* m_clipboard = nullptr;
    QTreeWidget* m_navigation = nullptr;
    QStackedWidget* m_pages = nullptr;
    AppIntegrationPage* m_appIntegration = nullptr;
    OutboundCredentialsPage* m_outboundCredentials = nullptr;
    UsersPage* m_users = nullptr;
    IdentityProvidersPage* m_identityProviders = nullptr;
    QLabel* m_clipboardLabel = nullptr;
    QLabel* m_connectionLabel = nullptr;
    MessageWidget* m_connectionBanner = nullptr;
    QString m_tenantName;
};

} // namespace appint
