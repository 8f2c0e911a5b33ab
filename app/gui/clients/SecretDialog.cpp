#include "gui/clients/SecretDialog.h"

#include "gui/clients/SecretView.h"

#include "ui_SecretDialog.h"

#include <QPushButton>

namespace appint {

SecretDialog::SecretDialog(const QString& clientId, const Secret& secret, Clipboard* clipboard, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SecretDialog>())
{
    m_ui->setupUi(this);
    m_ui->secretView->setClipboard(clipboard);
    m_ui->secretView->setCredentials(clientId, secret, SecretView::Kind::Legacy);
    m_ui->buttonBox->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closePushButton"));
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    adjustSize();
}

SecretDialog::~SecretDialog() = default;

SecretView* SecretDialog::secretView() const
{
    return m_ui->secretView;
}

void SecretDialog::done(int result)
{
    m_ui->secretView->wipe();
    QDialog::done(result);
}

} // namespace appint
