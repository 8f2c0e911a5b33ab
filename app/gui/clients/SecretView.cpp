#include "gui/clients/SecretView.h"

#include "gui/widgets/Clipboard.h"
#include "gui/widgets/FieldMessages.h"
#include "gui/widgets/Icons.h"
#include "gui/widgets/MessageWidget.h"

#include "ui_SecretView.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace appint {

SecretView::SecretView(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SecretView>())
{
    m_ui->setupUi(this);
    QFont title = m_ui->titleLabel->font();
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() * 1.15);
    m_ui->titleLabel->setFont(title);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->secretClientIdLineEdit->setFont(fixed);
    m_ui->secretLineEdit->setFont(fixed);
    m_ui->copyClientIdPushButton->setIcon(Icons::icon(u"edit-copy"_s));
    m_ui->copySecretPushButton->setIcon(Icons::icon(u"edit-copy"_s));
    m_ui->copyClientIdPushButton->setToolTip(tr("Copy the OAuth Client ID to the clipboard"));
    m_ui->copySecretPushButton->setToolTip(tr("Copy the secret to the clipboard"));
    m_ui->warningMessageWidget->setCloseButtonVisible(false);
    m_ui->copyStatusLabel->hide();
    m_ui->keepInKeychainCheckBox->setToolTip(
        tr("Keep this client's secret in the system keychain, so that “Copy Secret” and “Export Connection Sheet…” "
           "can use it later"));
    m_ui->exportSheetPushButton->setIcon(Icons::icon(u"document-export"_s));
    m_ui->exportSheetPushButton->setToolTip(tr("Write a connection sheet with this secret for the client's users"));
    // The status reads as part of the checkbox: aligned with its text.
    m_ui->keychainStatusLabel->setIndent(style()->pixelMetric(QStyle::PM_IndicatorWidth)
                                         + style()->pixelMetric(QStyle::PM_CheckBoxLabelSpacing));
    setKeychainState(KeychainState::Unavailable);
    setExportAvailable(false);

    connect(m_ui->copyClientIdPushButton, &QPushButton::clicked, this, &SecretView::copyClientId);
    connect(m_ui->copySecretPushButton, &QPushButton::clicked, this, &SecretView::copySecret);
    connect(m_ui->keepInKeychainCheckBox, &QCheckBox::clicked, this, &SecretView::keepInKeychainToggled);
    connect(m_ui->exportSheetPushButton, &QPushButton::clicked, this, &SecretView::exportSheetRequested);
}

SecretView::~SecretView()
{
    wipe();
}

void SecretView::setClipboard(Clipboard* clipboard)
{
    m_clipboard = clipboard;
}

void SecretView::setCredentials(const QString& clientId, const Secret& secret, Kind kind)
{
    wipe();
    m_secret = secret;
    m_copied = false;
    m_exported = false;
    m_ui->secretClientIdLineEdit->setText(clientId);
    QString text = m_secret.toString();
    m_ui->secretLineEdit->setText(text);
    // Show the whole secret: it is meant to be read and checked.
    const QFontMetrics metrics(m_ui->secretLineEdit->font());
    const int wanted = metrics.horizontalAdvance(text) + metrics.averageCharWidth() * 8;
    wipeString(text);
    m_ui->secretLineEdit->setMinimumWidth(std::min(wanted, 720));
    m_ui->secretClientIdLineEdit->setMinimumWidth(
        std::min(metrics.horizontalAdvance(clientId) + metrics.averageCharWidth() * 8, 720));
    m_ui->secretLineEdit->setCursorPosition(0);
    m_ui->copySecretPushButton->setEnabled(true);
    m_ui->copyStatusLabel->hide();
    m_ui->exportSheetPushButton->setEnabled(true);
    setKeychainState(kind == Kind::Legacy ? KeychainState::Unavailable : m_keychainState);

    switch (kind) {
    case Kind::Created:
        m_ui->titleLabel->setText(tr("The client has been added. Copy its secret now and save it securely."));
        break;
    case Kind::Renewed:
        m_ui->titleLabel->setText(
            tr("The expiry date has been extended and a new secret generated. Copy it now and save it securely."));
        break;
    case Kind::Legacy:
        m_ui->titleLabel->setText(tr("This client was created before secrets could be copied only once, so its "
                                     "secret can still be shown."));
        break;
    }
    if (kind == Kind::Legacy) {
        m_ui->warningMessageWidget->hideMessage();
    } else {
        m_ui->warningMessageWidget->showMessage(
            tr("You won't be able to copy the secret again. If you lose it, you will need to create a new client."),
            MessageWidget::Type::Warning);
    }
}

void SecretView::wipe()
{
    if (m_secret.isEmpty() && m_ui->secretLineEdit->text().isEmpty()) {
        return;
    }
    // Replace the line edit's text (and with it its layout's copy), then clear
    // it: setText() also drops the undo history. Then zero the secret's
    // buffer, which the service's result shared.
    m_ui->secretLineEdit->setText(QString(m_ui->secretLineEdit->text().size(), u'x'));
    m_ui->secretLineEdit->clear();
    m_secret.wipe();
    m_secret = Secret();
    m_ui->copySecretPushButton->setEnabled(false);
    m_ui->exportSheetPushButton->setEnabled(false);
    m_ui->keepInKeychainCheckBox->setEnabled(false);
}

bool SecretView::hasSecret() const
{
    return !m_secret.isEmpty();
}

bool SecretView::secretCopied() const
{
    return m_copied;
}

bool SecretView::secretKept() const
{
    return m_copied || m_exported || m_keychainState == KeychainState::Saved;
}

Secret SecretView::secret() const
{
    return m_secret;
}

void SecretView::setKeychainState(KeychainState state, const QString& message)
{
    m_keychainState = state;
    QCheckBox* box = m_ui->keepInKeychainCheckBox;
    QLabel* label = m_ui->keychainStatusLabel;
    box->setVisible(state != KeychainState::Unavailable);
    box->setEnabled(hasSecret() && state != KeychainState::Saving && state != KeychainState::Removing);
    box->setChecked(state == KeychainState::Saved || state == KeychainState::Saving);
    QString text;
    bool error = false;
    switch (state) {
    case KeychainState::Unavailable:
    case KeychainState::NotSaved:
        break;
    case KeychainState::Saving:
        text = tr("Saving the secret in the system keychain…");
        break;
    case KeychainState::Removing:
        text = tr("Removing the secret from the system keychain…");
        break;
    case KeychainState::Saved:
        text = message.isEmpty() ? tr("Saved in the system keychain. “Copy Secret” and “Export Connection Sheet…” "
                                      "can use it later.")
                                 : message;
        break;
    case KeychainState::Failed:
        text = message;
        error = true;
        break;
    }
    label->setTextFormat(Qt::PlainText); // may quote a keychain or server message
    label->setText(text);
    label->setVisible(!text.isEmpty());
    QPalette palette = this->palette();
    if (error) {
        palette.setColor(QPalette::WindowText, FieldMessages::errorColor());
    }
    label->setPalette(palette);
}

SecretView::KeychainState SecretView::keychainState() const
{
    return m_keychainState;
}

void SecretView::setExportAvailable(bool available)
{
    m_ui->exportSheetPushButton->setVisible(available);
    m_ui->exportSheetPushButton->setEnabled(available && hasSecret());
}

void SecretView::markExported()
{
    m_exported = true;
}

QString SecretView::clientId() const
{
    return m_ui->secretClientIdLineEdit->text();
}

void SecretView::copyClientId()
{
    if (m_clipboard) {
        m_clipboard->setText(m_ui->secretClientIdLineEdit->text());
    }
    m_ui->copyStatusLabel->setText(tr("The OAuth Client ID is on the clipboard."));
    m_ui->copyStatusLabel->show();
}

void SecretView::copySecret()
{
    if (m_secret.isEmpty()) {
        return;
    }
    if (m_clipboard) {
        QString text = m_secret.toString();
        m_clipboard->setSecret(text);
        wipeString(text);
        m_ui->copyStatusLabel->setText(
            tr("The secret is on the clipboard. It is cleared from the clipboard in %n second(s).", nullptr,
               m_clipboard->clearSeconds()));
    }
    m_ui->copyStatusLabel->show();
    if (!m_copied) {
        m_copied = true;
        emit secretCopiedChanged(true);
    }
}

} // namespace appint
