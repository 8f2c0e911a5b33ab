#pragma once

#include "core/Secret.h"

#include <QDialog>

#include <memory>

namespace Ui {
class SecretDialog;
}

namespace appint {

class Clipboard;
class SecretView;

// "Show Secret" of a legacy client (secret_retrievable): the client ID and the
// secret with Copy buttons. Closing wipes the secret from the widgets and its
// shared buffer.
class SecretDialog : public QDialog
{
    Q_OBJECT

public:
    SecretDialog(const QString& clientId, const Secret& secret, Clipboard* clipboard, QWidget* parent = nullptr);
    ~SecretDialog() override;

    SecretView* secretView() const;

protected:
    void done(int result) override;

private:
    std::unique_ptr<Ui::SecretDialog> m_ui;
};

} // namespace appint
