#pragma once

#include "core/Clock.h"
#include "core/OutboundCredential.h"
#include "service/AccessToken.h"
#include "service/RedactedRequest.h"
#include "service/Result.h"

#include <QCoreApplication>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;

namespace appint {

// A token request built from an outbound credential, ready to send.
struct PreparedTokenRequest
{
    QNetworkRequest request;
    QByteArray body;
    RedactedRequest redacted; // the same request with its secrets replaced
};

// Fetches access tokens with the client-credentials grant (RFC 6749 §4.4)
// for an OutboundCredential: seeds 003 and 004. One request per fetch(), no
// caching (TokenCache does that). Errors come back typed: the OAuth error and
// its description, the HTTP status, a timeout (connecting or reading), TLS, a
// refused connection.
class TokenClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const Result<AccessToken>& result, const RedactedRequest& sent)>;

    // `network` is shared, not owned, and must outlive the client.
    explicit TokenClient(QNetworkAccessManager* network, const Clock& clock = Clock::system(),
                         QObject* parent = nullptr);
    ~TokenClient() override;

    // Builds the request: URL resolved (Dedicated/Common) with
    // tokenServiceURL.queries.* and the custom URL parameters, headers
    // (tokenServiceURL.headers.*, custom header parameters, the Basic header
    // when the credential sends one), and the body (grant_type, client
    // credentials when sent in the body, scope, resource, audience,
    // tokenService.body.*, custom body parameters) as a form or as JSON.
    // Fails with Validation and field errors when the credential breaks
    // OutboundCredentialRules or its secret is missing.
    static Result<PreparedTokenRequest> prepare(const OutboundCredential& credential, const OutboundSecrets& secrets);

    // Sends one token request. `callback` runs once, on the thread of
    // `context`, unless `context` is destroyed first. Timeouts are the
    // credential's effective connection and read timeouts (0: no limit).
    void fetch(const OutboundCredential& credential, const OutboundSecrets& secrets, QObject* context,
               Callback callback);

    // Requests in flight.
    int pendingCount() const;
    // Ends every request in flight; their callbacks receive Cancelled.
    void cancelAll();

private:
    class Request;
    void finish(Request* request, const Result<AccessToken>& result);

    QPointer<QNetworkAccessManager> m_network;
    const Clock& m_clock;
    QList<Request*> m_requests;
};

} // namespace appint
