#pragma once

#include "core/FieldError.h"
#include "core/OutboundCredential.h"

#include <QDialog>
#include <QSet>

#include <memory>

class QLabel;
class QPushButton;
class QTableView;

namespace Ui {
class OutboundCredentialDialog;
}

namespace appint {

class CustomParameterModel;
class TokenPropertyModel;

// Add or edit an outbound "OAuth2 Client Credentials" artifact (seeds 003,
// 004): every field of OutboundCredential, the client secret and the token
// service password, the custom-parameter table (Key, Value, Send as Part of)
// and seed 004's token service properties.
//
// Validated as the admin types with OutboundCredentialRules: an error under
// each field once it has been touched (all of them after Save is pressed),
// the tables' cells and rows marked at once with the messages under the
// table, a warning icon on a tab that has errors, and Save enabled only when
// everything is valid.
//
// Seed 003: "Every time you edit an OAuth2 Client Credentials artifact, you
// must re-enter the Client Secret." The secret fields start empty in both
// modes and the client secret is required on every save (the token service
// password too when a token service user is set).
//
// The dialog makes no keychain or network call. Save emits submitted(); the
// page reads credential() and secrets(), saves, and answers with setBusy(),
// showSaveError() or accept().
class OutboundCredentialDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Add, Edit };
    Q_ENUM(Mode)

    static inline const QString FieldClientSecret = QStringLiteral("clientSecret");
    static inline const QString FieldTokenServicePassword = QStringLiteral("tokenServicePassword");

    // Add: `credential` pre-fills the form (defaults, or the token URL and
    // client ID of a configured client). Edit: the credential as saved.
    // `takenNames`: the names of the other saved credentials.
    OutboundCredentialDialog(Mode mode, const OutboundCredential& credential, const QStringList& takenNames,
                             QWidget* parent = nullptr);
    ~OutboundCredentialDialog() override;

    Mode mode() const { return m_mode; }
    // Edit: the name the credential was saved under.
    QString originalName() const { return m_original.name; }
    // The credential as the form describes it (trimmed where the rules
    // allow no spaces at the ends: name, URL, subdomain).
    OutboundCredential credential() const;
    // The secrets as typed: copies to use at once.
    OutboundSecrets secrets() const;

    // What the rules find wrong now, whether shown yet or not.
    FieldErrors validationErrors() const;
    bool canSubmit() const;
    bool isBusy() const { return m_busy; }
    // The message under a field (error or hint), by OutboundCredentialRules
    // field name (or FieldClientSecret / FieldTokenServicePassword).
    QString fieldMessage(const QString& field) const;
    bool fieldHasError(const QString& field) const;
    // The messages under the custom-parameter table.
    QString customParametersMessage() const;
    QString tokenPropertiesMessage() const;

    CustomParameterModel* customParameterModel() const { return m_parameters; }
    TokenPropertyModel* tokenPropertyModel() const { return m_properties; }

    // Adds a custom-parameter row and starts editing its key. False (and
    // nothing added) when the table has 20 rows already.
    bool addParameter();
    bool addProperty();

public slots:
    // Saving runs: the form is disabled, a busy indicator shows.
    void setBusy(bool busy);
    // Saving failed: the message in the banner, field errors beside their
    // fields until edited. The secrets stay as typed, for another try.
    void showSaveError(const QString& message, const FieldErrors& errors = {});

signals:
    // Save was clicked on a valid form.
    void submitted();

protected:
    void done(int result) override;

private:
    void setUpWidgets();
    void load(const OutboundCredential& credential);
    void touch(const QString& field);
    void submit();
    void revalidate();
    void updateVisibleRows();
    void updateTableButtons();
    void removeSelectedRows(QTableView* view);
    QLabel* messageLabel(const QString& field) const;
    QWidget* tabOf(const QString& field) const;
    QString hint(const QString& field) const;
    static QStringList fields();

    std::unique_ptr<Ui::OutboundCredentialDialog> m_ui;
    Mode m_mode;
    OutboundCredential m_original;
    QStringList m_takenNames;
    CustomParameterModel* m_parameters = nullptr;
    TokenPropertyModel* m_properties = nullptr;
    QSet<QString> m_touched;
    FieldErrors m_saveErrors;
    bool m_busy = false;
    QPushButton* m_submitButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
};

} // namespace appint
