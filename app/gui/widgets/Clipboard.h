#pragma once

#include <QByteArray>
#include <QObject>

class QTimer;

namespace appint {

// Puts text on the system clipboard. Secrets get the password-manager hints
// (KDE's x-kde-passwordManagerHint, Windows' monitor exclusion, macOS'
// concealed type) and are cleared again after a timeout, with a countdown for
// the status bar, and when the console quits (KeePassXC's Clipboard). Only
// what this object put there is cleared, and it keeps no copy of the secret:
// it recognises its text by a hash.
class Clipboard : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultClearSeconds = 30;

    explicit Clipboard(QObject* parent = nullptr);
    ~Clipboard() override;

    void setText(const QString& text);
    void setSecret(const QString& secret);

    void setClearSeconds(int seconds);
    int clearSeconds() const;
    // Seconds until the secret on the clipboard is cleared, 0 if none is.
    int secondsLeft() const;

    // Clears the clipboard if it still holds the secret put there.
    void clearSecret();

signals:
    // Once a second while a secret is on the clipboard; 0 when it is gone.
    void secretCountdown(int secondsLeft);

private:
    void tick();
    bool clipboardHoldsOurSecret() const;

    QTimer* m_timer = nullptr;
    QByteArray m_secretHash;
    int m_clearSeconds = DefaultClearSeconds;
    int m_secondsLeft = 0;
};

} // namespace appint
