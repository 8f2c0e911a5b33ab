#pragma once

#include "core/ConnectionSheet.h"
#include "core/SheetFormat.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ExportSheetDialog;
}

namespace appint {

// "Export Connection Sheet…": the format (formats that do not fit the client,
// ConnectionSheet::fits, are shown but disabled, with the reason), the file,
// and whether the secret goes in. The secret is offered only when it is at
// hand (just issued, or read from the system keychain); the dialog says which,
// and that such a file is written readable only by its owner (mode 0600). When
// it is not at hand, `missingSecretReason` says why ("it was not saved in the
// system keychain", a keychain error, ...).
//
// The dialog writes nothing itself: Export emits exportRequested(); the caller
// writes sheet() with SheetExporter and then accept()s or showError()s.
// Closing wipes the secret the dialog holds.
class ExportSheetDialog : public QDialog
{
    Q_OBJECT

public:
    ExportSheetDialog(ConnectionSheetInput input, const QString& missingSecretReason, const QString& directory,
                      QWidget* parent = nullptr);
    ~ExportSheetDialog() override;

    SheetFormat format() const;
    // False (and nothing changes) when the format does not fit the client.
    bool setFormat(SheetFormat format);
    bool isFormatEnabled(SheetFormat format) const;
    QString filePath() const;
    void setFilePath(const QString& path);
    // The secret is at hand (whether or not it is to be included).
    bool secretAvailable() const;
    bool includesSecret() const;
    void setIncludeSecret(bool include);
    // The sheet as chosen: with the secret only when it is included.
    ConnectionSheet sheet() const;
    // The text under the format list and of the secret banner (for tests).
    QString secretText() const;

public slots:
    void showError(const QString& message);

signals:
    void exportRequested();

protected:
    void done(int result) override;

private:
    void onFormatChanged();
    void updateSecretText();
    void browse();
    void requestExport();
    QString suggestedPath(SheetFormat format) const;

    std::unique_ptr<Ui::ExportSheetDialog> m_ui;
    ConnectionSheetInput m_input;
    QString m_missingSecretReason;
    QString m_confirmedPath;
    SheetFormat m_format = SheetFormat::Pdf;
};

} // namespace appint
