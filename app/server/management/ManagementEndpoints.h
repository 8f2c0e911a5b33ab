#pragma once

#include "core/TenantInfo.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpResponse.h"
#include "server/tenant/Outcome.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <functional>
#include <variant>

namespace appint {

struct ClientQuery;
class Clock;
class Router;
class Tenant;
class TokenService;

// The management API of api.md (/api/v1/...): tenant information, roles,
// spaces, clients and the audit log. Every call needs the Bearer token of an
// administrator, checked at request time: a valid signature, not expired or
// revoked, issued for this tenant, and its client still active and still
// holding DW_ADMINISTRATOR.
class ManagementEndpoints
{
    Q_DECLARE_TR_FUNCTIONS(ManagementEndpoints)

public:
    ManagementEndpoints(Tenant& tenant, const TokenService& tokens, const Clock& clock, TenantInfo info);

    void addRoutes(Router& router);

    // For other parts of the management API (identity providers, ...): a
    // route that only administrators reach; `handler` gets the
    // administrator's client_id as its third argument.
    using AdministratorHandler
        = std::function<HttpResponse(const HttpRequest&, const QStringList& arguments, const QString& actor)>;
    void addAdministratorRoute(Router& router, const QString& pattern, QHttpServerRequest::Method method,
                               AdministratorHandler handler) const;

    static std::variant<QJsonObject, HttpResponse> readObject(const HttpRequest& request,
                                                              const QByteArrayList& mediaTypes);

private:
    template <typename T>
    static HttpResponse failure(const Outcome<T>& outcome);
    using Handler = HttpResponse (ManagementEndpoints::*)(const HttpRequest&, const QStringList&, const QString&);

    // The administrator's client_id, or the 401/403 answer.
    std::variant<QString, HttpResponse> authorize(const HttpRequest& request) const;

    HttpResponse tenantInfo(const HttpRequest&, const QStringList&, const QString&);
    HttpResponse listRoles(const HttpRequest&, const QStringList&, const QString&);
    HttpResponse createRole(const HttpRequest&, const QStringList&, const QString& actor);
    HttpResponse deleteRole(const HttpRequest&, const QStringList&, const QString& actor);
    HttpResponse listSpaces(const HttpRequest&, const QStringList&, const QString&);
    HttpResponse createSpace(const HttpRequest&, const QStringList&, const QString& actor);
    HttpResponse deleteSpace(const HttpRequest&, const QStringList&, const QString& actor);
    HttpResponse listClients(const HttpRequest&, const QStringList&, const QString&);
    HttpResponse listClientChanges(const ClientQuery& query);
    HttpResponse createClient(const HttpRequest&, const QStringList&, const QString& actor);
    HttpResponse getClient(const HttpRequest&, const QStringList&, const QString&);
    HttpResponse patchClient(const HttpRequest&, const QStringList&, const QString& actor);
    HttpResponse deleteClient(const HttpRequest&, const QStringList&, const QString& actor);
    HttpResponse clientSecret(const HttpRequest&, const QStringList&, const QString& actor);
    HttpResponse auditActivities(const HttpRequest&, const QStringList&, const QString&);

    Tenant& m_tenant;
    const TokenService& m_tokens;
    const Clock& m_clock;
    const TenantInfo m_info;
};

} // namespace appint
