#pragma once

#include "core/Client.h"
#include "core/Clock.h"
#include "core/FieldError.h"
#include "core/Role.h"
#include "core/Secret.h"
#include "core/Space.h"

#include <QDialog>
#include <QJsonObject>
#include <QSet>

#include <functional>
#include <memory>

class QLabel;
class QPushButton;

namespace Ui {
class ClientDialog;
}

namespace appint {

class Clipboard;
class SecretView;

// What the client dialog needs to know; all of it is given, nothing fetched.
struct ClientDialogContext
{
    const Clock* clock = &Clock::system();
    Roles roles; // the tenant's catalogue, for "Select Roles" and role checks
    Spaces spaces; // display names of the spaces
    // Whether another client already has this user ID (empty: not checked).
    std::function<bool(const QString& userId)> userIdTaken;
    Clipboard* clipboard = nullptr; // for the Copy buttons of the secret view
};

// "Add a New OAuth Client" and its Edit twin: one dialog whose fields follow
// the purpose (seeds 000-002), validated as the admin types by the core's
// ClientRules, with each error beside its field and Add enabled only when the
// form is valid.
//
// The dialog makes no network call. On Add/Save it emits submitted(); the page
// reads client() or mergePatch(), calls the service, and tells the dialog what
// happened: setBusy(), showServerErrors() (field errors land beside the same
// fields), showSecret() (the secret view: shown once), or accept().
//
// Modes: Add; Edit of an active client (name, access, redirect URI, roles,
// lifetimes and expiry can change); Extend of an expired client (only the
// expiry can change, and the server answers with a new secret).
class ClientDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Add, Edit, Extend };
    Q_ENUM(Mode)

    // Add a new client.
    explicit ClientDialog(const ClientDialogContext& context, QWidget* parent = nullptr);
    // Edit `existing` (Extend when it has expired).
    ClientDialog(const ClientDialogContext& context, const Client& existing, QWidget* parent = nullptr);
    ~ClientDialog() override;

    Mode mode() const;
    // The client as the form describes it (Add: what to create; Edit: the
    // existing client with the changes applied).
    Client client() const;
    // Edit and Extend: a JSON merge patch of the fields that changed.
    QJsonObject mergePatch() const;
    // What the rules find wrong with the form now, whether shown yet or not.
    FieldErrors validationErrors() const;
    bool canSubmit() const;
    bool isBusy() const;
    bool isShowingSecret() const;
    SecretView* secretView() const;
    // The message under a field (an error or a hint), by API field name.
    QString fieldMessage(const QString& field) const;
    bool fieldHasError(const QString& field) const;

public slots:
    // A request runs: the form and the buttons that would repeat it are
    // disabled, a busy indicator shows.
    void setBusy(bool busy);
    // The server refused: the message in the banner, each field error beside
    // its field until that field is edited.
    void showServerErrors(const QString& message, const FieldErrors& errors);
    // Switches to the secret view (after Add, or after extending an expired
    // client). Closing the dialog wipes the secret's shared buffer.
    void showSecret(const QString& clientId, const Secret& secret);

signals:
    // Add/Save was clicked on a valid form.
    void submitted();

protected:
    void done(int result) override;

private:
    void setUpCommon();
    void setUpForEdit();
    void onPurposeChanged();
    void onUserIdEdited(const QString& text);
    void openRolePicker();
    void touch(const QString& field);
    void submit();
    void revalidate();
    void updateRoleSummary();
    void updateVisibleRows();
    void fitToContents();
    QLabel* messageLabel(const QString& field) const;
    QString hint(const QString& field) const;
    QStringList checkedFieldsForMode() const;
    Purpose purpose() const;

    std::unique_ptr<Ui::ClientDialog> m_ui;
    ClientDialogContext m_context;
    Mode m_mode = Mode::Add;
    Client m_original;
    RoleAssignments m_roles;
    QSet<QString> m_touched;
    FieldErrors m_serverErrors;
    bool m_busy = false;
    QPushButton* m_submitButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QPushButton* m_closeButton = nullptr;
};

} // namespace appint
