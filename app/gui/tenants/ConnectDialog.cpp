#include "gui/tenants/ConnectDialog.h"

#include "credentials/SecretsFile.h"
#include "gui/widgets/DialogSize.h"
#include "gui/widgets/FieldMessages.h"
#include "gui/widgets/FileDialogs.h"
#include "gui/widgets/MessageWidget.h"
#include "service/TenantProfiles.h"

#include "ui_ConnectDialog.h"

#include <QAction>
#include <QButtonGroup>
#include <QPushButton>
#include <QUrl>

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
    m_ui->busyProgressBar->hide();
    m_ui->busyLabel->hide();

    m_connectButton = m_ui->buttonBox->addButton(tr("Connect"), QDialogButtonBox::AcceptRole);
    m_connectButton->setObjectName(u"connectPushButton"_s);
    m_connectButton->setDefault(true);
    m_cancelButton = m_ui->buttonBox->button(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(u"cancelPushButton"_s);
    connect(m_connectButton, &QPushButton::clicked, this, &ConnectDialog::submit);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_waitingForBrowser) {
            emit cancelRequested();
            return;
        }
        reject();
    });

    auto* modes = new QButtonGroup(this);
    modes->addButton(m_ui->clientModeRadioButton);
    modes->addButton(m_ui->browserModeRadioButton);
    m_ui->modeField->setAccessibleName(tr("Connect with"));
    connect(m_ui->browserModeRadioButton, &QRadioButton::toggled, this, [this] {
        m_serverErrors.clear();
        m_ui->messageWidget->hideMessage();
        applyMode();
    });
    connect(m_ui->readSheetPushButton, &QPushButton::clicked, this, &ConnectDialog::chooseSheet);
    m_ui->browserLinkLabel->hide();

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
    applyMode();
    m_ui->tenantUrlLineEdit->setFocus();
    resizeForWrappedText(this);
}

ConnectDialog::~ConnectDialog() = default;

ConnectDialog::Mode ConnectDialog::mode() const
{
    return m_ui->browserModeRadioButton->isChecked() ? Mode::Browser : Mode::Client;
}

void ConnectDialog::setMode(Mode mode)
{
    (mode == Mode::Browser ? m_ui->browserModeRadioButton : m_ui->clientModeRadioButton)->setChecked(true);
    applyMode();
}

void ConnectDialog::applyMode()
{
    const bool browser = mode() == Mode::Browser;
    m_ui->introLabel->setText(
        browser ? tr("Sign in as yourself on the tenant's own sign-in page, through an Interactive Usage client: enter "
                     "its client ID and secret, or read them from a connection sheet in JSON. The console opens your "
                     "browser and waits; it keeps the client secret and your sign-in in the system keychain, and "
                     "never sees your password. The tenant lets users with the role DW_ADMINISTRATOR manage it.")
                : tr("Enter the OAuth client of an administrator of the tenant: a Technical User client whose user "
                     "has the role DW_ADMINISTRATOR. The console checks the credentials by obtaining a token, then "
                     "keeps the secret in the system keychain and the tenant's URL, client ID and name in its "
                     "settings."));
    m_ui->clientIdLineEdit->setPlaceholderText(browser ? tr("The Interactive Usage client's OAuth Client ID")
                                                       : tr("The administrator client's OAuth Client ID"));
    m_ui->sheetField->setVisible(browser);
    m_connectButton->setText(browser ? tr("Sign In…") : tr("Connect"));
    m_connectButton->setToolTip(QString());
    revalidate();
}

void ConnectDialog::chooseSheet()
{
    const QString path = FileDialogs::openFileName(this, tr("Read a Connection Sheet"), QString(),
                                                   tr("Connection sheets (*.json);;All files (*)"));
    if (!path.isEmpty()) {
        readSheet(path);
    }
}

bool ConnectDialog::readSheet(const QString& path)
{
    SecretsFile::Outcome read = SecretsFile::read(path);
    if (const auto* failure = std::get_if<QString>(&read)) {
        showError(*failure);
        return false;
    }
    const auto& sheet = std::get<SecretsFile::Contents>(read);
    setMode(Mode::Browser);
    m_ui->messageWidget->hideMessage();
    m_serverErrors.clear();
    m_ui->tenantUrlLineEdit->setText(sheet.tenantUrl);
    m_ui->clientIdLineEdit->setText(sheet.clientId);
    QString secret = sheet.clientSecret.toString();
    m_ui->clientSecretLineEdit->setText(secret);
    wipeString(secret);
    touch(TenantProfiles::FieldUrl);
    touch(TenantProfiles::FieldClientId);
    if (sheet.clientSecret.isEmpty()) {
        m_ui->clientSecretLineEdit->setFocus();
    } else {
        m_connectButton->setFocus();
    }
    revalidate();
    return true;
}

void ConnectDialog::setProfile(const TenantProfile& profile)
{
    setMode(profile.userName.isEmpty() ? Mode::Client : Mode::Browser);
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
    m_ui->busyLabel->setText(mode() == Mode::Browser ? tr("Starting the sign-in…") : tr("Checking the credentials…"));
    if (!busy) {
        m_waitingForBrowser = false;
        m_ui->browserLinkLabel->hide();
    }
    revalidate();
}

void ConnectDialog::setWaitingForBrowser(const QUrl& url, bool opened)
{
    m_waitingForBrowser = true;
    m_cancelButton->setEnabled(true);
    m_ui->busyLabel->setText(tr("Waiting for the browser…"));
    const QString link = u"<a href=\"%1\">%2</a>"_s.arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(),
                                                        tr("the sign-in page").toHtmlEscaped());
    m_ui->browserLinkLabel->setText(
        opened ? tr("Sign in on the page that opened in your browser; the console goes on when you are done. If no "
                    "page opened, open %1.")
                     .arg(link)
               : tr("No browser could be opened here. Open %1 in a browser and sign in; the console goes on when "
                    "you are done.")
                     .arg(link));
    m_ui->browserLinkLabel->setToolTip(url.toString(QUrl::FullyEncoded));
    m_ui->browserLinkLabel->show();
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
    if (m_waitingForBrowser && result == QDialog::Rejected) {
        emit cancelRequested(); // Escape or the close button: the sign-in ends first
        return;
    }
    if (m_busy) {
        return; // the check runs: its answer must reach this dialog
    }
    QLineEdit* edit = m_ui->clientSecretLineEdit;
    edit->setText(QString(edit->text().size(), u'x'));
    edit->clear();
    QDialog::done(result);
}

} // namespace appint
