#pragma once

#include "server/http/HttpRequest.h"
#include "server/http/HttpResponse.h"
#include "server/tenant/Outcome.h"
#include "server/tenant/TenantUser.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <optional>
#include <variant>

namespace appint {

class Router;
class Tenant;
class TokenService;

// SCIM 2.0 (RFC 7643/7644) for the tenant's users, as api.md "Users (SCIM
// 2.0)" says: /scim/v2/Users (POST, GET list with filter and paging, GET,
// PUT, PATCH, DELETE) for an administrator or an API Access client with
// user_provisioning, and the discovery documents ServiceProviderConfig,
// Schemas and ResourceTypes without a token. Errors are SCIM errors
// (application/scim+json, RFC 7644 §3.12). Writes and password hashes run as
// blocking routes, off the HTTP threads.
class ScimEndpoints
{
    Q_DECLARE_TR_FUNCTIONS(ScimEndpoints)

public:
    static constexpr qsizetype DefaultCount = 100;
    static constexpr qsizetype MaximumCount = 1000;

    ScimEndpoints(Tenant& tenant, const TokenService& tokens, QString issuer);

    void addRoutes(Router& router);

    QJsonObject serviceProviderConfig() const;
    QJsonObject resourceTypes() const;
    QJsonObject schemas() const;

private:
    using Handler = HttpResponse (ScimEndpoints::*)(const HttpRequest&, const QStringList&, const QString&);

    // The actor (a client_id, or the user name of an administrator user),
    // or the 401/403 answer.
    std::variant<QString, HttpResponse> authorize(const HttpRequest& request) const;
    static std::variant<QJsonObject, HttpResponse> readObject(const HttpRequest& request);
    // The version an If-Match header asks for (nullopt: none or "*"), or a
    // 400 answer for one that cannot be ours.
    static std::variant<std::optional<qint64>, HttpResponse> ifMatch(const HttpRequest& request);
    template <typename T>
    static HttpResponse failure(const Outcome<T>& outcome);
    QString location(const QString& id) const;
    HttpResponse userResponse(const TenantUser& user, int status) const;

    HttpResponse listUsers(const HttpRequest&, const QStringList&, const QString&);
    HttpResponse createUser(const HttpRequest&, const QStringList&, const QString& actor);
    HttpResponse getUser(const HttpRequest&, const QStringList&, const QString&);
    HttpResponse replaceUser(const HttpRequest&, const QStringList&, const QString& actor);
    HttpResponse patchUser(const HttpRequest&, const QStringList&, const QString& actor);
    HttpResponse deleteUser(const HttpRequest&, const QStringList&, const QString& actor);

    Tenant& m_tenant;
    const TokenService& m_tokens;
    const QString m_issuer;
};

} // namespace appint
