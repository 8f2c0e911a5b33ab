#pragma once

#include "server/http/FormData.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpResponse.h"
#include "server/tenant/Tenant.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <variant>

namespace appint {

class Clock;
class RateLimiter;
class Router;
class SamlBearerGrant;
class TokenService;
class UserGrants;

// The OAuth 2.0 side of api.md: RFC 8414 metadata, the token endpoint
// (client_credentials here; authorization_code and refresh_token through
// UserGrants), JWKS, RFC 7662 introspection and RFC 7009 revocation (of
// access and refresh tokens). Client authentication (Basic or form, never both) is rate
// limited per address and client_id.
class OAuthEndpoints
{
    Q_DECLARE_TR_FUNCTIONS(OAuthEndpoints)

public:
    OAuthEndpoints(Tenant& tenant, const TokenService& tokens, UserGrants& userGrants, RateLimiter& limiter,
                   const Clock& clock);

    // Serve the SAML 2.0 bearer grant at `path` (the path of the tenant's
    // saml_token_url); call before addRoutes().
    void setSamlGrant(const SamlBearerGrant* grant, const QString& path);

    void addRoutes(Router& router);

    // The RFC 8414 metadata document.
    QJsonObject metadata() const;

private:
    using Authenticated = std::variant<Tenant::Record, HttpResponse>;

    // A POST form and the client that sent it.
    struct ClientForm
    {
        FormData params;
        Tenant::Record client;
    };
    // A request about a token (introspection, revocation): the caller and
    // its token parameter.
    struct TokenRequest
    {
        Tenant::Record caller;
        QString token;
    };

    HttpResponse token(const HttpRequest& request) const;
    HttpResponse samlToken(const HttpRequest& request) const;
    HttpResponse introspect(const HttpRequest& request) const;
    HttpResponse revoke(const HttpRequest& request) const;

    // The form of a POST, or the error answer.
    static std::variant<FormData, HttpResponse> readForm(const HttpRequest& request, const QStringList& mayRepeat);
    Authenticated authenticateClient(const HttpRequest& request, const FormData& form) const;
    // readForm() then authenticateClient(), or the first error answer.
    std::variant<ClientForm, HttpResponse> readClientForm(const HttpRequest& request,
                                                          const QStringList& mayRepeat) const;
    // readClientForm() then the token parameter, or the first error answer.
    std::variant<TokenRequest, HttpResponse> readTokenRequest(const HttpRequest& request) const;
    HttpResponse invalidClient(const QString& description) const;

    Tenant& m_tenant;
    const TokenService& m_tokens;
    UserGrants& m_userGrants;
    RateLimiter& m_limiter;
    const Clock& m_clock;
    const SamlBearerGrant* m_saml = nullptr;
    QString m_samlPath;
};

} // namespace appint
