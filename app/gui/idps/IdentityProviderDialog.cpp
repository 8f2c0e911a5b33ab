#include "gui/idps/IdentityProviderDialog.h"

#include "gui/widgets/DialogSize.h"
#include "gui/widgets/FieldMessages.h"
#include "gui/widgets/FileDialogs.h"
#include "gui/widgets/MessageWidget.h"

#include "ui_IdentityProviderDialog.h"

#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHash>
#include <QPushButton>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace appint {

IdentityProviderDialog::IdentityProviderDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::IdentityProviderDialog>())
    , m_lastDirectory(QDir::homePath())
{
    m_ui->setupUi(this);
    setObjectName(u"identityProviderDialog"_s);
    m_ui->introLabel->setText(
        tr("Trust a SAML 2.0 identity provider: assertions it signs can then be exchanged for a user's access token "
           "by API Access clients with the SAML 2.0 bearer grant. Take its SAML metadata (an EntityDescriptor "
           "with its signing certificates; the provider is named after its entity ID), or enter its entity ID and "
           "paste its signing certificate."));
    m_ui->introLabel->setContentsMargins(0, 0, 0, fontMetrics().height() / 2);
    m_ui->busyProgressBar->hide();
    m_ui->busyLabel->hide();

    m_ui->metadataFileLineEdit->setAccessibleName(tr("Metadata file"));
    m_ui->chooseMetadataFilePushButton->setAccessibleName(tr("Choose the metadata file"));
    m_ui->nameLineEdit->setAccessibleName(tr("Name"));
    m_ui->entityIdLineEdit->setAccessibleName(tr("Entity ID"));
    m_ui->certificatePlainTextEdit->setAccessibleName(tr("Signing certificate"));
    m_ui->certificatePlainTextEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->certificatePlainTextEdit->setMinimumHeight(fontMetrics().height() * 8);
    for (QLabel* label : {m_ui->metadataMessageLabel, m_ui->nameMessageLabel, m_ui->entityIdMessageLabel,
                          m_ui->certificatesMessageLabel}) {
        FieldMessages::setUpLabel(label);
    }

    m_addButton = m_ui->buttonBox->addButton(tr("Add"), QDialogButtonBox::AcceptRole);
    m_addButton->setObjectName(u"addPushButton"_s);
    m_addButton->setDefault(true);
    m_cancelButton = m_ui->buttonBox->button(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(u"cancelPushButton"_s);
    connect(m_addButton, &QPushButton::clicked, this, &IdentityProviderDialog::submit);
    connect(m_cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_ui->chooseMetadataFilePushButton, &QPushButton::clicked, this,
            &IdentityProviderDialog::chooseMetadataFile);
    connect(m_ui->metadataRadioButton, &QRadioButton::toggled, this, &IdentityProviderDialog::updateSource);

    const auto edited = [this](const QString& field) {
        return [this, field] {
            touch(field);
            // What the tenant refused was this input: an edit is a new try.
            m_saveErrors.clear();
            revalidate();
        };
    };
    connect(m_ui->nameLineEdit, &QLineEdit::textEdited, this, edited(FieldName));
    connect(m_ui->entityIdLineEdit, &QLineEdit::textEdited, this, edited(FieldEntityId));
    connect(m_ui->certificatePlainTextEdit, &QPlainTextEdit::textChanged, this, edited(FieldCertificates));

    setMinimumWidth(fontMetrics().averageCharWidth() * 90);
    updateSource();
    resizeForWrappedText(this);
}

IdentityProviderDialog::~IdentityProviderDialog() = default;

IdentityProviderDialog::Source IdentityProviderDialog::source() const
{
    return m_ui->metadataRadioButton->isChecked() ? Source::Metadata : Source::Certificate;
}

void IdentityProviderDialog::setSource(Source source)
{
    (source == Source::Metadata ? m_ui->metadataRadioButton : m_ui->certificateRadioButton)->setChecked(true);
    updateSource();
}

QString IdentityProviderDialog::metadataPath() const
{
    return m_ui->metadataFileLineEdit->text();
}

void IdentityProviderDialog::setMetadataPath(const QString& path)
{
    m_ui->metadataFileLineEdit->setText(QDir::toNativeSeparators(path));
    m_ui->metadataFileLineEdit->setToolTip(QDir::toNativeSeparators(path));
    if (!path.isEmpty()) {
        m_lastDirectory = QFileInfo(path).absolutePath();
    }
    touch(FieldMetadata);
    m_saveErrors.clear();
    revalidate();
}

QString IdentityProviderDialog::name() const
{
    return m_ui->nameLineEdit->text().trimmed();
}

QString IdentityProviderDialog::entityId() const
{
    return m_ui->entityIdLineEdit->text().trimmed();
}

QStringList IdentityProviderDialog::certificatePems() const
{
    static const QRegularExpression block(u"-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]*-----END CERTIFICATE-----"_s);
    QStringList pems;
    const QString text = m_ui->certificatePlainTextEdit->toPlainText();
    for (const QRegularExpressionMatch& match : block.globalMatch(text)) {
        pems.append(match.captured().trimmed() + u'\n');
    }
    return pems;
}

void IdentityProviderDialog::chooseMetadataFile()
{
    const QString path = FileDialogs::openFileName(this, tr("Choose the Identity Provider's SAML Metadata"),
                                                   m_lastDirectory, tr("SAML metadata (*.xml);;All files (*)"));
    if (!path.isEmpty()) {
        setSource(Source::Metadata);
        setMetadataPath(path);
    }
}

FieldErrors IdentityProviderDialog::validationErrors() const
{
    FieldErrors errors;
    if (source() == Source::Metadata) {
        if (metadataPath().isEmpty()) {
            errors.append({FieldMetadata, tr("Choose the provider's SAML metadata file.")});
        }
        return errors;
    }
    if (name().isEmpty()) {
        errors.append({FieldName, tr("Enter a name.")});
    }
    if (entityId().isEmpty()) {
        errors.append({FieldEntityId, tr("Enter the provider's entity ID (the Issuer of its assertions).")});
    }
    if (certificatePems().isEmpty()) {
        errors.append({FieldCertificates,
                       tr("Paste the provider's signing certificate in PEM form (-----BEGIN CERTIFICATE----- …).")});
    }
    return errors;
}

bool IdentityProviderDialog::canSubmit() const
{
    return !m_busy && validationErrors().isEmpty() && m_saveErrors.isEmpty();
}

QStringList IdentityProviderDialog::fields() const
{
    return {FieldMetadata, FieldName, FieldEntityId, FieldCertificates};
}

QLabel* IdentityProviderDialog::messageLabel(const QString& field) const
{
    if (source() == Source::Metadata) {
        // What the tenant read from the metadata is the file's fault.
        return fields().contains(field) ? m_ui->metadataMessageLabel : nullptr;
    }
    if (field == FieldName) {
        return m_ui->nameMessageLabel;
    }
    if (field == FieldEntityId) {
        return m_ui->entityIdMessageLabel;
    }
    if (field == FieldCertificates) {
        return m_ui->certificatesMessageLabel;
    }
    return nullptr;
}

QString IdentityProviderDialog::fieldMessage(const QString& field) const
{
    const QLabel* label = messageLabel(field);
    return label && label->isVisibleTo(this) ? FieldMessages::text(label) : QString();
}

void IdentityProviderDialog::touch(const QString& field)
{
    m_touched.insert(field);
}

void IdentityProviderDialog::updateSource()
{
    const bool metadata = source() == Source::Metadata;
    m_ui->metadataWidget->setEnabled(metadata && !m_busy);
    m_ui->certificateWidget->setEnabled(!metadata && !m_busy);
    m_saveErrors.clear();
    m_ui->messageWidget->hideMessage();
    revalidate();
}

void IdentityProviderDialog::revalidate()
{
    const FieldErrors local = validationErrors();
    QHash<QLabel*, QStringList> shown;
    for (QLabel* label : {m_ui->metadataMessageLabel, m_ui->nameMessageLabel, m_ui->entityIdMessageLabel,
                          m_ui->certificatesMessageLabel}) {
        shown.insert(label, {});
    }
    for (const QString& field : fields()) {
        if (QLabel* label = messageLabel(field)) {
            shown[label] += FieldMessages::shownMessages(field, m_saveErrors, local, m_touched);
        }
    }
    for (auto it = shown.cbegin(); it != shown.cend(); ++it) {
        FieldMessages::show(it.key(), it.value(), QString());
    }
    m_addButton->setEnabled(!m_busy && m_saveErrors.isEmpty());
    m_addButton->setToolTip(FieldMessages::messagesOf(local).join(u'\n'));
}

void IdentityProviderDialog::submit()
{
    for (const QString& field : fields()) {
        touch(field);
    }
    revalidate();
    if (!canSubmit()) {
        return;
    }
    m_ui->messageWidget->hideMessage();
    emit submitted();
}

void IdentityProviderDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_ui->metadataRadioButton->setEnabled(!busy);
    m_ui->certificateRadioButton->setEnabled(!busy);
    m_cancelButton->setEnabled(!busy);
    m_ui->busyProgressBar->setVisible(busy);
    m_ui->busyLabel->setVisible(busy);
    m_ui->busyLabel->setText(tr("Adding the identity provider…"));
    const bool metadata = source() == Source::Metadata;
    m_ui->metadataWidget->setEnabled(metadata && !busy);
    m_ui->certificateWidget->setEnabled(!metadata && !busy);
    revalidate();
}

void IdentityProviderDialog::showSaveError(const QString& message, const FieldErrors& errors)
{
    setBusy(false);
    const QString text = FieldMessages::bannerText(
        message, errors, [this](const QString& field) { return messageLabel(field) != nullptr; }, m_saveErrors);
    m_ui->messageWidget->setCloseButtonVisible(true);
    m_ui->messageWidget->showMessage(text, MessageWidget::Type::Error);
    revalidate();
}

void IdentityProviderDialog::done(int result)
{
    if (m_busy) {
        return; // the tenant's answer must reach this dialog
    }
    QDialog::done(result);
}

} // namespace appint
