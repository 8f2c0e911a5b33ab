#pragma once

#include "core/Clock.h"
#include "core/OutboundCredential.h"
#include "credentials/OutboundCredentialStore.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QAction;
class QMenu;
class QNetworkAccessManager;
class QSettings;
class QTimer;
class QToolBar;

namespace Ui {
class OutboundCredentialsPage;
}

namespace appint {

class ClientTableView;
class Clipboard;
class MessageWidget;
class OutboundCredentialDialog;
class OutboundCredentialTableModel;
class SecretStore;
class TokenCacheFile;
class TokenClient;
class TokenTestDialog;

// System › Administration › Outbound Credentials (issue 5; seeds 003, 004):
// the saved OAuth2 client credentials with which this computer fetches
// tokens. The non-secret fields live in the shared settings
// (OutboundCredentialSettings, shared with `appint token --credential`), the
// client secret and token service password in the system keychain under
// KeychainKeys::outboundCredential(name).
//
// The page starts the keychain, settings and network work; its dialogs only
// collect input and show results. Saving and deleting are flows of
// credentials/OutboundCredentialStore (keychain and settings, undone on
// failure: nothing is half-saved); the page words their outcome.
//
// Tokens go through the token cache this user's processes share
// (TokenCacheFile, issue 15; seed 003 "the token is reused"): "Test" shows the
// cached token while it is not due for renewal and otherwise reads the secret
// from the keychain, fetches a token (TokenClient) and caches it; "Test
// Again" in its dialog always fetches a new one and caches it in place of the
// old. The Cached Token column counts each cached token down, with when it is
// renewed and its hits and fetches, read again from the file every few
// seconds while the page is shown (`appint token` may have changed it);
// "Drop Cached Token" forgets one.
class OutboundCredentialsPage : public QWidget
{
    Q_OBJECT

public:
    // None of the pointers is owned; all must outlive the page.
    OutboundCredentialsPage(QSettings* settings, SecretStore* secrets, QNetworkAccessManager* network,
                            Clipboard* clipboard, const Clock& clock = Clock::system(), QWidget* parent = nullptr);
    ~OutboundCredentialsPage() override;

    OutboundCredentialTableModel* model() const { return m_model; }
    ClientTableView* view() const;
    MessageWidget* messageWidget() const;
    // The Add/Edit dialog and the Test dialog while they are open.
    OutboundCredentialDialog* credentialDialog() const;
    TokenTestDialog* testDialog() const;
    const OutboundCredential* selectedCredential() const;
    void selectCredential(const QString& name);
    // A keychain or settings operation of the page runs.
    bool isBusy() const { return m_operations > 0; }

    QAction* addCredentialAction() const { return m_addAction; }
    QAction* editCredentialAction() const { return m_editAction; }
    QAction* deleteCredentialAction() const { return m_deleteAction; }
    QAction* testCredentialAction() const { return m_testAction; }
    QAction* refreshAction() const { return m_refreshAction; }
    QAction* dropCachedTokenAction() const { return m_dropCacheAction; }

    // Another token cache file than the user's (tests).
    void setTokenCacheFile(const QString& path);
    TokenCacheFile& tokenCache() { return *m_tokenCache; }
    std::unique_ptr<QMenu> createContextMenu();

public slots:
    // Reads the saved credentials again (the command line may have changed them).
    void reload();
    void addCredential();
    void editCredential();
    void deleteCredential();
    void testCredential();
    void dropCachedToken();
    // Reads the token cache file again into the Cached Token column.
    void refreshTokenCache();
    // "Create Outbound Credential…" of a configured client: the Add dialog
    // with the tenant's token URL and the client's ID, and a name made from
    // the client's name.
    void createFromClient(const QString& tokenUrl, const QString& clientId, const QString& clientName);

signals:
    void statusMessage(const QString& text, int timeoutMs);
    // A save, an edit or a delete finished (ok or not).
    void operationFinished(bool ok);
    // A test's answer arrived.
    void testFinished(const QString& name, bool ok);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void createActions();
    void updateActions();
    void updatePlaceholder();
    void fitColumns();
    void openDialog(OutboundCredentialDialog* dialog);
    void save(OutboundCredentialDialog* dialog);
    void finishSave(OutboundCredentialDialog* dialog, const OutboundCredential& credential, const QString& previousName,
                    const std::optional<KeychainResult>& oldRemoved);
    // `fresh`: fetch a new token even when a cached one may be reused.
    void runTest(const OutboundCredential& credential, bool fresh);
    void showError(const QString& text);
    void showDone(const QString& text);
    void beginOperation();
    void endOperation(bool ok);
    void onContextMenuRequested(const QPoint& position);
    QStringList takenNames(const QString& except) const;
    QString nameSuggestion(const QString& clientName) const;

    std::unique_ptr<Ui::OutboundCredentialsPage> m_ui;
    OutboundCredentialStore m_credentials;
    Clipboard* m_clipboard;
    const Clock& m_clock;
    TokenClient* m_tokenClient;
    std::unique_ptr<TokenCacheFile> m_tokenCache;
    int m_ticks = 0;
    OutboundCredentialTableModel* m_model;
    QTimer* m_countdownTimer;
    QToolBar* m_toolBar = nullptr;
    QPointer<OutboundCredentialDialog> m_dialog;
    QPointer<TokenTestDialog> m_testDialog;
    int m_operations = 0;

    QAction* m_addAction = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_testAction = nullptr;
    QAction* m_refreshAction = nullptr;
    QAction* m_dropCacheAction = nullptr;
};

} // namespace appint
