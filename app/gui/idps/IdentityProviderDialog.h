#pragma once

#include "core/FieldError.h"

#include <QDialog>
#include <QSet>

#include <memory>

class QLabel;
class QPushButton;

namespace Ui {
class IdentityProviderDialog;
}

namespace appint {

// "Add a Trusted Identity Provider": from the provider's SAML metadata file
// (chosen with FileDialogs; the tenant reads the entity ID and signing
// certificates from it and names the provider after the entity ID), or from
// a name, an entity ID and pasted PEM certificates. The dialog only collects
// the input: the page reads the file, calls the tenant and hands back what it
// refused (showSaveError(), the problem's field errors beside their fields).
class IdentityProviderDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Source { Metadata, Certificate };

    // The field names of the tenant's answers (api.md).
    static inline const QString FieldMetadata = QStringLiteral("metadata");
    static inline const QString FieldName = QStringLiteral("name");
    static inline const QString FieldEntityId = QStringLiteral("entity_id");
    static inline const QString FieldCertificates = QStringLiteral("certificates");

    explicit IdentityProviderDialog(QWidget* parent = nullptr);
    ~IdentityProviderDialog() override;

    Source source() const;
    void setSource(Source source);
    QString metadataPath() const;
    void setMetadataPath(const QString& path);
    QString name() const;
    QString entityId() const;
    // Each "-----BEGIN CERTIFICATE-----" … "-----END CERTIFICATE-----" block
    // of the pasted text.
    QStringList certificatePems() const;

    // The dialog's own check of the input (before anything is sent).
    FieldErrors validationErrors() const;
    bool canSubmit() const;
    // The message shown beside a field (empty when none).
    QString fieldMessage(const QString& field) const;
    QPushButton* addButton() const { return m_addButton; }

    // The tenant is asked: the fields are locked, a progress bar runs.
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    // The tenant refused: `message` in the banner, `errors` beside their
    // fields (in the metadata source, all of them beside the file).
    void showSaveError(const QString& message, const FieldErrors& errors = {});

public slots:
    void chooseMetadataFile();

signals:
    // Add was pressed with input that passed the dialog's own check.
    void submitted();

protected:
    void done(int result) override;

private:
    void submit();
    void touch(const QString& field);
    void revalidate();
    void updateSource();
    QLabel* messageLabel(const QString& field) const;
    QStringList fields() const;

    std::unique_ptr<Ui::IdentityProviderDialog> m_ui;
    QPushButton* m_addButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    FieldErrors m_saveErrors;
    QSet<QString> m_touched;
    QString m_lastDirectory;
    bool m_busy = false;
};

} // namespace appint
