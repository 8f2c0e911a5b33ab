#pragma once

#include "core/Secret.h"

#include <QWidget>

#include <memory>

namespace Ui {
class SecretView;
}

namespace appint {

class Clipboard;

// The OAuth Client ID and its secret, read-only, each with a Copy button, and
// the seeds' warning that the secret cannot be copied again. Used after Add,
// after extending an expired client (a new secret), and for "Show Secret" on
// a legacy client. wipe() overwrites the secret in the widgets and in this
// object; nothing else here keeps it.
class SecretView : public QWidget
{
    Q_OBJECT

public:
    enum class Kind {
        Created, // after Add: shown once
        Renewed, // after extending an expired client: a new secret, shown once
        Legacy, // "Show Secret" of a client created before the copy-once rule
    };

    // The "Save the secret in the system keychain" checkbox.
    enum class KeychainState {
        Unavailable, // no keychain for this view: the checkbox is hidden
        NotSaved,
        Saving,
        Saved,
        Removing,
        Failed, // the last save or removal failed; the message says why
    };
    Q_ENUM(KeychainState)

    explicit SecretView(QWidget* parent = nullptr);
    ~SecretView() override;

    void setClipboard(Clipboard* clipboard);
    // Shows the secret. wipe() (or closing) overwrites its buffer, which
    // every copy of `secret` shares.
    void setCredentials(const QString& clientId, const Secret& secret, Kind kind);
    // Overwrites and clears the secret everywhere this view holds it.
    void wipe();

    bool hasSecret() const;
    bool secretCopied() const;
    // Copied, saved in the keychain, or exported with the secret: the admin
    // has it somewhere, so closing needs no warning.
    bool secretKept() const;
    QString clientId() const;
    // The secret while it is shown (its buffer is the one wipe() zeroes);
    // empty afterwards.
    Secret secret() const;

    // The keychain checkbox. The view makes no keychain call: ticking it
    // emits keepInKeychainToggled(), and the page reports back here.
    void setKeychainState(KeychainState state, const QString& message = QString());
    KeychainState keychainState() const;
    // "Export Connection Sheet…" while the secret is at hand.
    void setExportAvailable(bool available);
    // A sheet with the secret was written.
    void markExported();

signals:
    void secretCopiedChanged(bool copied);
    void keepInKeychainToggled(bool keep);
    void exportSheetRequested();

private:
    void copyClientId();
    void copySecret();

    std::unique_ptr<Ui::SecretView> m_ui;
    Clipboard* m_clipboard = nullptr;
    Secret m_secret;
    bool m_copied = false;
    bool m_exported = false;
    KeychainState m_keychainState = KeychainState::Unavailable;
};

} // namespace appint
