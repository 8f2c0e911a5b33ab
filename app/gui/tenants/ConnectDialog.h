#pragma once

#include "core/FieldError.h"
#include "core/Secret.h"
#include "service/TenantProfile.h"

#include <QDialog>
#include <QSet>

#include <memory>

class QLabel;
class QPushButton;

namespace Ui {
class ConnectDialog;
}

namespace appint {

// "Connect to a Tenant": tenant URL, an administrator client's ID and secret,
// and an optional name; or, in browser mode, an Interactive Usage client's ID
// and secret (typed, or read from a connection sheet in JSON that the console
// exported) with which the person signs in as themselves in the browser. The fields are checked as they are typed (the
// rules of TenantProfiles; the secret must not be empty) and Connect is enabled only when they pass.
//
// The dialog makes no network or keychain call. Connect emits submitted(); the
// caller (TenantSwitcher::connectTenant) verifies the credentials by obtaining
// a token, saves the secret in the keychain and the rest in the settings, and
// tells the dialog what happened: setBusy(), showError() (the banner, and
// field errors beside their fields), or accept(). Closing wipes the secret
// from the line edit.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Client, Browser };

    explicit ConnectDialog(QWidget* parent = nullptr);
    ~ConnectDialog() override;

    // Connecting again to a known tenant: URL, client ID and name filled in,
    // the cursor in the secret field.
    void setProfile(const TenantProfile& profile);

    Mode mode() const;
    void setMode(Mode mode);
    // Fills URL, client ID and (when the sheet has it) the secret from a
    // connection sheet in JSON (credentials SecretsFile); a file that is not
    // one is told in the banner. Switches to browser mode.
    bool readSheet(const QString& path);

    // The URL as typed (trimmed), the client ID and the name.
    TenantProfile profile() const;
    Secret secret() const;
    FieldErrors validationErrors() const;
    bool canSubmit() const;
    bool isBusy() const;
    QString fieldMessage(const QString& field) const;

public slots:
    void setBusy(bool busy);
    // The banner at the top, and each field error beside its field.
    void showError(const QString& message, const FieldErrors& errors = {});
    // Browser mode, busy: the sign-in page is open (or, `opened` false, could
    // not be opened: the person opens `url` themselves). Cancel stays
    // enabled and emits cancelRequested().
    void setWaitingForBrowser(const QUrl& url, bool opened);

signals:
    void submitted();
    // Cancel while waiting for the browser.
    void cancelRequested();

protected:
    void done(int result) override;

private:
    void submit();
    void revalidate();
    void applyMode();
    void chooseSheet();
    void touch(const QString& field);
    QLabel* messageLabel(const QString& field) const;

    std::unique_ptr<Ui::ConnectDialog> m_ui;
    QSet<QString> m_touched;
    FieldErrors m_serverErrors;
    bool m_busy = false;
    bool m_waitingForBrowser = false;
    QPushButton* m_connectButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
};

} // namespace appint
