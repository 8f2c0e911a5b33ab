#include "gui/clients/ExportSheetDialog.h"

#include "core/BidiText.h"
#include "core/Secret.h"
#include "gui/clients/SheetExporter.h"
#include "gui/widgets/DialogSize.h"
#include "gui/widgets/FileDialogs.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/MessageWidget.h"

#include "ui_ExportSheetDialog.h"

#include <QDir>
#include <QFileInfo>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
constexpr int FormatRole = Qt::UserRole + 1;
} // namespace

ExportSheetDialog::ExportSheetDialog(ConnectionSheetInput input, const QString& missingSecretReason,
                                     const QString& directory, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ExportSheetDialog>())
    , m_input(std::move(input))
    , m_missingSecretReason(missingSecretReason)
{
    m_ui->setupUi(this);
    setObjectName(u"exportSheetDialog"_s);
    if (m_input.secret && m_input.secret->isEmpty()) {
        m_input.secret.reset();
    }
    // Server text (the client's name): plain, isolated (issue 16).
    m_ui->titleLabel->setTextFormat(Qt::PlainText);
    m_ui->titleLabel->setText(
        tr("What the users of “%1” (%2) need to connect: the tenant's URLs, the client ID and, "
           "when it is at hand, the secret.")
            .arg(BidiText::isolate(m_input.client.clientName), BidiText::isolate(m_input.client.clientId)));

    m_ui->titleLabel->setContentsMargins(0, 0, 0, fontMetrics().height() / 2);
    const ConnectionSheet probe(m_input);
    for (const SheetFormat format : allSheetFormats()) {
        auto* item = new QListWidgetItem(sheetFormatDisplayName(format), m_ui->formatListWidget);
        item->setData(FormatRole, int(format));
        if (!probe.fits(format)) {
            item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
            item->setText(tr("%1 — needs the Client Credentials grant").arg(sheetFormatDisplayName(format)));
            item->setToolTip(tr("This format is made for clients with the Client Credentials grant, which this "
                                "client does not have."));
        }
    }
    // A few rows more than there are formats: no scroll bar.
    const int rowHeight = m_ui->formatListWidget->sizeHintForRow(0);
    m_ui->formatListWidget->setFixedHeight(rowHeight * int(allSheetFormats().size())
                                           + 2 * m_ui->formatListWidget->frameWidth() + 4);
    m_ui->formatHintLabel->hide();

    auto* exportButton = m_ui->buttonBox->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    exportButton->setObjectName(u"exportPushButton"_s);
    exportButton->setDefault(true);
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelPushButton"_s);
    connect(exportButton, &QPushButton::clicked, this, &ExportSheetDialog::requestExport);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->browsePushButton, &QPushButton::clicked, this, &ExportSheetDialog::browse);
    connect(m_ui->formatListWidget, &QListWidget::currentRowChanged, this, &ExportSheetDialog::onFormatChanged);
    connect(m_ui->includeSecretCheckBox, &QCheckBox::toggled, this, &ExportSheetDialog::updateSecretText);
    connect(m_ui->fileLineEdit, &QLineEdit::textChanged, this,
            [this, exportButton] { exportButton->setEnabled(!m_ui->fileLineEdit->text().trimmed().isEmpty()); });

    m_ui->includeSecretCheckBox->setVisible(secretAvailable());
    m_ui->includeSecretCheckBox->setChecked(secretAvailable());
    m_ui->secretMessageWidget->setCloseButtonVisible(false);

    const QString folder = directory.isEmpty() ? QDir::homePath() : directory;
    m_ui->fileLineEdit->setText(QDir(folder).filePath(probe.suggestedFileName(SheetFormat::Pdf)));
    m_ui->formatListWidget->setCurrentRow(0);
    onFormatChanged();
    updateSecretText();

    setMinimumWidth(fontMetrics().averageCharWidth() * 110);
    resizeForWrappedText(this);
}

ExportSheetDialog::~ExportSheetDialog()
{
    if (m_input.secret) {
        wipeString(*m_input.secret);
    }
}

SheetFormat ExportSheetDialog::format() const
{
    return m_format;
}

bool ExportSheetDialog::isFormatEnabled(SheetFormat format) const
{
    const QListWidgetItem* item = m_ui->formatListWidget->item(int(allSheetFormats().indexOf(format)));
    return item && (item->flags() & Qt::ItemIsEnabled);
}

bool ExportSheetDialog::setFormat(SheetFormat format)
{
    if (!isFormatEnabled(format)) {
        return false;
    }
    m_ui->formatListWidget->setCurrentRow(int(allSheetFormats().indexOf(format)));
    return true;
}

QString ExportSheetDialog::filePath() const
{
    return m_ui->fileLineEdit->text().trimmed();
}

void ExportSheetDialog::setFilePath(const QString& path)
{
    m_ui->fileLineEdit->setText(path);
}

bool ExportSheetDialog::secretAvailable() const
{
    return m_input.secret.has_value() && !m_input.secret->isEmpty();
}

bool ExportSheetDialog::includesSecret() const
{
    return secretAvailable() && m_ui->includeSecretCheckBox->isChecked();
}

void ExportSheetDialog::setIncludeSecret(bool include)
{
    m_ui->includeSecretCheckBox->setChecked(include && secretAvailable());
}

ConnectionSheet ExportSheetDialog::sheet() const
{
    ConnectionSheetInput input = m_input;
    if (!includesSecret()) {
        input.secret.reset();
    }
    return ConnectionSheet(std::move(input));
}

QString ExportSheetDialog::secretText() const
{
    return m_ui->secretMessageWidget->text();
}

QString ExportSheetDialog::suggestedPath(SheetFormat format) const
{
    const QFileInfo current(filePath());
    const QString folder = filePath().isEmpty() ? QDir::homePath() : current.path();
    return QDir(folder).filePath(ConnectionSheet(m_input).suggestedFileName(format));
}

void ExportSheetDialog::onFormatChanged()
{
    const QListWidgetItem* item = m_ui->formatListWidget->currentItem();
    if (!item) {
        return;
    }
    const SheetFormat previous = m_format;
    m_format = SheetFormat(item->data(FormatRole).toInt());
    // Follow the format with the file name, unless the admin chose another name.
    if (previous != m_format
        && QFileInfo(filePath()).fileName() == ConnectionSheet(m_input).suggestedFileName(previous)) {
        m_ui->fileLineEdit->setText(suggestedPath(m_format));
    }
}

void ExportSheetDialog::updateSecretText()
{
    QString text;
    MessageWidget::Type type = MessageWidget::Type::Information;
    if (includesSecret()) {
        text = m_input.secretOrigin == SecretOrigin::Keychain
            ? tr("The sheet includes the secret, read from the system keychain.")
            : tr("The sheet includes the secret, which was just issued.");
        text += u' '
            + tr("The file is written readable only by you (mode 0600). Hand it over like a password, on a "
                 "secure channel.");
        type = MessageWidget::Type::Warning;
    } else if (secretAvailable()) {
        text = tr("The secret is left out: the sheet says that it is not included.");
    } else {
        text = tr("The secret is not included: %1. The sheet says so; its users add the secret from where it was "
                  "saved.")
                   .arg(m_missingSecretReason.isEmpty()
                            ? tr("it is shown only once, when the client is created or extended")
                            : m_missingSecretReason);
    }
    m_ui->secretMessageWidget->showMessage(text, type);
}

void ExportSheetDialog::browse()
{
    const QString chosen = FileDialogs::saveFileName(this, tr("Export Connection Sheet"), filePath(),
                                                     SheetExporter::fileFilter(m_format));
    if (!chosen.isEmpty()) {
        m_ui->fileLineEdit->setText(chosen);
        m_confirmedPath = chosen; // the chooser asked before replacing a file
    }
}

void ExportSheetDialog::requestExport()
{
    const QString path = filePath();
    if (path.isEmpty()) {
        showError(tr("Choose a file to write."));
        return;
    }
    if (path != m_confirmedPath && QFileInfo::exists(path) && !QFileInfo(path).isDir()) {
        const bool replace = MessageBox::confirm(this, tr("Replace the File?"),
                                                 tr("A file named “%1” already exists. Replace it?").arg(path),
                                                 tr("Replace"), tr("Cancel"), true);
        if (!replace) {
            return;
        }
    }
    m_ui->messageWidget->hideMessage();
    emit exportRequested();
}

void ExportSheetDialog::showError(const QString& message)
{
    m_ui->messageWidget->setCloseButtonVisible(true);
    m_ui->messageWidget->showMessage(message, MessageWidget::Type::Error);
}

void ExportSheetDialog::done(int result)
{
    if (m_input.secret) {
        wipeString(*m_input.secret);
        m_input.secret.reset();
    }
    QDialog::done(result);
}

} // namespace appint
