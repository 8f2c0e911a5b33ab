#pragma once

#include "core/FieldError.h"
#include "core/Role.h"
#include "core/Secret.h"
#include "core/Space.h"
#include "core/User.h"

#include <QDialog>
#include <QSet>

#include <functional>
#include <memory>

class QLabel;
class QPushButton;

namespace Ui {
class UserDialog;
}

namespace appint {

class Clipboard;

// What the user dialog needs to know; all of it is given, nothing fetched.
struct UserDialogContext
{
    Roles roles; // the tenant's catalogue, for "Select Roles…"
    Spaces spaces;
    // Why a user name cannot be had (taken by a technical user or another
    // user), or empty when it is free. Asked as the admin types.
    std::function<QString(const QString& userName)> userNameTaken;
    Clipboard* clipboard = nullptr; // for Copy of a generated password
};

// "Add a User", "Edit User" and "Reset Password": the fields validated as the
// admin types by the core's UserRules (the user-ID pattern, names, e-mail,
// roles, password) and by the shared namespace of user names and technical
// users' user IDs, each error beside its field, the submit button enabled only
// when the form is valid.
//
// The password is typed twice, or made by "Generate" and shown once, in the
// dialog, with a Copy button (through the Clipboard, which clears it again).
// Closing the dialog clears every password field. The dialog makes no network
// call: on submit it emits submitted(); the page reads user() and password(),
// calls the service and answers with setBusy(), showServerErrors() or
// accept().
class UserDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Add, Edit, ResetPassword };
    Q_ENUM(Mode)

    // The length of a generated password.
    static constexpr int GeneratedPasswordLength = 20;
    // Internal key of the "Repeat Password" field.
    static inline const QString FieldConfirmPassword = QStringLiteral("confirmPassword");

    // Add a new user.
    explicit UserDialog(const UserDialogContext& context, QWidget* parent = nullptr);
    // Edit `existing`, or set a new password for it.
    UserDialog(const UserDialogContext& context, const User& existing, Mode mode, QWidget* parent = nullptr);
    ~UserDialog() override;

    Mode mode() const { return m_mode; }
    // The user as the form describes it (Edit: the existing one with the
    // changes applied).
    User user() const;
    const User& original() const { return m_original; }
    // The password typed or generated (Add, ResetPassword).
    Secret password() const;
    bool hasGeneratedPassword() const;
    // What the rules find wrong with the form now, whether shown yet or not.
    FieldErrors validationErrors() const;
    bool canSubmit() const;
    bool isBusy() const { return m_busy; }
    // The message under a field (UserRules' field names), and whether it is
    // an error.
    QString fieldMessage(const QString& field) const;
    bool fieldHasError(const QString& field) const;
    // A random password of GeneratedPasswordLength characters from letters,
    // digits and a few signs, without look-alikes (0/O, 1/l/I).
    static QString generatePassword();

public slots:
    void setBusy(bool busy);
    // The server refused: the message in the banner, each field error beside
    // its field until that field is edited.
    void showServerErrors(const QString& message, const FieldErrors& errors);
    // Makes and shows a new password (the "Generate" button).
    void generate();
    // Forgets the generated password: the admin types one ("Type Instead").
    void discardGenerated();

signals:
    void submitted();

protected:
    void done(int result) override;

private:
    void setUp();
    void openRolePicker();
    void touch(const QString& field);
    void submit();
    void revalidate();
    void updateRoleSummary();
    void updateRows();
    void fitToContents();
    void clearPasswords();
    QLabel* messageLabel(const QString& field) const;
    QString hint(const QString& field) const;
    QStringList fields() const;
    bool hasPassword() const { return m_mode != Mode::Edit; }
    bool hasProfile() const { return m_mode != Mode::ResetPassword; }

    std::unique_ptr<Ui::UserDialog> m_ui;
    UserDialogContext m_context;
    Mode m_mode = Mode::Add;
    User m_original;
    RoleAssignments m_roles;
    QSet<QString> m_touched;
    FieldErrors m_serverErrors;
    bool m_busy = false;
    bool m_generated = false;
    QPushButton* m_submitButton = nullptr;
};

} // namespace appint
