#pragma once

#include "core/Secret.h"
#include "service/Result.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QOAuth2AuthorizationCodeFlow;
class QOAuthHttpServerReplyHandler;

namespace appint {

// A user's sign-in through the browser with an Interactive Usage client
// (api.md "Interactive Usage"): the authorization code flow with PKCE S256
// (RFC 7636) on Qt Network Authorization. QOAuth2AuthorizationCodeFlow sends
// the user to the tenant's sign-in page and checks `state`;
// QOAuthHttpServerReplyHandler receives the code on 127.0.0.1 (an ephemeral
// port, or the one asked for; RFC 8252 §7.3); the PKCE parameters, which
// Qt 6.4 lacks, are added through the flow's modifyParametersFunction.
//
// The caller opens (or prints) the URL of authorizationUrlReady(); the
// result comes once through finished(): the access token, the refresh token
// and the user's name (the access token's `sub`). Nothing here is logged or
// stored: the caller keeps the refresh token in the keychain.
class BrowserSignIn : public QObject
{
    Q_OBJECT

public:
    struct Tokens
    {
        Secret accessToken;
        Secret refreshToken;
        QString userName;
    };

    // `network` is shared, not owned, and must outlive the sign-in.
    explicit BrowserSignIn(QNetworkAccessManager* network, QObject* parent = nullptr);
    ~BrowserSignIn() override;

    // Discovers the tenant's endpoints (RFC 8414), listens on the loopback
    // port (`port` 0: an ephemeral one) and starts the flow. `timeoutMs`
    // limits the whole sign-in, the person's time in the browser included.
    void start(const QUrl& tenantUrl, const QString& clientId, const Secret& clientSecret, quint16 port, int timeoutMs);
    // Ends the sign-in; finished() reports Cancelled.
    void cancel();

    // The redirect URI the loopback listener answers (after start()).
    QString redirectUri() const;

    // A PKCE pair (RFC 7636 §4.1, §4.2): a 43-character verifier and its
    // S256 challenge.
    static QByteArray makeCodeVerifier();
    static QByteArray codeChallengeS256(const QByteArray& verifier);

signals:
    void authorizationUrlReady(const QUrl& url);
    void finished(const appint::Result<appint::BrowserSignIn::Tokens>& result);

private:
    void discovered(const QUrl& authorizationEndpoint, const QUrl& tokenEndpoint);
    void tokenReplyFinished(QNetworkReply* reply);
    void granted();
    void finish(const Result<Tokens>& result);

    QPointer<QNetworkAccessManager> m_network;
    QUrl m_tenantUrl;
    QString m_clientId;
    Secret m_clientSecret;
    quint16 m_port = 0;
    QUrl m_tokenEndpoint;
    QByteArray m_codeVerifier;
    QTimer m_deadline;
    int m_timeoutMs = 0;
    QPointer<QNetworkReply> m_discovery;
    QOAuth2AuthorizationCodeFlow* m_flow = nullptr;
    QOAuthHttpServerReplyHandler* m_handler = nullptr;
    bool m_finished = false;
};

} // namespace appint
