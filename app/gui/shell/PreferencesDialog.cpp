#include "gui/shell/PreferencesDialog.h"

#include "gui/shell/ConsolePreferences.h"

#include "ui_PreferencesDialog.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace appint {

PreferencesDialog::PreferencesDialog(int clipboardClearSeconds, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PreferencesDialog>())
{
    m_ui->setupUi(this);
    setObjectName(u"preferencesDialog"_s);
    m_ui->clearSecondsSpinBox->setRange(ConsolePreferences::MinimumClipboardClearSeconds,
                                        ConsolePreferences::MaximumClipboardClearSeconds);
    m_ui->clearSecondsSpinBox->setSuffix(tr(" seconds"));
    m_ui->clearSecondsSpinBox->setValue(clipboardClearSeconds);
    m_ui->clipboardHintLabel->setText(
        tr("From %1 to %2 seconds. Default: %3 seconds. A secret is cleared only while the clipboard still holds "
           "it, and when the console quits. Secrets are copied with hints that ask clipboard managers not to "
           "keep them; client IDs and URLs are copied plainly.")
            .arg(ConsolePreferences::MinimumClipboardClearSeconds)
            .arg(ConsolePreferences::MaximumClipboardClearSeconds)
            .arg(ConsolePreferences::DefaultClipboardClearSeconds));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setObjectName(u"okPushButton"_s);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(fontMetrics().averageCharWidth() * 80);
    adjustSize();
}

PreferencesDialog::~PreferencesDialog() = default;

int PreferencesDialog::clipboardClearSeconds() const
{
    return m_ui->clearSecondsSpinBox->value();
}

} // namespace appint
