#pragma once

#include "server/HttpRequest.h"
#include "server/HttpResponse.h"
#include "server/Tenant.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <variant>

namespace appint {

class Clock;
class FormData;
class RateLimiter;
class Router;
class TokenService;

// The OAuth 2.0 side of api.md: RFC 8414 metadata, the token endpoint
// (client_credentials), JWKS, RFC 7662 introspection and RFC 7009
// revocation. Client authentication (Basic or form, never both) is rate
// limited per address and client_id.
class OAuthEndpoints
{
    Q_DECLARE_TR_FUNCTIONS(OAuthEndpoints)

public:
    OAuthEndpoints(Tenant& tenant, const TokenService& tokens, RateLimiter& limiter, const Clock& clock);

    void addRoutes(Router& router);

    // The RFC 8414 metadata document.
    QJsonObject metadata() const;

private:
    using Authenticated = std::variant<Tenant::Record, HttpResponse>;

    HttpResponse token(const HttpRequest& request) const;
    HttpResponse introspect(const HttpRequest& request) const;
    HttpResponse revoke(const HttpRequest& request) const;

    // The form of a POST, or the error answer.
    static std::variant<FormData, HttpResponse> readForm(const HttpRequest& request, const QStringList& mayRepeat);
    Authenticated authenticateClient(const HttpRequest& request, const FormData& form) const;
    HttpResponse invalidClient(const QString& description) const;

    Tenant& m_tenant;
    const TokenService& m_tokens;
    RateLimiter& m_limiter;
    const Clock& m_clock;
};

} // namespace appint
