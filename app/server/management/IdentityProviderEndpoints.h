#pragma once

#include "server/http/HttpRequest.h"
#include "server/http/HttpResponse.h"

#include <QCoreApplication>

namespace appint {

class Clock;
class IdentityProviders;
class ManagementEndpoints;
class Router;

// /api/v1/identity-providers (api.md, "SAML 2.0 bearer grant"): list, create
// from JSON or from SAML metadata (application/samlmetadata+xml), read and
// delete trusted identity providers. Administrators only, like the rest of
// the management API.
class IdentityProviderEndpoints
{
    Q_DECLARE_TR_FUNCTIONS(IdentityProviderEndpoints)

public:
    IdentityProviderEndpoints(IdentityProviders& providers, const Clock& clock);

    void addRoutes(Router& router, const ManagementEndpoints& management);

private:
    HttpResponse list(const HttpRequest&, const QStringList&, const QString&) const;
    HttpResponse create(const HttpRequest& request, const QStringList&, const QString& actor);
    HttpResponse get(const HttpRequest&, const QStringList& arguments, const QString&) const;
    HttpResponse remove(const HttpRequest&, const QStringList& arguments, const QString& actor);

    IdentityProviders& m_providers;
    const Clock& m_clock;
};

} // namespace appint
