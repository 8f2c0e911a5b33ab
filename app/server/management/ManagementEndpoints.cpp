#include "server/management/ManagementEndpoints.h"

#include "core/ClientQuery.h"
#include "core/Clock.h"
#include "server/http/FormData.h"
#include "server/http/JsonText.h"
#include "server/http/Router.h"
#include "server/management/OutcomeResponse.h"
#include "server/oauth/TokenService.h"
#include "server/tenant/Tenant.h"
#include "server/tenant/Users.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <limits>

using namespace Qt::StringLiterals;

namespace appint {

Q_LOGGING_CATEGORY(lcManagement, "appint.server.api", QtInfoMsg)

namespace {

constexpr auto Get = QHttpServerRequest::Method::Get;
constexpr auto Post = QHttpServerRequest::Method::Post;
constexpr auto Patch = QHttpServerRequest::Method::Patch;
constexpr auto Delete = QHttpServerRequest::Method::Delete;

const QByteArray BearerChallenge = "Bearer realm=\"appint\"";

HttpResponse unauthorized(const QString& detail, bool tokenGiven)
{
    HttpResponse response = HttpResponse::problem(401, detail);
    QByteArray challenge = BearerChallenge;
    if (tokenGiven) {
        challenge += ", error=\"invalid_token\"";
    }
    response.withHeader("WWW-Authenticate", challenge);
    return response;
}

bool audienceIncludes(const QJsonValue& audience, const QString& issuer)
{
    if (audience.isString()) {
        return audience.toString() == issuer;
    }
    const QJsonArray list = audience.toArray();
    return std::any_of(list.begin(), list.end(), [&](const QJsonValue& v) { return v.toString() == issuer; });
}

// Whether If-None-Match names `etag` (weak comparison, RFC 9110 13.1.2).
bool etagMatches(const QByteArray& ifNoneMatch, const QByteArray& etag)
{
    if (ifNoneMatch.trimmed() == "*") {
        return true;
    }
    const QByteArrayList tags = ifNoneMatch.split(',');
    for (QByteArray tag : tags) {
        tag = tag.trimmed();
        if (tag.startsWith("W/")) {
            tag = tag.mid(2);
        }
        if (!tag.isEmpty() && tag == etag) {
            return true;
        }
    }
    return false;
}

HttpResponse notModified(const QByteArray& etag)
{
    HttpResponse response;
    response.status = 304;
    response.withHeader("ETag", etag);
    return response;
}

QString percentEncoded(const QString& segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

} // namespace

ManagementEndpoints::ManagementEndpoints(Tenant& tenant, const TokenService& tokens, const Clock& clock,
                                         TenantInfo info)
    : m_tenant(tenant)
    , m_tokens(tokens)
    , m_clock(clock)
    , m_info(std::move(info))
{
}

void ManagementEndpoints::addRoutes(Router& router)
{
    const auto add = [&](const QString& pattern, QHttpServerRequest::Method method, Handler handler) {
        // Writes may wait for the store (up to Tenant::WriteWait), and the
        // audit log and "Show Secret" (which writes an audit record) touch
        // it: the HTTP edge runs those off the thread that answers reads and
        // grants, which are served from memory.
        const bool touchesStore
            = method != Get || pattern.endsWith(u"/secret"_s) || pattern.startsWith(u"/api/v1/audit/"_s);
        const auto execution = touchesStore ? Router::Execution::Blocking : Router::Execution::Inline;
        router.add(
            pattern, method, Router::Family::Management,
            [this, handler](const HttpRequest& request, const QStringList& arguments) {
                auto actor = authorize(request);
                HttpResponse response = std::holds_alternative<HttpResponse>(actor)
                    ? std::get<HttpResponse>(std::move(actor))
                    : (this->*handler)(request, arguments, std::get<QString>(actor));
                // Answers may carry a secret; none may be cached.
                response.withHeader("Cache-Control", "no-store");
                return response;
            },
            execution);
    };
    add(u"/api/v1/tenant"_s, Get, &ManagementEndpoints::tenantInfo);
    add(u"/api/v1/roles"_s, Get, &ManagementEndpoints::listRoles);
    add(u"/api/v1/roles"_s, Post, &ManagementEndpoints::createRole);
    add(u"/api/v1/roles/{role_id}"_s, Delete, &ManagementEndpoints::deleteRole);
    add(u"/api/v1/spaces"_s, Get, &ManagementEndpoints::listSpaces);
    add(u"/api/v1/spaces"_s, Post, &ManagementEndpoints::createSpace);
    add(u"/api/v1/spaces/{space_id}"_s, Delete, &ManagementEndpoints::deleteSpace);
    add(u"/api/v1/clients"_s, Get, &ManagementEndpoints::listClients);
    add(u"/api/v1/clients"_s, Post, &ManagementEndpoints::createClient);
    add(u"/api/v1/clients/{client_id}"_s, Get, &ManagementEndpoints::getClient);
    add(u"/api/v1/clients/{client_id}"_s, Patch, &ManagementEndpoints::patchClient);
    add(u"/api/v1/clients/{client_id}"_s, Delete, &ManagementEndpoints::deleteClient);
    add(u"/api/v1/clients/{client_id}/secret"_s, Get, &ManagementEndpoints::clientSecret);
    add(u"/api/v1/audit/activities"_s, Get, &ManagementEndpoints::auditActivities);
}

void ManagementEndpoints::addAdministratorRoute(Router& router, const QString& pattern,
                                                QHttpServerRequest::Method method, AdministratorHandler handler) const
{
    router.add(pattern, method, Router::Family::Management,
               [this, handler = std::move(handler)](const HttpRequest& request, const QStringList& arguments) {
                   auto actor = authorize(request);
                   HttpResponse response = std::holds_alternative<HttpResponse>(actor)
                       ? std::get<HttpResponse>(std::move(actor))
                       : handler(request, arguments, std::get<QString>(actor));
                   response.withHeader("Cache-Control", "no-store");
                   return response;
               });
}

std::variant<QString, HttpResponse> ManagementEndpoints::authorize(const HttpRequest& request) const
{
    const QByteArray authorization = request.header("Authorization").trimmed();
    if (authorization.isEmpty()) {
        return unauthorized(tr("Send the access token of an administrator as Authorization: Bearer <token>."), false);
    }
    if (authorization.size() < 7 || authorization.first(7).compare("bearer ", Qt::CaseInsensitive) != 0) {
        return unauthorized(tr("The management API takes a Bearer token; get one at the token endpoint."), false);
    }
    const QByteArray token = authorization.mid(7).trimmed();
    const auto verified = m_tokens.verify(token);
    if (!verified || !audienceIncludes(verified->claims.value(u"aud"_s), m_tokens.issuer())) {
        return unauthorized(tr("The access token is not valid for this tenant."), true);
    }
    if (!m_tokens.isActive(*verified)) {
        return unauthorized(tr("The access token has expired or been revoked, or its client has expired, renewed "
                               "its secret or been deleted."),
                            true);
    }
    const Tenant::Record client = m_tenant.record(verified->clientId);
    // api.md "Users": a user who holds DW_ADMINISTRATOR is an administrator
    // too; such a token's subject is the user name (not the client or its
    // technical user). TokenService::isActive has checked the user is active.
    const QString subject = verified->claims.value(u"sub"_s).toString();
    const bool userToken = client && m_tenant.isUserSubject(client->client.clientId, subject);
    if (userToken && m_tenant.isAdministratorUser(subject)) {
        return subject;
    }
    if (!client || userToken || !Tenant::isAdministrator(client->client)) {
        HttpResponse response = HttpResponse::problem(
            403,
            tr("Only administrators (technical users or users holding DW_ADMINISTRATOR) may use the management API."));
        response.withHeader("WWW-Authenticate", BearerChallenge + ", error=\"insufficient_scope\"");
        return response;
    }
    return verified->clientId;
}

std::variant<QJsonObject, HttpResponse> ManagementEndpoints::readObject(const HttpRequest& request,
                                                                        const QByteArrayList& mediaTypes)
{
    const QByteArray type = request.mediaType();
    const QByteArray charset = request.mediaTypeParameter("charset");
    if (!mediaTypes.contains(type) || (!charset.isEmpty() && charset != "utf-8")) {
        return HttpResponse::problem(
            415, tr("Send the body as %1 (UTF-8).").arg(QString::fromLatin1(mediaTypes.join(" or "))));
    }
    if (request.body.trimmed().isEmpty()) {
        return HttpResponse::problem(400, tr("The body is empty; send a JSON object."));
    }
    // Invalid UTF-8, lone surrogates and control characters in a string:
    // QJsonDocument would silently repair them, so they are caught here, on
    // the raw bytes, and named.
    if (auto invalid = JsonText::findInvalidText(request.body); invalid && !invalid->field.isEmpty()) {
        const QString field = invalid->field;
        return HttpResponse::problem(422, tr("The field %1 holds text that is not allowed.").arg(field),
                                     {std::move(*invalid)});
    }
    // RFC 8259 allows no raw control characters (Qt's parser lets some in).
    const bool control = std::any_of(request.body.cbegin(), request.body.cend(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r';
    });
    if (control) {
        return HttpResponse::problem(400, tr("The body is not valid JSON: it holds a raw control character."));
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError) {
        return HttpResponse::problem(
            400, tr("The body is not valid JSON: %1 at byte %2.").arg(error.errorString()).arg(error.offset));
    }
    if (!document.isObject()) {
        return HttpResponse::problem(400, tr("The body must be a JSON object."));
    }
    return document.object();
}

template <typename T>
HttpResponse ManagementEndpoints::failure(const Outcome<T>& outcome)
{
    return outcomeProblem(outcome);
}

HttpResponse ManagementEndpoints::tenantInfo(const HttpRequest&, const QStringList&, const QString&)
{
    return HttpResponse::json(m_info.toJson());
}

HttpResponse ManagementEndpoints::listRoles(const HttpRequest&, const QStringList&, const QString&)
{
    QJsonArray array;
    for (const Role& role : m_tenant.roles()) {
        array.append(role.toJson());
    }
    return HttpResponse::json(array);
}

HttpResponse ManagementEndpoints::createRole(const HttpRequest& request, const QStringList&, const QString& actor)
{
    auto body = readObject(request, {"application/json"});
    if (auto* error = std::get_if<HttpResponse>(&body)) {
        return *error;
    }
    const auto outcome = m_tenant.createRole(std::get<QJsonObject>(body), actor);
    if (!outcome.ok()) {
        return failure(outcome);
    }
    HttpResponse response = HttpResponse::json(outcome.value.toJson(), 201);
    response.withHeader("Location", "/api/v1/roles/" + percentEncoded(outcome.value.roleId).toLatin1());
    return response;
}

HttpResponse ManagementEndpoints::deleteRole(const HttpRequest&, const QStringList& arguments, const QString& actor)
{
    const auto outcome = m_tenant.deleteRole(arguments.value(0), actor);
    return outcome.ok() ? HttpResponse::noContent() : failure(outcome);
}

HttpResponse ManagementEndpoints::listSpaces(const HttpRequest&, const QStringList&, const QString&)
{
    QJsonArray array;
    for (const Space& space : m_tenant.spaces()) {
        array.append(space.toJson());
    }
    return HttpResponse::json(array);
}

HttpResponse ManagementEndpoints::createSpace(const HttpRequest& request, const QStringList&, const QString& actor)
{
    auto body = readObject(request, {"application/json"});
    if (auto* error = std::get_if<HttpResponse>(&body)) {
        return *error;
    }
    const auto outcome = m_tenant.createSpace(std::get<QJsonObject>(body), actor);
    if (!outcome.ok()) {
        return failure(outcome);
    }
    HttpResponse response = HttpResponse::json(outcome.value.toJson(), 201);
    response.withHeader("Location", "/api/v1/spaces/" + percentEncoded(outcome.value.spaceId).toLatin1());
    return response;
}

HttpResponse ManagementEndpoints::deleteSpace(const HttpRequest&, const QStringList& arguments, const QString& actor)
{
    const auto outcome = m_tenant.deleteSpace(arguments.value(0), actor);
    return outcome.ok() ? HttpResponse::noContent() : failure(outcome);
}

namespace {

// {"items":[...], <members of rest>}: each item is its client's cached JSON
// (StoredClient::jsonBytes), so a page costs a concatenation.
QByteArray itemsDocument(const QList<Tenant::Record>& records, qint64 now, const QJsonObject& rest)
{
    QList<QByteArray> items;
    items.reserve(records.size());
    qsizetype size = 0;
    for (const Tenant::Record& stored : records) {
        items.append(stored->jsonBytes(now));
        size += items.constLast().size() + 1;
    }
    const QByteArray tail = QJsonDocument(rest).toJson(QJsonDocument::Compact); // "{...}"
    QByteArray document;
    document.reserve(size + tail.size() + 16);
    document += "{\"items\":[";
    document += items.join(',');
    document += ']';
    if (tail.size() > 2) {
        document += ',';
    }
    document += QByteArrayView(tail).sliced(1);
    return document;
}

} // namespace

HttpResponse ManagementEndpoints::listClients(const HttpRequest& request, const QStringList&, const QString&)
{
    if (!FormData::parse(request.query.toUtf8())) {
        return HttpResponse::problem(400, tr("The query is malformed: check its percent-encoding and UTF-8."));
    }
    const ClientQuery::Parsed parsed = ClientQuery::fromQueryString(request.query);
    if (!parsed.errors.isEmpty()) {
        return HttpResponse::problem(400, tr("The query is not valid."), parsed.errors);
    }
    if (!parsed.query.changedSince.isEmpty()) {
        return listClientChanges(parsed.query);
    }
    const Tenant::Page page = m_tenant.listClients(parsed.query);
    if (etagMatches(request.header("If-None-Match"), page.etag)) {
        return notModified(page.etag);
    }
    HttpResponse response = HttpResponse::jsonBytes(
        itemsDocument(page.items, page.now, QJsonObject{{u"total"_s, page.total}, {u"revision"_s, page.revision}}));
    response.withHeader("ETag", page.etag);
    return response;
}

HttpResponse ManagementEndpoints::listClientChanges(const ClientQuery& query)
{
    const auto changes = m_tenant.clientChanges(query.changedSince, query.limit);
    if (!changes) {
        return HttpResponse::problem(410,
                                     tr("The revision in changed_since is not one this server can answer from "
                                        "(the server has restarted or the changes are too old); load the list "
                                        "again without changed_since."));
    }
    return HttpResponse::jsonBytes(
        itemsDocument(changes->items, m_clock.now(),
                      QJsonObject{{u"deleted"_s, QJsonArray::fromStringList(changes->deleted)},
                                  {u"total"_s, changes->total},
                                  {u"revision"_s, changes->revision},
                                  {u"more"_s, changes->more}}));
}

HttpResponse ManagementEndpoints::createClient(const HttpRequest& request, const QStringList&, const QString& actor)
{
    auto body = readObject(request, {"application/json"});
    if (auto* error = std::get_if<HttpResponse>(&body)) {
        return *error;
    }
    const auto outcome = m_tenant.createClient(std::get<QJsonObject>(body), actor);
    if (!outcome.ok()) {
        return failure(outcome);
    }
    QJsonObject json = outcome.value.client.toJson(m_clock.now());
    json.insert(u"client_secret"_s, outcome.value.secret);
    HttpResponse response = HttpResponse::json(json, 201);
    response.withHeader("Location", "/api/v1/clients/" + percentEncoded(outcome.value.client.clientId).toLatin1());
    return response;
}

HttpResponse ManagementEndpoints::getClient(const HttpRequest& request, const QStringList& arguments, const QString&)
{
    const auto client = m_tenant.client(arguments.value(0));
    if (!client) {
        return HttpResponse::problem(404, tr("There is no client %1.").arg(arguments.value(0).left(200)));
    }
    HttpResponse response = HttpResponse::json(client->toJson(m_clock.now()));
    const QByteArray etag = '"'
        + QCryptographicHash::hash(response.body, QCryptographicHash::Sha256)
              .first(15)
              .toBase64(QByteArray::Base64UrlEncoding)
        + '"';
    if (etagMatches(request.header("If-None-Match"), etag)) {
        return notModified(etag);
    }
    response.withHeader("ETag", etag);
    return response;
}

HttpResponse ManagementEndpoints::patchClient(const HttpRequest& request, const QStringList& arguments,
                                              const QString& actor)
{
    if (!m_tenant.record(arguments.value(0))) {
        return HttpResponse::problem(404, tr("There is no client %1.").arg(arguments.value(0).left(200)));
    }
    auto body = readObject(request, {"application/merge-patch+json", "application/json"});
    if (auto* error = std::get_if<HttpResponse>(&body)) {
        return *error;
    }
    const auto outcome = m_tenant.patchClient(arguments.value(0), std::get<QJsonObject>(body), actor);
    if (!outcome.ok()) {
        return failure(outcome);
    }
    QJsonObject json = outcome.value.client.toJson(m_clock.now());
    if (!outcome.value.secret.isEmpty()) {
        json.insert(u"client_secret"_s, outcome.value.secret);
    }
    return HttpResponse::json(json);
}

HttpResponse ManagementEndpoints::deleteClient(const HttpRequest&, const QStringList& arguments, const QString& actor)
{
    const auto outcome = m_tenant.deleteClient(arguments.value(0), actor);
    return outcome.ok() ? HttpResponse::noContent() : failure(outcome);
}

HttpResponse ManagementEndpoints::clientSecret(const HttpRequest&, const QStringList& arguments, const QString& actor)
{
    const auto outcome = m_tenant.showSecret(arguments.value(0), actor);
    if (!outcome.ok()) {
        return failure(outcome);
    }
    return HttpResponse::json(QJsonObject{{u"client_secret"_s, outcome.value}});
}

HttpResponse ManagementEndpoints::auditActivities(const HttpRequest& request, const QStringList&, const QString&)
{
    const auto params = FormData::parse(request.query.toUtf8());
    if (!params) {
        return HttpResponse::problem(400, tr("The query is malformed: check its percent-encoding and UTF-8."));
    }
    FieldErrors errors;
    const QStringList known{u"from"_s, u"to"_s, u"format"_s};
    for (const QString& name : params->repeatedNames()) {
        errors.append({name.left(100), tr("Give this parameter once.")});
    }
    qint64 from = 0;
    qint64 to = std::numeric_limits<qint64>::max();
    QString format = u"json"_s;
    const auto readTime = [&](const QString& name, qint64* out) {
        if (const auto text = params->value(name)) {
            bool ok = false;
            const qint64 value = text->toLongLong(&ok);
            if (!ok || value < 0 || text->startsWith(u'+')) {
                errors.append({name, tr("Must be a time in Unix seconds (a whole number of 0 or more).")});
            } else {
                *out = value;
            }
        }
    };
    readTime(u"from"_s, &from);
    readTime(u"to"_s, &to);
    if (const auto text = params->value(u"format"_s)) {
        if (*text != u"json"_s && *text != u"csv"_s) {
            errors.append({u"format"_s, tr("Use json or csv.")});
        }
        format = *text;
    }
    for (const QString& name : params->names()) {
        if (!known.contains(name)) {
            errors.append({name.left(100), tr("Unknown query parameter; use from, to and format.")});
        }
    }
    if (!errors.isEmpty()) {
        return HttpResponse::problem(400, tr("The query is not valid."), errors);
    }
    QString error;
    const auto records = m_tenant.audit(from, to, &error);
    if (!records) {
        qCWarning(lcManagement) << "cannot read the audit log:" << error;
        return HttpResponse::problem(500, tr("The audit log cannot be read."));
    }
    if (format == u"csv"_s) {
        HttpResponse response;
        response.contentType = "text/csv; charset=utf-8";
        response.body = AuditRecord::csvHeader();
        for (const AuditRecord& record : *records) {
            response.body += record.toCsvRow();
        }
        response.withHeader("Content-Disposition", "attachment; filename=\"audit-activities.csv\"");
        return response;
    }
    QJsonArray array;
    for (const AuditRecord& record : *records) {
        array.append(record.toJson());
    }
    return HttpResponse::json(array);
}

} // namespace appint
