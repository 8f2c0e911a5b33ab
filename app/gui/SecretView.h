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
        Legacy,  // "Show Secret" of a client created before the copy-once rule
    };

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
    QString clientId() const;

signals:
    void secretCopiedChanged(bool copied);

private:
    void copyClientId();
    void copySecret();

    std::unique_ptr<Ui::SecretView> m_ui;
    Clipboard* m_clipboard = nullptr;
    Secret m_secret;
    bool m_copied = false;
};

} // namespace appint
