#pragma once

#include "core/Clock.h"
#include "service/AccessToken.h"
#include "service/RedactedRequest.h"
#include "service/Result.h"

#include <QDialog>

#include <memory>

class QTimer;

namespace Ui {
class TokenTestDialog;
}

namespace appint {

class Clipboard;

// The outcome of "Test" on an outbound credential. On success: the token
// masked (never shown in full; Copy Token puts it on the clipboard with the
// secret hints and the timeout), its type and scope, the time left as a live
// countdown, and, when it is a JWT, its decoded header and claims (times
// also as dates). On failure: the OAuth error and its description, the HTTP
// status, or what went wrong on the way (timeout, TLS, refused connection).
// Either way the request that was sent, with its secrets redacted.
//
// The dialog sends nothing: the page fetches and calls showRunning() and
// showResult() (or showCachedToken(), or showFailure() when no request could
// be sent); "Test Again" asks the page through testAgainRequested(). Closing wipes the
// token's buffer.
class TokenTestDialog : public QDialog
{
    Q_OBJECT

public:
    TokenTestDialog(const QString& credentialName, Clipboard* clipboard, const Clock& clock = Clock::system(),
                    QWidget* parent = nullptr);
    ~TokenTestDialog() override;

    QString credentialName() const { return m_credentialName; }
    bool isRunning() const { return m_running; }
    bool hasToken() const { return !m_token.value.isEmpty(); }
    // The time left, as shown (empty without a token or expiry).
    QString expiresText() const;

public slots:
    void showRunning(const QString& tokenServiceUrl);
    void showResult(const Result<AccessToken>& result, const RedactedRequest& sent);
    // A token from the shared token cache: shown like a fetched one, with a
    // banner saying that no request was sent.
    void showCachedToken(const AccessToken& token);
    // No request was sent (the secret could not be read, the credential is
    // incomplete): the message in the banner.
    void showFailure(const QString& message);
    void copyToken();

signals:
    void testAgainRequested();

protected:
    void done(int result) override;

private:
    void clear();
    void updateCountdown();
    void setRowVisible(QWidget* field, bool visible);

    std::unique_ptr<Ui::TokenTestDialog> m_ui;
    QString m_credentialName;
    Clipboard* m_clipboard;
    const Clock& m_clock;
    QTimer* m_countdownTimer = nullptr;
    AccessToken m_token;
    bool m_running = false;
};

} // namespace appint
