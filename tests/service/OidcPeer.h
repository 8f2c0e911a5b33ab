#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QUrl>

namespace appint::test {

// The third-party OAuth server of tests/peers/oidc (oidc-provider under
// Node.js) started on an ephemeral loopback port for one test. start() fails
// with a message saying what is missing; tests QFAIL on it: the peer is part of
// the suite, not an optional extra.
class OidcPeer
{
public:
    OidcPeer() = default;
    ~OidcPeer();
    OidcPeer(const OidcPeer&) = delete;
    OidcPeer& operator=(const OidcPeer&) = delete;

    // Empty on success, else what went wrong.
    QString start();
    void stop();

    QUrl baseUrl() const { return m_baseUrl; }
    QUrl tokenUrl() const;

    // GET /_peer/stats, synchronously: {"token_requests", "last"}.
    QJsonObject stats() const;
    int tokenRequests() const;
    // The last token request: {"headers", "query", "body"}.
    QJsonObject lastRequest() const;
    void reset() const;

private:
    QProcess m_process;
    QUrl m_baseUrl;
};

} // namespace appint::test
