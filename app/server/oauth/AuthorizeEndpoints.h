#pragma once

#include "server/http/FormData.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpResponse.h"
#include "server/oauth/AuthorizationSessions.h"
#include "server/oauth/UserDirectory.h"

#include <QCoreApplication>
#include <QString>

#include <variant>

namespace appint {

class Clock;
class RateLimiter;
class Router;
class Tenant;

// The front-channel half of the authorization code flow (api.md
// "Interactive Usage"): GET /oauth/authorize checks the request and answers
// with the sign-in page; POST /oauth/authorize checks the password (a
// Blocking route: the hash is slow) and redirects back with a code;
// GET /oauth/signin.css is the page's stylesheet.
//
// Until the client and redirect URI are known to be good, errors are an HTML
// page (400) and nothing is redirected; after that they go to the redirect
// URI with error, error_description, state and iss (RFC 6749 §4.1.2.1,
// RFC 9207). Failed sign-ins are throttled per user name and address with
// their own RateLimiter, apart from client authentication.
class AuthorizeEndpoints
{
    Q_DECLARE_TR_FUNCTIONS(AuthorizeEndpoints)

public:
    static constexpr QByteArrayView BrowserCookie = "appint_signin";

    AuthorizeEndpoints(const Tenant& tenant, AuthorizationSessions& sessions, RateLimiter& signInLimiter,
                       const Clock& clock, QString issuer, QString tenantName);
    void setUsers(const UserDirectory* users) { m_users = users; }

    void addRoutes(Router& router);

    // The redirect to `redirectUri` with these parameters (and iss) added to
    // its query.
    static QString redirectTarget(const QString& redirectUri, const QList<QPair<QString, QString>>& parameters);

private:
    HttpResponse authorize(const HttpRequest& request) const;
    HttpResponse signIn(const HttpRequest& request) const;

    HttpResponse errorPage(int status, const QString& text) const;
    HttpResponse redirectError(const AuthorizationSessions::Request& request, const QByteArray& error,
                               const QString& description) const;
    HttpResponse redirect(const QString& target, int status) const;
    static QString cookieValue(const HttpRequest& request);

    const Tenant& m_tenant;
    AuthorizationSessions& m_sessions;
    RateLimiter& m_limiter;
    const Clock& m_clock;
    const QString m_issuer;
    const QString m_tenantName;
    const UserDirectory* m_users = nullptr;
};

} // namespace appint
