#include "gui/tenants/ConnectDialog.h"

#include "gui/widgets/FieldMessages.h"
#include "gui/widgets/MessageWidget.h"
#include "service/TenantProfiles.h"

#include "ui_ConnectDialog.h"

#include <QAction>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
const QString FieldSecret = u"clientSecret"_s;
} // namespace

ConnectDialog::ConnectDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ConnectDialog>())
{
    m_ui->setupUi(this);
    setObjectName(u"connectDialog"_s);
    m_ui->introLabel->setText(
        tr("Enter the OAuth client of an administrator of the tenant: a Technical User client whose user has the role "
           "DW_ADMINISTRATOR. The console checks the credentials by obtaining a token, then keeps the secret in the "
           "system keychain and the tenant's URL, client ID and name in its settings."));
    m_ui->busyProgressBar->hide();
    m_ui->busyLabel->hide();

    m_connectButton = m_ui->buttonBox->addButton(tr("Connect"), QDialogButtonBox::AcceptRole);
    m_connectButton->setObjectName(u"connectPushButton"_s);
    m_connectButton->setDefault(true);
    m_cancelButton = m_ui->buttonBox->button(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(u"cancelPushButton"_s);
    connect(m_connectButton, &QPushButton::clicked, this, &ConnectDialog::submit);
    connect(m_cancelButton, &QPushButton::clicked, this, &QDialog::reject);

    // Show or hide the secret as typed.
    auto* reveal
        = m_ui->clientSecretLineEdit->addAction(QIcon::fromTheme(u"view-visible"_s), QLineEdit::TrailingPosition);
    reveal->setObjectName(u"revealSecretAction"_s);
    reveal->setCheckable(true);
    reveal->setText(tr("Show the secret"));
    reveal->setToolTip(tr("Show the secret"));
    connect(reveal, &QAction::toggled, this, [this, reveal](bool shown) {
        m_ui->clientSecretLineEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        reveal->setToolTip(shown ? tr("Hide the secret") : tr("Show the secret"));
    });
    if (reveal->icon().isNull()) {
        reveal->setVisible(false); // no themed icon: a blank button would puzzle
    }

    const struct
    {
        QLineEdit* edit;
        QString field;
    } edits[] = {
        {m_ui->tenantUrlLineEdit, TenantProfiles::FieldUrl},
        {m_ui->clientIdLineEdit, TenantProfiles::FieldClientId},
        {m_ui->clientSecretLineEdit, FieldSecret},
        {m_ui->displayNameLineEdit, TenantProfiles::FieldDisplayName},
    };
    for (const auto& entry : edits) {
        const QString field = entry.field;
        connect(entry.edit, &QLineEdit::textEdited, this, [this, field] {
            touch(field);
            // What the tenant refused was the combination: any edit is a new try.
            m_serverErrors.clear();
            revalidate();
        });
        connect(entry.edit, &QLineEdit::editingFinished, this, [this, field, entry] {
            if (!entry.edit->text().isEmpty()) {
                touch(field);
                revalidate();
            }
        });
    }
    m_ui->clientSecretLineEdit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase
                                                    | Qt::ImhSensitiveData);

    m_ui->introLabel->setContentsMargins(0, 0, 0, fontMetrics().height() / 2);
    setMinimumWidth(fontMetrics().averageCharWidth() * 100);
    revalidate();
    m_ui->tenantUrlLineEdit->setFocus();
    // The wrapped texts take their height at the final width (adjustSize()
    // would measure them at the narrower width of the size hint).
    layout()->activate();
    const int width = std::max(minimumWidth(), sizeHint().width());
    resize(width, layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width) : sizeHint().height());
}

ConnectDialog::~ConnectDialog() = default;

void ConnectDialog::setProfile(const TenantProfile& profile)
{
    m_ui->tenantUrlLineEdit->setText(profile.url);
    m_ui->clientIdLineEdit->setText(profile.clientId);
    m_ui->displayNameLineEdit->setText(profile.displayName);
    m_ui->clientSecretLineEdit->setFocus();
    revalidate();
}

TenantProfile ConnectDialog::profile() const
{
    return TenantProfile{m_ui->tenantUrlLineEdit->text().trimmed(), m_ui->clientIdLineEdit->text(),
                         m_ui->displayNameLineEdit->text().trimmed()};
}

Secret ConnectDialog::secret() const
{
    QString text = m_ui->clientSecretLineEdit->text();
    Secret secret(text);
    wipeString(text);
    return secret;
}

FieldErrors ConnectDialog::validationErrors() const
{
    FieldErrors errors = TenantProfiles::check(profile());
    if (m_ui->clientSecretLineEdit->text().isEmpty()) {
        errors.append({FieldSecret, tr("Enter the client secret.")});
    }
    return errors;
}

bool ConnectDialog::canSubmit() const
{
    return !m_busy && validationErrors().isEmpty() && m_serverErrors.isEmpty();
}

bool ConnectDialog::isBusy() const
{
    return m_busy;
}

QLabel* ConnectDialog::messageLabel(const QString& field) const
{
    if (field == TenantProfiles::FieldUrl) {
        return m_ui->tenantUrlMessageLabel;
    }
    if (field == TenantProfiles::FieldClientId) {
        return m_ui->clientIdMessageLabel;
    }
    if (field == FieldSecret) {
        return m_ui->clientSecretMessageLabel;
    }
    if (field == TenantProfiles::FieldDisplayName) {
        return m_ui->displayNameMessageLabel;
    }
    return nullptr;
}

QString ConnectDialog::fieldMessage(const QString& field) const
{
    const QLabel* label = messageLabel(field);
    return label && label->isVisibleTo(this) ? label->text() : QString();
}

void ConnectDialog::touch(const QString& field)
{
    m_touched.insert(field);
}

void ConnectDialog::revalidate()
{
    const FieldErrors errors = validationErrors();
    for (const QString& field :
         {TenantProfiles::FieldUrl, TenantProfiles::FieldClientId, FieldSecret, TenantProfiles::FieldDisplayName}) {
        QLabel* label = messageLabel(field);
        FieldErrors own = errorsForField(m_serverErrors, field);
        if (own.isEmpty() && m_touched.contains(field)) {
            own = errorsForField(errors, field);
        }
        label->setVisible(!own.isEmpty());
        label->setText(own.isEmpty() ? QString() : own.constFirst().message);
        QPalette palette = this->palette();
        palette.setColor(QPalette::WindowText, FieldMessages::errorColor());
        label->setPalette(palette);
    }
    m_connectButton->setEnabled(canSubmit());
    QStringList missing;
    for (const FieldError& error : errors) {
        missing.append(error.message);
    }
    m_connectButton->setToolTip(missing.join(u'\n'));
}

void ConnectDialog::submit()
{
    for (const QString& field : {TenantProfiles::FieldUrl, TenantProfiles::FieldClientId, FieldSecret}) {
        touch(field);
    }
    revalidate();
    if (!canSubmit()) {
        return;
    }
    m_ui->messageWidget->hideMessage();
    emit submitted();
}

void ConnectDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_ui->formWidget->setEnabled(!busy);
    m_cancelButton->setEnabled(!busy);
    m_ui->busyProgressBar->setVisible(busy);
    m_ui->busyLabel->setVisible(busy);
    m_ui->busyLabel->setText(tr("Checking the credentials…"));
    revalidate();
}

void ConnectDialog::showError(const QString& message, const FieldErrors& errors)
{
    setBusy(false);
    m_serverErrors = errors;
    m_ui->messageWidget->setCloseButtonVisible(true);
    m_ui->messageWidget->showMessage(message, MessageWidget::Type::Error);
    revalidate();
    if (!errors.isEmpty()) {
        if (QLabel* label = messageLabel(errors.constFirst().field)) {
            if (auto* edit = label->parentWidget()->findChild<QLineEdit*>()) {
                edit->setFocus();
            }
        }
    }
}

void ConnectDialog::done(int result)
{
    if (m_busy) {
        return; // the check runs: its answer must reach this dialog
    }
    QLineEdit* edit = m_ui->clientSecretLineEdit;
    edit->setText(QString(edit->text().size(), u'x'));
    edit->clear();
    QDialog::done(result);
}

} // namespace appint
