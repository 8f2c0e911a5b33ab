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
// for an OutboundCredential: seeds 003 and 004; or, given a SAML 2.0
// assertion, with the SAML 2.0 bearer grant (RFC 7522) from the same
// credential's token URL (a tenant's saml_token_url). One request per fetch(), no
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
    //
    // With a `samlAssertion` (the XML of one SAML 2.0 Assertion, or its
    // base64/base64url encoding), grant_type is
    // urn:ietf:params:oauth:grant-type:saml2-bearer and the body carries the
    // assertion base64url-encoded without padding (RFC 7522 §2.1); the client
    // authenticates as for client credentials. An assertion that is neither
    // XML nor base64 of XML is a Validation failure (field samlAssertion).
    static Result<PreparedTokenRequest> prepare(const OutboundCredential& credential, const OutboundSecrets& secrets,
                                                const Secret& samlAssertion = {});

    // The form RFC 7522 §2.1 sends: base64url without padding of the
    // assertion's XML. `assertion` is XML (starting with '<' after white
    // space and a byte-order mark) or already base64/base64url of XML; empty
    // when it is neither.
    static Secret encodeSamlAssertion(const Secret& assertion);

    // Sends one token request. `callback` runs once, on the thread of
    // `context`, unless `context` is destroyed first. Timeouts are the
    // credential's effective connection and read timeouts (0: no limit).
    void fetch(const OutboundCredential& credential, const OutboundSecrets& secrets, QObject* context,
               Callback callback);
    // The same with the SAML 2.0 bearer grant (see prepare()). The assertion
    // is a secret: it is never logged, and a refusal that quotes it has the
    // quote replaced.
    void fetchWithSamlAssertion(const OutboundCredential& credential, const OutboundSecrets& secrets,
                                const Secret& samlAssertion, QObject* context, Callback callback);

    // Requests in flight.
    int pendingCount() const;
    // Ends every request in flight; their callbacks receive Cancelled.
    void cancelAll();

private:
    class Request;
    void send(Result<PreparedTokenRequest> prepared, const OutboundCredential& credential, const Secret& samlAssertion,
              QObject* context, Callback callback);
    void finish(Request* request, const Result<AccessToken>& result);

    QPointer<QNetworkAccessManager> m_network;
    const Clock& m_clock;
    QList<Request*> m_requests;
};

} // namespace appint
