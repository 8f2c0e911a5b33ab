#pragma once

#include "core/Client.h"
#include "core/Clock.h"
#include "core/ConnectionSheet.h"
#include "core/Role.h"
#include "core/Space.h"
#include "core/TenantInfo.h"

#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class QAction;
class QMenu;
class QPushButton;
class QTimer;
class QToolBar;

namespace Ui {
class AppIntegrationPage;
}

namespace appint {

class ClientDialog;
class ClientSecretKeeper;
class ClientTableModel;
class ClientTableView;
class Clipboard;
class MessageWidget;
class ExportSheetDialog;
class SecretDialog;
class SecretView;
class TenantApi;

// System › Administration › App Integration: the "OAuth 2.0 Server
// Information" block and the "Configured Clients" table with its toolbar and
// context menu (seeds 000-002). The page makes the service calls; dialogs only
// collect input and show results. Errors go to the page's banner (or beside
// the fields of the open dialog); buttons that would repeat a running request
// are disabled until it ends.
class AppIntegrationPage : public QWidget
{
    Q_OBJECT

public:
    // `api` may be null: the page is empty until setTenant() gives it one.
    AppIntegrationPage(TenantApi* api, Clipboard* clipboard, const Clock& clock = Clock::system(),
                       QWidget* parent = nullptr);
    ~AppIntegrationPage() override;

    // Another tenant (the switcher): the calls to the previous one are
    // dropped, open dialogs close, the table empties. `keeper` (may be null:
    // no keychain) holds the client secrets saved for this tenant. Call
    // reload() next.
    void setTenant(TenantApi* api, ClientSecretKeeper* keeper);
    // While the console connects and no tenant is shown yet, the empty table
    // says "Connecting to …" instead of "Not connected". Empty: not connecting.
    void setConnecting(const QString& tenantText);
    TenantApi* api() const { return m_api; }
    ClientSecretKeeper* secretKeeper() const { return m_keeper; }

    // Loads the tenant information, roles, spaces and every client (in pages
    // of 5000). The table fills as pages arrive.
    void reload();
    // A full load, not only the changes since the last one.
    void reloadEverything();
    // Stops a running load; the clients that arrived stay shown.
    void stopLoading();
    bool isLoading() const;
    // Clients the last Refresh moved (changed plus deleted) when it asked
    // only for changes; -1 when it loaded everything.
    qint64 lastRefreshMoved() const { return m_lastRefreshMoved; }

    TenantInfo tenantInfo() const;
    ClientTableModel* model() const;
    ClientTableView* view() const;
    MessageWidget* messageWidget() const;
    const Client* selectedClient() const;
    void selectClient(const QString& clientId);
    // The Add/Edit dialog while it is open, and the Show Secret dialog.
    ClientDialog* clientDialog() const;
    SecretDialog* secretDialog() const;
    // "Export Connection Sheet…" while it is open.
    ExportSheetDialog* exportSheetDialog() const;

    QAction* addClientAction() const { return m_addAction; }
    QAction* editAction() const { return m_editAction; }
    QAction* deleteAction() const { return m_deleteAction; }
    QAction* copyClientIdAction() const { return m_copyClientIdAction; }
    QAction* copyTokenUrlAction() const { return m_copyTokenUrlAction; }
    QAction* copyParametersAction() const { return m_copyParametersAction; }
    QAction* showSecretAction() const { return m_showSecretAction; }
    QAction* copySecretAction() const { return m_copySecretAction; }
    QAction* exportSheetAction() const { return m_exportSheetAction; }
    QAction* refreshAction() const { return m_refreshAction; }
    QPushButton* stopLoadButton() const { return m_stopLoadButton; }
    // "Create Outbound Credential…" (issue 5); hidden until the window has
    // an Outbound Credentials page to take the request.
    QAction* createOutboundCredentialAction() const { return m_createOutboundAction; }
    // The context menu of the table (built on each request).
    std::unique_ptr<QMenu> createContextMenu();

public slots:
    void addClient();
    void editClient();
    void deleteClient();
    void copyClientId();
    void copyTokenUrl();
    void copyParameters();
    void showSecret();
    // The secret saved in the system keychain for the selected client.
    void copySecret();
    // "Export Connection Sheet…" for the selected client (with the secret
    // when it is saved in the keychain).
    void exportSheet();

signals:
    void tenantLoaded(const TenantInfo& tenant);
    void clientsLoaded(int count);
    // A short note for the status bar.
    void statusMessage(const QString& text, int timeoutMs);
    // "Create Outbound Credential…" on a client that can use client credentials.
    void createOutboundCredentialRequested(const QString& tokenUrl, const QString& clientId, const QString& clientName);

private:
    void createActions();
    void loadClients();
    void loadClientChanges(const QString& revision);
    void finishLoad();
    void setTenantInfo(const TenantInfo& tenant);
    void updateActions();
    void updatePlaceholder();
    void updateCount();
    void applyFilters();
    void showError(const QString& what, const QString& message);
    void showDone(const QString& text);
    void beginRequest();
    void endRequest();
    void copyServerValue(const QString& name, const QString& value);
    void onContextMenuRequested(const QPoint& position);
    QString currentClientId() const;
    // The secret view of the Add/Extend dialog: keychain checkbox and export.
    void setUpSecretView(ClientDialog* dialog, const Client& client, bool renewed);
    void saveSecretInKeychain(SecretView* view, const QString& clientId, bool keep);
    void openExportDialog(const Client& client, std::optional<QString> secret, SecretOrigin origin,
                          const QString& missingReason, QWidget* parent, SecretView* fromView);
    void offerToRemoveSavedSecret(const Client& client);

    std::unique_ptr<Ui::AppIntegrationPage> m_ui;
    TenantApi* m_api;
    ClientSecretKeeper* m_keeper = nullptr;
    // The context of the calls to m_api: replaced with the tenant, which
    // drops every answer still on its way from the previous one.
    QObject* m_apiContext = nullptr;
    Clipboard* m_clipboard;
    const Clock& m_clock;
    ClientTableModel* m_model = nullptr;
    QToolBar* m_toolBar = nullptr;
    QTimer* m_expiryTimer = nullptr;

    TenantInfo m_tenant;
    Roles m_roles;
    Spaces m_spaces;
    bool m_loading = false;
    bool m_loadFailed = false;
    QString m_connectingTo;
    QPushButton* m_stopLoadButton = nullptr;
    bool m_loadStopped = false;
    QString m_revision; // of the last full load or refresh; empty: Refresh loads all
    qint64 m_lastRefreshMoved = -1;
    int m_loadsPending = 0;
    int m_requests = 0; // requests of the page itself in flight (delete, show secret, load)
    QPointer<ClientDialog> m_dialog;
    QPointer<SecretDialog> m_secretDialog;
    QPointer<ExportSheetDialog> m_exportDialog;
    QString m_exportDirectory;

    QAction* m_addAction = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_copyClientIdAction = nullptr;
    QAction* m_copyTokenUrlAction = nullptr;
    QAction* m_copyParametersAction = nullptr;
    QAction* m_showSecretAction = nullptr;
    QAction* m_copySecretAction = nullptr;
    QAction* m_exportSheetAction = nullptr;
    QAction* m_refreshAction = nullptr;
    QAction* m_createOutboundAction = nullptr;
};

} // namespace appint
