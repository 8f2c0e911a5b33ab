#include "gui/outbound/TokenTestDialog.h"

#include "gui/outbound/TokenDisplay.h"
#include "gui/widgets/Clipboard.h"
#include "gui/widgets/MessageWidget.h"

#include "ui_TokenTestDialog.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QLocale>
#include <QPushButton>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace appint {

TokenTestDialog::TokenTestDialog(const QString& credentialName, Clipboard* clipboard, const Clock& clock,
                                 QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::TokenTestDialog>())
    , m_credentialName(credentialName)
    , m_clipboard(clipboard)
    , m_clock(clock)
    , m_countdownTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    setObjectName(u"tokenTestDialog"_s);
    setWindowTitle(tr("Test “%1”").arg(credentialName));
    setMinimumWidth(fontMetrics().averageCharWidth() * 100);
    m_ui->messageWidget->setCloseButtonVisible(false);
    m_ui->credentialValueLabel->setText(credentialName);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit* edit : {m_ui->claimsPlainTextEdit, m_ui->jwtHeaderPlainTextEdit, m_ui->requestPlainTextEdit}) {
        edit->setFont(fixed);
        edit->setMinimumHeight(QFontMetrics(fixed).lineSpacing() * 14);
    }
    m_ui->tokenValueLabel->setFont(fixed);

    QPushButton* close = m_ui->buttonBox->button(QDialogButtonBox::Close);
    close->setObjectName(u"closePushButton"_s);
    close->setDefault(true);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Beside Close, on the side of the dialog's own actions.
    m_ui->buttonBox->addButton(m_ui->testAgainPushButton, QDialogButtonBox::ActionRole);
    connect(m_ui->testAgainPushButton, &QPushButton::clicked, this, &TokenTestDialog::testAgainRequested);
    connect(m_ui->copyTokenPushButton, &QPushButton::clicked, this, &TokenTestDialog::copyToken);
    m_ui->copyTokenPushButton->setToolTip(
        tr("Copy the access token; the clipboard is cleared again after %n second(s).", nullptr,
           m_clipboard ? m_clipboard->clearSeconds() : Clipboard::DefaultClearSeconds));

    m_countdownTimer->setInterval(1000);
    connect(m_countdownTimer, &QTimer::timeout, this, &TokenTestDialog::updateCountdown);
    clear();
}

TokenTestDialog::~TokenTestDialog()
{
    m_token.value.wipe();
}

void TokenTestDialog::setRowVisible(QWidget* field, bool visible)
{
    m_ui->resultFormLayout->setRowVisible(field, visible);
}

void TokenTestDialog::clear()
{
    m_token.value.wipe();
    m_token = AccessToken();
    m_countdownTimer->stop();
    for (QLabel* label : {m_ui->tokenValueLabel, m_ui->tokenTypeValueLabel, m_ui->expiresValueLabel,
                          m_ui->scopeValueLabel, m_ui->oauthErrorValueLabel, m_ui->oauthErrorDescriptionValueLabel,
                          m_ui->httpStatusValueLabel, m_ui->problemValueLabel}) {
        label->clear();
    }
    // Layout items of the form: the label's row goes with its field.
    m_ui->resultFormLayout->setRowVisible(m_ui->tokenRowLayout, false);
    for (QLabel* field :
         {m_ui->tokenTypeValueLabel, m_ui->expiresValueLabel, m_ui->scopeValueLabel, m_ui->oauthErrorValueLabel,
          m_ui->oauthErrorDescriptionValueLabel, m_ui->httpStatusValueLabel, m_ui->problemValueLabel}) {
        setRowVisible(field, false);
    }
    m_ui->claimsPlainTextEdit->clear();
    m_ui->jwtHeaderPlainTextEdit->clear();
    m_ui->requestPlainTextEdit->clear();
    m_ui->copyTokenPushButton->setText(tr("Copy Token"));
}

void TokenTestDialog::showRunning(const QString& tokenServiceUrl)
{
    clear();
    m_running = true;
    m_ui->tokenServiceUrlValueLabel->setText(tokenServiceUrl);
    m_ui->messageWidget->hideMessage();
    m_ui->busyProgressBar->show();
    m_ui->busyLabel->setText(tr("Requesting a token…"));
    m_ui->busyLabel->show();
    m_ui->testAgainPushButton->setEnabled(false);
}

void TokenTestDialog::showFailure(const QString& message)
{
    clear();
    m_running = false;
    m_ui->busyProgressBar->hide();
    m_ui->busyLabel->hide();
    m_ui->testAgainPushButton->setEnabled(true);
    m_ui->messageWidget->showMessage(message, MessageWidget::Type::Error);
    m_ui->detailsTabWidget->setCurrentWidget(m_ui->requestTab);
}

void TokenTestDialog::showResult(const Result<AccessToken>& result, const RedactedRequest& sent)
{
    clear();
    m_running = false;
    m_ui->busyProgressBar->hide();
    m_ui->busyLabel->hide();
    m_ui->testAgainPushButton->setEnabled(true);
    if (!sent.isEmpty()) {
        m_ui->tokenServiceUrlValueLabel->setText(sent.url.toDisplayString());
        m_ui->requestPlainTextEdit->setPlainText(sent.toText());
    }

    if (!result.ok()) {
        m_ui->messageWidget->showMessage(result.message, MessageWidget::Type::Error);
        if (!result.oauthError.isEmpty()) {
            m_ui->oauthErrorValueLabel->setText(result.oauthError);
            setRowVisible(m_ui->oauthErrorValueLabel, true);
        }
        if (!result.oauthErrorDescription.isEmpty()) {
            m_ui->oauthErrorDescriptionValueLabel->setText(result.oauthErrorDescription);
            setRowVisible(m_ui->oauthErrorDescriptionValueLabel, true);
        }
        if (result.httpStatus > 0) {
            m_ui->httpStatusValueLabel->setText(QString::number(result.httpStatus));
            setRowVisible(m_ui->httpStatusValueLabel, true);
        }
        if (result.oauthError.isEmpty()) {
            m_ui->problemValueLabel->setText(TokenDisplay::failureSummary(result));
            setRowVisible(m_ui->problemValueLabel, true);
        }
        m_ui->detailsTabWidget->setCurrentWidget(m_ui->requestTab);
        m_ui->detailsTabWidget->setTabEnabled(m_ui->detailsTabWidget->indexOf(m_ui->claimsTab), false);
        m_ui->detailsTabWidget->setTabEnabled(m_ui->detailsTabWidget->indexOf(m_ui->headerTab), false);
        return;
    }

    m_token = result.value;
    m_ui->messageWidget->showMessage(tr("The token service issued an access token."), MessageWidget::Type::Positive);
    m_ui->tokenValueLabel->setText(TokenDisplay::masked(m_token.value));
    m_ui->resultFormLayout->setRowVisible(m_ui->tokenRowLayout, true);
    m_ui->tokenTypeValueLabel->setText(m_token.tokenType);
    setRowVisible(m_ui->tokenTypeValueLabel, !m_token.tokenType.isEmpty());
    m_ui->scopeValueLabel->setText(m_token.scope);
    setRowVisible(m_ui->scopeValueLabel, !m_token.scope.isEmpty());
    setRowVisible(m_ui->expiresValueLabel, true);
    updateCountdown();
    if (m_token.expiresAt() > 0) {
        m_countdownTimer->start();
    }

    const std::optional<QJsonObject> claims = m_token.claims();
    const std::optional<QJsonObject> header = TokenDisplay::jwtHeader(m_token.value);
    const int claimsTab = m_ui->detailsTabWidget->indexOf(m_ui->claimsTab);
    const int headerTab = m_ui->detailsTabWidget->indexOf(m_ui->headerTab);
    m_ui->detailsTabWidget->setTabEnabled(claimsTab, true);
    m_ui->detailsTabWidget->setTabEnabled(headerTab, header.has_value());
    if (claims) {
        m_ui->claimsPlainTextEdit->setPlainText(TokenDisplay::prettyJson(*claims));
    }
    if (header) {
        m_ui->jwtHeaderPlainTextEdit->setPlainText(TokenDisplay::prettyJson(*header));
    }
    m_ui->detailsTabWidget->setCurrentIndex(claimsTab);
}

void TokenTestDialog::showCachedToken(const AccessToken& token)
{
    showResult(Result<AccessToken>::success(token), RedactedRequest());
    m_ui->messageWidget->showMessage(tr("The cached token is still valid, so no request was sent. Select Test Again "
                                        "to fetch a new one."),
                                     MessageWidget::Type::Positive);
}

void TokenTestDialog::updateCountdown()
{
    const QString text = expiresText();
    m_ui->expiresValueLabel->setText(text);
    if (m_token.expiresAt() > 0 && m_token.isExpiredAt(m_clock.now())) {
        m_countdownTimer->stop();
    }
}

QString TokenTestDialog::expiresText() const
{
    if (m_token.value.isEmpty()) {
        return {};
    }
    const qint64 expiresAt = m_token.expiresAt();
    if (expiresAt <= 0) {
        return tr("Not stated by the token service");
    }
    const QString at = QLocale().toString(QDateTime::fromSecsSinceEpoch(expiresAt), QLocale::LongFormat);
    const qint64 left = expiresAt - m_clock.now();
    if (left <= 0) {
        return tr("Expired at %1").arg(at);
    }
    return tr("In %1 (at %2)").arg(TokenDisplay::countdown(left), at);
}

void TokenTestDialog::copyToken()
{
    if (!m_clipboard || m_token.value.isEmpty()) {
        return;
    }
    QString text = m_token.value.toString();
    m_clipboard->setSecret(text);
    wipeString(text);
    m_ui->copyTokenPushButton->setText(tr("Copied"));
}

void TokenTestDialog::done(int result)
{
    m_countdownTimer->stop();
    m_token.value.wipe();
    m_token = AccessToken();
    QDialog::done(result);
}

} // namespace appint
