#include "server/oauth/AuthorizeEndpoints.h"

#include "core/Clock.h"
#include "core/OAuthNames.h"
#include "server/http/Router.h"
#include "server/oauth/Pkce.h"
#include "server/oauth/RateLimiter.h"
#include "server/oauth/RedirectUriMatch.h"
#include "server/oauth/SignInPage.h"
#include "server/tenant/Tenant.h"

#include <QLoggingCategory>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace appint {

Q_LOGGING_CATEGORY(lcSignIn, "appint.server.oauth.signin", QtInfoMsg)

namespace {

constexpr qsizetype MaximumUserNameLength = 256;
constexpr qsizetype MaximumPasswordLength = 1024;

// A client that may use the authorization code flow now.
bool isUsableInteractive(const Tenant::Record& record, qint64 now)
{
    return record && record->client.purpose == Purpose::Interactive
        && record->client.grantTypes.contains(oauth::GrantAuthorizationCode) && !record->client.isExpiredAt(now)
        && !record->client.redirectUris.isEmpty();
}

} // namespace

AuthorizeEndpoints::AuthorizeEndpoints(const Tenant& tenant, AuthorizationSessions& sessions,
                                       RateLimiter& signInLimiter, const Clock& clock, QString issuer,
                                       QString tenantName)
    : m_tenant(tenant)
    , m_sessions(sessions)
    , m_limiter(signInLimiter)
    , m_clock(clock)
    , m_issuer(std::move(issuer))
    , m_tenantName(std::move(tenantName))
{
}

void AuthorizeEndpoints::addRoutes(Router& router)
{
    using Family = Router::Family;
    router.add(u"/oauth/authorize"_s, QHttpServerRequest::Method::Get, Family::OAuth,
               [this](const HttpRequest& request, const QStringList&) { return authorize(request); });
    // Checking a password costs a memory-hard hash: off the HTTP thread.
    router.add(
        u"/oauth/authorize"_s, QHttpServerRequest::Method::Post, Family::OAuth,
        [this](const HttpRequest& request, const QStringList&) { return signIn(request); },
        Router::Execution::Blocking);
    router.add(u"/oauth/signin.css"_s, QHttpServerRequest::Method::Get, Family::OAuth,
               [](const HttpRequest&, const QStringList&) { return SignInPage::stylesheet(); });
}

QString AuthorizeEndpoints::redirectTarget(const QString& redirectUri, const QList<QPair<QString, QString>>& parameters)
{
    QString target = redirectUri;
    QString separator
        = target.contains(u'?') ? (target.endsWith(u'?') || target.endsWith(u'&') ? u""_s : u"&"_s) : u"?"_s;
    for (const auto& [name, value] : parameters) {
        target += separator + name + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value));
        separator = u"&"_s;
    }
    return target;
}

QString AuthorizeEndpoints::cookieValue(const HttpRequest& request)
{
    const QByteArray prefix = BrowserCookie.toByteArray() + '=';
    for (const auto& [name, value] : request.headers) {
        if (name.compare("Cookie", Qt::CaseInsensitive) != 0) {
            continue;
        }
        for (const QByteArray& part : value.split(';')) {
            const QByteArray trimmed = part.trimmed();
            if (trimmed.startsWith(prefix)) {
                return QString::fromLatin1(trimmed.mid(prefix.size()));
            }
        }
    }
    return {};
}

HttpResponse AuthorizeEndpoints::errorPage(int status, const QString& text) const
{
    return SignInPage::message(status, m_tenantName, tr("Sign-in not possible"), text,
                               tr("Nothing was sent back to the application. Start the sign-in again from the "
                                  "application, or ask your administrator."));
}

HttpResponse AuthorizeEndpoints::redirect(const QString& target, int status) const
{
    HttpResponse response;
    response.status = status;
    response.withHeader("Location", target.toUtf8())
        .withHeader("Cache-Control", "no-store")
        .withHeader("Pragma", "no-cache")
        .withHeader("Referrer-Policy", "no-referrer");
    return response;
}

HttpResponse AuthorizeEndpoints::redirectError(const AuthorizationSessions::Request& request, const QByteArray& error,
                                               const QString& description) const
{
    QList<QPair<QString, QString>> parameters{
        {u"error"_s, QString::fromLatin1(error)},
        {u"error_description"_s, description},
    };
    if (request.state) {
        parameters.append({u"state"_s, *request.state});
    }
    parameters.append({u"iss"_s, m_issuer});
    return redirect(redirectTarget(request.redirectUri, parameters), 302);
}

HttpResponse AuthorizeEndpoints::authorize(const HttpRequest& request) const
{
    const auto parsed = FormData::parse(request.query.toUtf8());
    if (!parsed) {
        return errorPage(400, tr("The authorization request is malformed: check its percent-encoding and UTF-8."));
    }
    const FormData& query = *parsed;
    const QStringList repeated = query.repeatedNames();
    const auto clientId = query.value(u"client_id"_s);
    if (!clientId || repeated.contains(u"client_id"_s)) {
        return errorPage(400, tr("The authorization request must name the application once, in client_id."));
    }
    const qint64 now = m_clock.now();
    const Tenant::Record record = m_tenant.record(*clientId);
    if (!isUsableInteractive(record, now)) {
        return errorPage(400,
                         tr("The client ID %1 does not belong to an active Interactive Usage client of this "
                            "tenant.")
                             .arg(clientId->left(100)));
    }
    const Client& client = record->client;
    const QString registered = client.redirectUris.constFirst();
    AuthorizationSessions::Request authorization;
    authorization.clientId = client.clientId;
    const auto redirectUri = query.value(u"redirect_uri"_s);
    if (repeated.contains(u"redirect_uri"_s)) {
        return errorPage(400, tr("The authorization request names more than one redirect_uri."));
    }
    if (redirectUri) {
        if (!RedirectUriMatch::matches(registered, *redirectUri)) {
            return errorPage(400,
                             tr("The redirect_uri is not the one registered for this application, so the "
                                "sign-in cannot return to it."));
        }
        authorization.redirectUri = *redirectUri;
        authorization.redirectUriGiven = true;
    } else if (registered.endsWith(u"/**"_s)) {
        return errorPage(400,
                         tr("The authorization request has no redirect_uri, and this application's registered "
                            "one is a pattern: send redirect_uri."));
    } else {
        authorization.redirectUri = registered;
    }
    authorization.state = query.value(u"state"_s);

    // The client and redirect URI are good: errors go back to the application.
    if (!repeated.isEmpty()) {
        return redirectError(authorization, "invalid_request",
                             tr("Give each parameter once: %1.").arg(repeated.join(u", "_s).left(200)));
    }
    const auto responseType = query.value(u"response_type"_s);
    if (!responseType) {
        return redirectError(authorization, "invalid_request", tr("The response_type parameter is missing."));
    }
    if (*responseType != u"code"_s) {
        return redirectError(authorization, "unsupported_response_type",
                             tr("This server supports response_type=code only."));
    }
    const auto challenge = query.value(u"code_challenge"_s);
    if (!challenge) {
        return redirectError(authorization, "invalid_request",
                             tr("PKCE is required: send code_challenge and code_challenge_method=S256."));
    }
    const auto method = query.value(u"code_challenge_method"_s);
    if (!method || *method != u"S256"_s) {
        return redirectError(authorization, "invalid_request",
                             tr("The code_challenge_method must be S256; plain is not accepted."));
    }
    if (!Pkce::isValidChallenge(*challenge)) {
        return redirectError(authorization, "invalid_request",
                             tr("The code_challenge must be the base64url SHA-256 of the code verifier "
                                "(43 characters)."));
    }
    authorization.codeChallenge = *challenge;
    if (const auto scope = query.value(u"scope"_s)) {
        const QStringList asked = scope->split(u' ', Qt::SkipEmptyParts);
        const Roles roles = m_tenant.roles();
        for (const QString& value : asked) {
            if (!findRole(roles, value)) {
                return redirectError(authorization, "invalid_scope",
                                     tr("The scope \"%1\" is not a role of this tenant.").arg(value.left(100)));
            }
        }
        authorization.scope = asked.join(u' ');
    }
    if (query.value(u"prompt"_s) == u"none"_s) {
        return redirectError(authorization, "login_required", tr("The user must sign in on the sign-in page."));
    }

    const auto started = m_sessions.startSignIn(authorization, cookieValue(request), now);
    if (!started) {
        return errorPage(503, tr("Too many sign-ins are in progress. Try again in a few minutes."));
    }
    SignInPage::Form form;
    form.tenantName = m_tenantName;
    form.clientName = client.clientName;
    form.requestId = started->requestId;
    form.formToken = started->formToken;
    HttpResponse response = SignInPage::form(form);
    response.withHeader("Set-Cookie",
                        BrowserCookie.toByteArray() + '=' + started->browserKey.toLatin1()
                            + "; Path=/; Max-Age=" + QByteArray::number(AuthorizationSessions::SignInLifetime)
                            + "; HttpOnly; SameSite=Strict");
    return response;
}

HttpResponse AuthorizeEndpoints::signIn(const HttpRequest& request) const
{
    if (request.mediaType() != "application/x-www-form-urlencoded") {
        return errorPage(400, tr("The sign-in form must be sent as application/x-www-form-urlencoded."));
    }
    const auto parsed = FormData::parse(request.body);
    if (!parsed || !parsed->repeatedNames().isEmpty()) {
        return errorPage(400, tr("The sign-in form is malformed."));
    }
    const FormData& form = *parsed;
    const qint64 now = m_clock.now();
    const QString requestId = form.value(u"request_id"_s).value_or(QString());
    const auto pending = m_sessions.pendingSignIn(requestId, form.value(u"form_token"_s).value_or(QString()),
                                                  cookieValue(request), now);
    if (!pending) {
        return errorPage(400,
                         tr("This sign-in form has expired or was not opened in this browser. Go back to the "
                            "application and start the sign-in again."));
    }
    const Tenant::Record record = m_tenant.record(pending->clientId);
    if (!isUsableInteractive(record, now)) {
        m_sessions.finishSignIn(requestId);
        return errorPage(400, tr("The application's client has expired or been deleted meanwhile."));
    }
    if (const qint64 wait = m_limiter.retryAfter(request.remoteAddress, now); wait > 0) {
        HttpResponse response = SignInPage::message(
            429, m_tenantName, tr("Too many failed sign-ins"),
            tr("There were too many failed sign-ins from your network address. Try again in %n second(s).", nullptr,
               int(wait)));
        response.withHeader("Retry-After", QByteArray::number(wait));
        return response;
    }

    SignInPage::Form page;
    page.tenantName = m_tenantName;
    page.clientName = record->client.clientName;
    page.requestId = requestId;
    page.formToken = form.value(u"form_token"_s).value_or(QString());
    const QString userName = form.value(u"user_name"_s).value_or(QString()).trimmed();
    const QString password = form.value(u"password"_s).value_or(QString());
    page.userName = userName.left(MaximumUserNameLength);
    if (userName.isEmpty() || password.isEmpty()) {
        page.message = tr("Enter your user name and your password.");
        return SignInPage::form(page);
    }
    SignInUser user;
    UserDirectory::PasswordCheck check = UserDirectory::PasswordCheck::Wrong;
    if (m_users && userName.size() <= MaximumUserNameLength && password.size() <= MaximumPasswordLength) {
        check = m_users->checkPassword(userName, password, &user);
    }
    switch (check) {
    case UserDirectory::PasswordCheck::Wrong:
        m_limiter.recordFailure(request.remoteAddress, userName.toUpper().left(MaximumUserNameLength), now);
        // Not the name typed: people type passwords into the wrong field.
        qCInfo(lcSignIn).noquote() << "failed sign-in from" << request.remoteAddress.toString();
        page.message = tr("The user name or password is wrong.");
        return SignInPage::form(page);
    case UserDirectory::PasswordCheck::Disabled:
        qCInfo(lcSignIn).noquote() << "sign-in of deactivated user" << user.userName << "refused";
        page.message = tr("This user is deactivated and cannot sign in. Ask your administrator to activate it.");
        return SignInPage::form(page);
    case UserDirectory::PasswordCheck::Ok:
        break;
    }
    m_sessions.finishSignIn(requestId);
    const QString code = m_sessions.issueCode(*pending, user, now);
    if (code.isEmpty()) {
        return errorPage(503, tr("Too many sign-ins are in progress. Try again in a few minutes."));
    }
    qCInfo(lcSignIn).noquote() << "user" << user.userName << "signed in for client" << pending->clientId;
    QList<QPair<QString, QString>> parameters{{u"code"_s, code}};
    if (pending->state) {
        parameters.append({u"state"_s, *pending->state});
    }
    parameters.append({u"iss"_s, m_issuer});
    return redirect(redirectTarget(pending->redirectUri, parameters), 303);
}

} // namespace appint
