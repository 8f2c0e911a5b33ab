#pragma once

#include "core/Clock.h"
#include "service/Result.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QAction;
class QMenu;
class QTimer;
class QToolBar;

namespace Ui {
class IdentityProvidersPage;
}

namespace appint {

class ClientTableView;
class IdentityProviderApi;
class IdentityProviderDialog;
class IdentityProviderTableModel;
class MessageWidget;
class TenantApi;

// System › Administration › Trusted Identity Providers (issue 14): the SAML
// 2.0 identity providers the tenant trusts for the SAML 2.0 bearer grant,
// with their signing certificates and a red/amber marker for certificates
// that have expired or expire within 30 days. Add (from a metadata file or a
// pasted certificate) and Delete (after a confirmation) call the tenant
// (IdentityProviderApi); the dialog only collects input. The page loads when
// it is first shown and again after a tenant switch while it is shown;
// errors go to its banner, or beside the fields of the open dialog.
class IdentityProvidersPage : public QWidget
{
    Q_OBJECT

public:
    // `api` may be null: the page is empty until setTenant() gives it one.
    explicit IdentityProvidersPage(TenantApi* api, const Clock& clock = Clock::system(), QWidget* parent = nullptr);
    ~IdentityProvidersPage() override;

    // Another tenant (the switcher): calls to the previous one are dropped,
    // an open dialog closes, the table empties; it loads again when shown.
    void setTenant(TenantApi* api);
    TenantApi* api() const { return m_api; }

    IdentityProviderTableModel* model() const { return m_model; }
    ClientTableView* view() const;
    MessageWidget* messageWidget() const;
    IdentityProviderDialog* dialog() const;
    // A call of the page runs (load, add or delete).
    bool isBusy() const { return m_requests > 0; }
    // The providers were loaded from the current tenant.
    bool isLoaded() const { return m_loaded; }
    void selectProvider(const QString& idpId);
    QString selectedProviderId() const;

    QAction* addAction() const { return m_addAction; }
    QAction* deleteAction() const { return m_deleteAction; }
    QAction* refreshAction() const { return m_refreshAction; }
    std::unique_ptr<QMenu> createContextMenu();

public slots:
    void reload();
    void addProvider();
    void deleteProvider();

signals:
    void statusMessage(const QString& text, int timeoutMs);
    // A load, an add or a delete finished (ok or not).
    void requestFinished(bool ok);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void createActions();
    void updateActions();
    void updatePlaceholder();
    void submit(IdentityProviderDialog* dialog);
    void showError(const QString& what, const QString& message);
    void showDone(const QString& text);
    void beginRequest();
    void endRequest(bool ok);
    void onContextMenuRequested(const QPoint& position);

    std::unique_ptr<Ui::IdentityProvidersPage> m_ui;
    TenantApi* m_api = nullptr;
    IdentityProviderApi* m_providers = nullptr;
    // The context of the calls: replaced with the tenant, which drops every
    // answer still on its way from the previous one.
    QObject* m_apiContext = nullptr;
    const Clock& m_clock;
    IdentityProviderTableModel* m_model;
    QToolBar* m_toolBar = nullptr;
    QTimer* m_stateTimer = nullptr;
    QPointer<IdentityProviderDialog> m_dialog;
    int m_requests = 0;
    bool m_loaded = false;
    bool m_loadFailed = false;

    QAction* m_addAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_refreshAction = nullptr;
};

} // namespace appint
