#include "gui/users/UserDialog.h"

#include "core/UserRules.h"
#include "gui/clients/RolePickerDialog.h"
#include "gui/widgets/Clipboard.h"
#include "gui/widgets/FieldMessages.h"
#include "gui/widgets/MessageWidget.h"
#include "gui/widgets/ReadOnlyField.h"

#include "ui_UserDialog.h"

#include <QFontDatabase>
#include <QPushButton>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace appint {

UserDialog::UserDialog(const UserDialogContext& context, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::UserDialog>())
    , m_context(context)
    , m_mode(Mode::Add)
{
    m_ui->setupUi(this);
    setUp();
    setWindowTitle(tr("Add a User"));
    m_submitButton->setText(tr("Add"));
    m_ui->userNameLineEdit->setFocus();
    updateRows();
    revalidate();
    fitToContents();
}

UserDialog::UserDialog(const UserDialogContext& context, const User& existing, Mode mode, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::UserDialog>())
    , m_context(context)
    , m_mode(mode == Mode::Add ? Mode::Edit : mode)
    , m_original(existing)
    , m_roles(existing.roles)
{
    m_ui->setupUi(this);
    setUp();
    m_ui->userNameLineEdit->setText(existing.userName);
    setReadOnlyField(m_ui->userNameLineEdit);
    m_ui->displayNameLineEdit->setText(existing.displayName);
    m_ui->emailLineEdit->setText(existing.primaryEmail());
    updateRoleSummary();
    if (m_mode == Mode::Edit) {
        setWindowTitle(tr("Edit User %1").arg(existing.userName));
        m_submitButton->setText(tr("Save"));
        m_ui->displayNameLineEdit->setFocus();
    } else {
        setWindowTitle(tr("Reset the Password of %1").arg(existing.userName));
        m_submitButton->setText(tr("Set Password"));
        m_ui->passwordLineEdit->setFocus();
    }
    updateRows();
    revalidate();
    fitToContents();
}

UserDialog::~UserDialog()
{
    clearPasswords();
}

void UserDialog::setUp()
{
    setObjectName(u"userDialog"_s);
    setMinimumWidth(fontMetrics().averageCharWidth() * 100);
    m_ui->busyProgressBar->hide();
    m_ui->busyLabel->hide();
    m_ui->userNameLineEdit->setMaxLength(int(UserRules::UserNameMaxLength) * 2);
    m_ui->displayNameLineEdit->setMaxLength(int(UserRules::NameMaxLength) * 2);
    m_ui->emailLineEdit->setMaxLength(int(UserRules::EmailMaxLength) + 10);
    setReadOnlyField(m_ui->generatedPasswordLineEdit);
    // Shown once, in a fixed-width font so that look-alikes stand apart.
    m_ui->generatedPasswordLineEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    for (QLineEdit* edit : {m_ui->passwordLineEdit, m_ui->confirmPasswordLineEdit}) {
        edit->setMaxLength(int(UserRules::PasswordMaxBytes));
        edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    }

    m_submitButton = m_ui->buttonBox->addButton(tr("Add"), QDialogButtonBox::AcceptRole);
    m_submitButton->setObjectName(u"submitPushButton"_s);
    m_submitButton->setDefault(true);
    QPushButton* cancel = m_ui->buttonBox->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"cancelPushButton"_s);
    connect(m_submitButton, &QPushButton::clicked, this, &UserDialog::submit);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);

    connect(m_ui->userNameLineEdit, &QLineEdit::textEdited, this, [this] { touch(UserRules::FieldUserName); });
    connect(m_ui->displayNameLineEdit, &QLineEdit::textEdited, this, [this] { touch(UserRules::FieldDisplayName); });
    connect(m_ui->emailLineEdit, &QLineEdit::textEdited, this, [this] { touch(UserRules::FieldEmails); });
    connect(m_ui->passwordLineEdit, &QLineEdit::textEdited, this, [this] { touch(UserRules::FieldPassword); });
    connect(m_ui->confirmPasswordLineEdit, &QLineEdit::textEdited, this, [this] { touch(FieldConfirmPassword); });
    connect(m_ui->selectRolesPushButton, &QPushButton::clicked, this, &UserDialog::openRolePicker);
    connect(m_ui->generatePasswordPushButton, &QPushButton::clicked, this, &UserDialog::generate);
    connect(m_ui->discardPasswordPushButton, &QPushButton::clicked, this, &UserDialog::discardGenerated);
    connect(m_ui->copyPasswordPushButton, &QPushButton::clicked, this, [this] {
        if (m_context.clipboard && m_generated) {
            m_context.clipboard->setSecret(m_ui->generatedPasswordLineEdit->text());
            m_ui->copyPasswordPushButton->setText(tr("Copied"));
        }
    });

    for (const QString& field : fields()) {
        if (QLabel* label = messageLabel(field)) {
            FieldMessages::setUpLabel(label);
        }
    }
    FieldMessages::setUpLabel(m_ui->generatedPasswordMessageLabel);
    updateRoleSummary();
}

void UserDialog::fitToContents()
{
    layout()->invalidate();
    layout()->activate();
    adjustSize();
}

QStringList UserDialog::fields() const
{
    return {UserRules::FieldUserName, UserRules::FieldDisplayName, UserRules::FieldEmails,
            UserRules::FieldRoles,    UserRules::FieldPassword,    FieldConfirmPassword};
}

QLabel* UserDialog::messageLabel(const QString& field) const
{
    if (field == UserRules::FieldUserName) {
        return m_ui->userNameMessageLabel;
    }
    if (field == UserRules::FieldDisplayName || field == UserRules::FieldGivenName
        || field == UserRules::FieldFamilyName) {
        return m_ui->displayNameMessageLabel;
    }
    if (field == UserRules::FieldEmails) {
        return m_ui->emailMessageLabel;
    }
    if (field == UserRules::FieldRoles) {
        return m_ui->rolesMessageLabel;
    }
    if (field == UserRules::FieldPassword) {
        return m_generated ? m_ui->generatedPasswordMessageLabel : m_ui->passwordMessageLabel;
    }
    if (field == FieldConfirmPassword) {
        return m_ui->confirmPasswordMessageLabel;
    }
    return nullptr;
}

QString UserDialog::hint(const QString& field) const
{
    if (field == UserRules::FieldUserName && m_mode == Mode::Add) {
        return tr("1 to %1 uppercase letters, digits or underscores; unique among users and technical users.")
            .arg(UserRules::UserNameMaxLength);
    }
    if (field == UserRules::FieldPassword) {
        return m_generated ? tr("Shown only now: copy it and hand it to the user.")
                           : tr("At least %n character(s).", nullptr, int(UserRules::PasswordMinLength));
    }
    return {};
}

void UserDialog::updateRows()
{
    QFormLayout* form = m_ui->formLayout;
    form->setRowVisible(m_ui->displayNameField, hasProfile());
    form->setRowVisible(m_ui->emailField, hasProfile());
    form->setRowVisible(m_ui->rolesField, hasProfile());
    form->setRowVisible(m_ui->passwordField, hasPassword() && !m_generated);
    form->setRowVisible(m_ui->confirmPasswordField, hasPassword() && !m_generated);
    form->setRowVisible(m_ui->generatedPasswordField, hasPassword() && m_generated);
}

void UserDialog::openRolePicker()
{
    RolePickerDialog::pick(this, m_context.roles, m_context.spaces, m_roles, [this](const RoleAssignments& roles) {
        m_roles = roles;
        updateRoleSummary();
        touch(UserRules::FieldRoles);
    });
}

void UserDialog::updateRoleSummary()
{
    RolePickerDialog::showSummary(m_ui->rolesSummaryLabel, m_roles);
}

QString UserDialog::generatePassword()
{
    static const QString alphabet = u"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.!#%+"_s;
    QString password;
    password.reserve(GeneratedPasswordLength);
    QRandomGenerator* random = QRandomGenerator::system();
    for (int i = 0; i < GeneratedPasswordLength; ++i) {
        password.append(alphabet.at(random->bounded(int(alphabet.size()))));
    }
    return password;
}

void UserDialog::generate()
{
    clearPasswords();
    m_generated = true;
    m_ui->passwordMessageLabel->hide();
    m_ui->generatedPasswordLineEdit->setText(generatePassword());
    m_ui->copyPasswordPushButton->setText(tr("Copy"));
    updateRows();
    touch(UserRules::FieldPassword);
    m_ui->copyPasswordPushButton->setFocus();
}

void UserDialog::discardGenerated()
{
    clearPasswords();
    m_generated = false;
    m_ui->generatedPasswordMessageLabel->clear();
    m_ui->generatedPasswordMessageLabel->hide();
    updateRows();
    m_touched.remove(UserRules::FieldPassword);
    m_touched.remove(FieldConfirmPassword);
    revalidate();
    m_ui->passwordLineEdit->setFocus();
}

void UserDialog::clearPasswords()
{
    if (!m_ui) {
        return;
    }
    for (QLineEdit* edit : {m_ui->passwordLineEdit, m_ui->confirmPasswordLineEdit, m_ui->generatedPasswordLineEdit}) {
        edit->clear();
    }
}

User UserDialog::user() const
{
    User user = m_original;
    if (m_mode == Mode::Add) {
        user.userName = m_ui->userNameLineEdit->text().trimmed();
    }
    if (!hasProfile()) {
        return user;
    }
    user.displayName = m_ui->displayNameLineEdit->text().trimmed();
    user.roles = m_roles;
    // The field edits the primary address (or the first); others stay.
    const QString email = m_ui->emailLineEdit->text().trimmed();
    const QString before = m_original.primaryEmail();
    QList<User::Email> emails;
    bool placed = false;
    for (const User::Email& existing : m_original.emails) {
        if (!placed && existing.value == before) {
            placed = true;
            if (!email.isEmpty()) {
                emails.append({email, true});
            }
            continue;
        }
        emails.append(existing);
    }
    if (!placed && !email.isEmpty()) {
        emails.prepend({email, true});
    }
    user.emails = emails;
    return user;
}

Secret UserDialog::password() const
{
    if (!hasPassword()) {
        return {};
    }
    return Secret(m_generated ? m_ui->generatedPasswordLineEdit->text() : m_ui->passwordLineEdit->text());
}

bool UserDialog::hasGeneratedPassword() const
{
    return m_generated;
}

FieldErrors UserDialog::validationErrors() const
{
    FieldErrors errors;
    const User current = user();
    if (m_mode == Mode::Add) {
        errors += UserRules::checkUserName(current.userName);
        if (errors.isEmpty() && m_context.userNameTaken) {
            const QString taken = m_context.userNameTaken(current.userName);
            if (!taken.isEmpty()) {
                errors.append({UserRules::FieldUserName, taken});
            }
        }
    }
    if (hasProfile()) {
        errors += UserRules::checkName(UserRules::FieldDisplayName, current.displayName);
        QStringList values;
        qsizetype primaries = 0;
        for (const User::Email& email : current.emails) {
            values.append(email.value);
            primaries += email.primary ? 1 : 0;
        }
        errors += UserRules::checkEmails(values, primaries);
        errors += UserRules::checkRoles(current.roles, m_context.roles.isEmpty() ? nullptr : &m_context.roles);
    }
    if (hasPassword()) {
        if (m_generated) {
            errors += UserRules::checkPassword(m_ui->generatedPasswordLineEdit->text());
        } else {
            errors += UserRules::checkPassword(m_ui->passwordLineEdit->text());
            if (m_ui->confirmPasswordLineEdit->text() != m_ui->passwordLineEdit->text()) {
                errors.append({FieldConfirmPassword, tr("The two passwords differ.")});
            }
        }
    }
    return errors;
}

bool UserDialog::canSubmit() const
{
    if (m_busy || !validationErrors().isEmpty()) {
        return false;
    }
    if (FieldMessages::anyBeside(m_serverErrors,
                                 [this](const QString& field) { return messageLabel(field) != nullptr; })) {
        return false;
    }
    return m_mode != Mode::Edit || !(user() == m_original);
}

void UserDialog::touch(const QString& field)
{
    m_touched.insert(field);
    // A field the admin changes is no longer what the server refused.
    m_serverErrors.removeIf([&](const FieldError& error) {
        return error.field == field || messageLabel(error.field) == messageLabel(field);
    });
    revalidate();
}

void UserDialog::revalidate()
{
    const FieldErrors local = validationErrors();
    for (const QString& field : fields()) {
        QLabel* label = messageLabel(field);
        if (!label) {
            continue;
        }
        FieldErrors refused = m_serverErrors;
        if (field == UserRules::FieldDisplayName) {
            for (FieldError& error : refused) {
                if (error.field == UserRules::FieldGivenName || error.field == UserRules::FieldFamilyName) {
                    error.field = UserRules::FieldDisplayName;
                }
            }
        }
        FieldMessages::show(label, FieldMessages::shownMessages(field, refused, local, m_touched), hint(field));
    }
    const bool submittable = canSubmit();
    m_submitButton->setEnabled(submittable);
    QStringList reasons;
    if (!submittable && !m_busy) {
        reasons = FieldMessages::messagesOf(local);
        if (reasons.isEmpty() && m_mode == Mode::Edit && user() == m_original) {
            reasons.append(tr("Nothing has changed yet."));
        }
    }
    m_submitButton->setToolTip(reasons.join(u'\n'));
}

QString UserDialog::fieldMessage(const QString& field) const
{
    return FieldMessages::text(messageLabel(field));
}

bool UserDialog::fieldHasError(const QString& field) const
{
    return FieldMessages::hasError(messageLabel(field));
}

void UserDialog::submit()
{
    for (const QString& field : fields()) {
        m_touched.insert(field);
    }
    revalidate();
    if (!canSubmit()) {
        return;
    }
    m_ui->messageWidget->hideMessage();
    emit submitted();
}

void UserDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_ui->formWidget->setEnabled(!busy);
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setEnabled(!busy);
    m_ui->busyProgressBar->setVisible(busy);
    m_ui->busyLabel->setVisible(busy);
    m_ui->busyLabel->setText(m_mode == Mode::Add ? tr("Adding the user…") : tr("Saving…"));
    revalidate();
}

void UserDialog::showServerErrors(const QString& message, const FieldErrors& errors)
{
    setBusy(false);
    const QString text = FieldMessages::bannerText(
        message, errors,
        [this](const QString& field) {
            QLabel* label = messageLabel(field);
            return label && m_ui->formLayout->isRowVisible(label->parentWidget());
        },
        m_serverErrors);
    m_ui->messageWidget->setCloseButtonVisible(true);
    m_ui->messageWidget->showMessage(text, MessageWidget::Type::Error);
    revalidate();
}

void UserDialog::done(int result)
{
    if (m_busy) {
        return; // the request runs: its answer must reach this dialog
    }
    clearPasswords();
    QDialog::done(result);
}

} // namespace appint
