#include "server/scim/ScimEndpoints.h"

#include "core/OAuthNames.h"
#include "server/http/FormData.h"
#include "server/http/Router.h"
#include "server/oauth/TokenService.h"
#include "server/scim/ScimFilter.h"
#include "server/scim/ScimUserCodec.h"
#include "server/tenant/Tenant.h"
#include "server/tenant/Users.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

constexpr auto Get = QHttpServerRequest::Method::Get;
constexpr auto Post = QHttpServerRequest::Method::Post;
constexpr auto Put = QHttpServerRequest::Method::Put;
constexpr auto Patch = QHttpServerRequest::Method::Patch;
constexpr auto Delete = QHttpServerRequest::Method::Delete;

const QByteArray ScimMediaType = "application/scim+json; charset=utf-8";
const QByteArray BearerChallenge = "Bearer realm=\"appint\"";

HttpResponse scimJson(const QJsonObject& object, int status = 200)
{
    HttpResponse response;
    response.status = status;
    response.contentType = ScimMediaType;
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse unauthorized(const QString& detail, bool tokenGiven)
{
    HttpResponse response = HttpResponse::scimError(401, detail);
    response.withHeader("WWW-Authenticate",
                        tokenGiven ? BearerChallenge + ", error=\"invalid_token\"" : BearerChallenge);
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

QJsonObject listResponse(const QJsonArray& resources, qsizetype total, qsizetype startIndex)
{
    return QJsonObject{
        {u"schemas"_s, QJsonArray{scim::SchemaListResponse}},
        {u"totalResults"_s, total},
        {u"startIndex"_s, startIndex},
        {u"itemsPerPage"_s, resources.size()},
        {u"Resources"_s, resources},
    };
}

QJsonObject attribute(const QString& name, const QString& type, const QString& description, bool required = false,
                      const QString& mutability = u"readWrite"_s, const QString& returned = u"default"_s,
                      bool multiValued = false, const QJsonArray& subAttributes = {})
{
    QJsonObject object{
        {u"name"_s, name},
        {u"type"_s, type},
        {u"multiValued"_s, multiValued},
        {u"description"_s, description},
        {u"required"_s, required},
        {u"mutability"_s, mutability},
        {u"returned"_s, returned},
    };
    if (type == u"string"_s) {
        object.insert(u"caseExact"_s, false);
        object.insert(u"uniqueness"_s, name == u"userName"_s ? u"server"_s : u"none"_s);
    }
    if (!subAttributes.isEmpty()) {
        object.insert(u"subAttributes"_s, subAttributes);
    }
    return object;
}

} // namespace

ScimEndpoints::ScimEndpoints(Tenant& tenant, const TokenService& tokens, QString issuer)
    : m_tenant(tenant)
    , m_tokens(tokens)
    , m_issuer(std::move(issuer))
{
}

void ScimEndpoints::addRoutes(Router& router)
{
    const auto add
        = [&](const QString& pattern, QHttpServerRequest::Method method, Handler handler, Router::Execution execution) {
              router.add(
                  pattern, method, Router::Family::Scim,
                  [this, handler](const HttpRequest& request, const QStringList& arguments) {
                      auto actor = authorize(request);
                      HttpResponse response = std::holds_alternative<HttpResponse>(actor)
                          ? std::get<HttpResponse>(std::move(actor))
                          : (this->*handler)(request, arguments, std::get<QString>(actor));
                      response.withHeader("Cache-Control", "no-store");
                      return response;
                  },
                  execution);
          };
    using E = Router::Execution;
    add(u"/scim/v2/Users"_s, Get, &ScimEndpoints::listUsers, E::Inline);
    add(u"/scim/v2/Users"_s, Post, &ScimEndpoints::createUser, E::Blocking);
    add(u"/scim/v2/Users/{id}"_s, Get, &ScimEndpoints::getUser, E::Inline);
    add(u"/scim/v2/Users/{id}"_s, Put, &ScimEndpoints::replaceUser, E::Blocking);
    add(u"/scim/v2/Users/{id}"_s, Patch, &ScimEndpoints::patchUser, E::Blocking);
    add(u"/scim/v2/Users/{id}"_s, Delete, &ScimEndpoints::deleteUser, E::Blocking);

    // Discovery: no token (RFC 7644 §4 leaves it to the provider; api.md says none).
    const auto document = [&](const QString& pattern, std::function<HttpResponse(const QStringList&)> answer) {
        router.add(pattern, Get, Router::Family::Scim,
                   [answer](const HttpRequest&, const QStringList& arguments) { return answer(arguments); });
    };
    document(u"/scim/v2/ServiceProviderConfig"_s,
             [this](const QStringList&) { return scimJson(serviceProviderConfig()); });
    document(u"/scim/v2/ResourceTypes"_s, [this](const QStringList&) { return scimJson(resourceTypes()); });
    document(u"/scim/v2/ResourceTypes/{id}"_s, [this](const QStringList& arguments) {
        for (const QJsonValue& type : resourceTypes().value(u"Resources"_s).toArray()) {
            if (type.toObject().value(u"id"_s).toString() == arguments.value(0)) {
                return scimJson(type.toObject());
            }
        }
        return HttpResponse::scimError(404, tr("There is no resource type %1.").arg(arguments.value(0).left(100)));
    });
    document(u"/scim/v2/Schemas"_s, [this](const QStringList&) { return scimJson(schemas()); });
    document(u"/scim/v2/Schemas/{id}"_s, [this](const QStringList& arguments) {
        for (const QJsonValue& schema : schemas().value(u"Resources"_s).toArray()) {
            if (schema.toObject().value(u"id"_s).toString() == arguments.value(0)) {
                return scimJson(schema.toObject());
            }
        }
        return HttpResponse::scimError(404, tr("There is no schema %1.").arg(arguments.value(0).left(200)));
    });
}

std::variant<QString, HttpResponse> ScimEndpoints::authorize(const HttpRequest& request) const
{
    const QByteArray authorization = request.header("Authorization").trimmed();
    if (authorization.isEmpty()) {
        return unauthorized(tr("Send an access token as Authorization: Bearer <token>."), false);
    }
    if (authorization.size() < 7 || authorization.first(7).compare("bearer ", Qt::CaseInsensitive) != 0) {
        return unauthorized(tr("SCIM takes a Bearer token; get one at the token endpoint."), false);
    }
    const auto verified = m_tokens.verify(authorization.mid(7).trimmed());
    if (!verified || !audienceIncludes(verified->claims.value(u"aud"_s), m_tokens.issuer())) {
        return unauthorized(tr("The access token is not valid for this tenant."), true);
    }
    if (!m_tokens.isActive(*verified)) {
        return unauthorized(tr("The access token has expired or been revoked, or its client or user has expired, "
                               "been deactivated or been deleted."),
                            true);
    }
    const Tenant::Record record = m_tenant.record(verified->clientId);
    if (!record) {
        return unauthorized(tr("The access token's client no longer exists."), true);
    }
    const Client& client = record->client;
    const QString subject = verified->claims.value(u"sub"_s).toString();
    // A token acts for a user when its subject is neither the client nor its
    // technical user (authorization code, refresh and SAML bearer grants);
    // TokenService::isActive has checked that user is still active.
    const bool userToken = m_tenant.isUserSubject(client.clientId, subject);
    if (!userToken && Tenant::isAdministrator(client)) {
        return client.clientId;
    }
    if (client.purpose == Purpose::Api && client.access.contains(oauth::AccessUserProvisioning)) {
        // A token asked for with a narrower scope grants only that scope.
        const QJsonValue scope = verified->claims.value(u"scope"_s);
        if (scope.isUndefined()
            || scope.toString().split(u' ', Qt::SkipEmptyParts).contains(oauth::AccessUserProvisioning)) {
            return client.clientId;
        }
    }
    if (userToken && m_tenant.isAdministratorUser(subject)) {
        return subject;
    }
    HttpResponse response = HttpResponse::scimError(
        403, tr("Only administrators and API Access clients with User Provisioning may use SCIM."));
    response.withHeader("WWW-Authenticate", BearerChallenge + ", error=\"insufficient_scope\"");
    return response;
}

std::variant<QJsonObject, HttpResponse> ScimEndpoints::readObject(const HttpRequest& request)
{
    const QByteArray type = request.mediaType();
    const QByteArray charset = request.mediaTypeParameter("charset");
    if ((type != "application/scim+json" && type != "application/json") || (!charset.isEmpty() && charset != "utf-8")) {
        return HttpResponse::scimError(415, tr("Send the body as application/scim+json (or application/json), UTF-8."));
    }
    const bool control = std::any_of(request.body.cbegin(), request.body.cend(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r';
    });
    if (control) {
        return HttpResponse::scimError(400, tr("The body is not valid JSON: it holds a raw control character."),
                                       u"invalidSyntax"_s);
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError) {
        return HttpResponse::scimError(
            400, tr("The body is not valid JSON: %1 at byte %2.").arg(error.errorString()).arg(error.offset),
            u"invalidSyntax"_s);
    }
    if (!document.isObject()) {
        return HttpResponse::scimError(400, tr("The body must be a JSON object."), u"invalidSyntax"_s);
    }
    return document.object();
}

std::variant<std::optional<qint64>, HttpResponse> ScimEndpoints::ifMatch(const HttpRequest& request)
{
    QByteArray value = request.header("If-Match").trimmed();
    if (value.isEmpty() || value == "*") {
        return std::optional<qint64>();
    }
    if (value.startsWith("W/")) {
        value = value.mid(2);
    }
    bool ok = false;
    const qint64 version = value.startsWith('"') && value.endsWith('"') && value.size() > 2
        ? value.mid(1, value.size() - 2).toLongLong(&ok)
        : 0;
    if (!ok) {
        // An entity tag this server never made matches nothing.
        return HttpResponse::scimError(412, tr("If-Match does not name a version of this user."));
    }
    return std::optional<qint64>(version);
}

template <typename T>
HttpResponse ScimEndpoints::failure(const Outcome<T>& outcome)
{
    switch (outcome.status) {
    case OutcomeStatus::Invalid:
        return HttpResponse::scimError(400, outcome.detail, outcome.code.isEmpty() ? u"invalidValue"_s : outcome.code);
    case OutcomeStatus::NotFound:
        return HttpResponse::scimError(404, outcome.detail);
    case OutcomeStatus::Forbidden:
        return HttpResponse::scimError(403, outcome.detail);
    case OutcomeStatus::Conflict:
        return HttpResponse::scimError(409, outcome.detail, outcome.code.isEmpty() ? u"uniqueness"_s : outcome.code);
    case OutcomeStatus::PreconditionFailed:
        return HttpResponse::scimError(412, outcome.detail);
    case OutcomeStatus::Unavailable: {
        HttpResponse response = HttpResponse::scimError(503, outcome.detail);
        response.withHeader("Retry-After", QByteArray::number(std::max<qint64>(1, outcome.retryAfter)));
        return response;
    }
    case OutcomeStatus::InsufficientStorage:
        return HttpResponse::scimError(507, outcome.detail);
    case OutcomeStatus::Failed:
    case OutcomeStatus::Ok:
        break;
    }
    return HttpResponse::scimError(500, outcome.detail);
}

QString ScimEndpoints::location(const QString& id) const
{
    return m_issuer + u"/scim/v2/Users/"_s + QString::fromLatin1(QUrl::toPercentEncoding(id));
}

HttpResponse ScimEndpoints::userResponse(const TenantUser& user, int status) const
{
    HttpResponse response = scimJson(ScimUserCodec::toJson(user, location(user.id)), status);
    response.withHeader("ETag", user.etag().toLatin1());
    if (status == 201) {
        response.withHeader("Location", location(user.id).toUtf8());
    }
    return response;
}

HttpResponse ScimEndpoints::listUsers(const HttpRequest& request, const QStringList&, const QString&)
{
    const auto params = FormData::parse(request.query.toUtf8());
    if (!params) {
        return HttpResponse::scimError(400, tr("The query is malformed: check its percent-encoding and UTF-8."),
                                       u"invalidValue"_s);
    }
    std::optional<ScimFilter> filter;
    if (const auto text = params->value(u"filter"_s)) {
        QString error;
        filter = ScimFilter::parse(*text, &error);
        if (!filter) {
            return HttpResponse::scimError(400, error, u"invalidFilter"_s);
        }
    }
    const auto readNumber = [&](const QString& name, qint64 fallback, qint64* out) {
        const auto text = params->value(name);
        if (!text) {
            *out = fallback;
            return true;
        }
        bool ok = false;
        *out = text->toLongLong(&ok);
        return ok;
    };
    qint64 startIndex = 1;
    qint64 count = DefaultCount;
    if (!readNumber(u"startIndex"_s, 1, &startIndex)) {
        return HttpResponse::scimError(400, tr("startIndex must be a whole number."), u"invalidValue"_s);
    }
    if (!readNumber(u"count"_s, DefaultCount, &count)) {
        return HttpResponse::scimError(400, tr("count must be a whole number."), u"invalidValue"_s);
    }
    // RFC 7644 §3.4.2.4: a startIndex below 1 is 1, a negative count is 0.
    startIndex = std::max<qint64>(startIndex, 1);
    count = std::clamp<qint64>(count, 0, MaximumCount);

    QJsonArray resources;
    qsizetype total = 0;
    for (const UserRecord& user : m_tenant.users().list()) {
        if (filter && !filter->matches(*user)) {
            continue;
        }
        ++total;
        if (total >= startIndex && resources.size() < count) {
            resources.append(ScimUserCodec::toJson(*user, location(user->id)));
        }
    }
    return scimJson(listResponse(resources, total, qsizetype(startIndex)));
}

HttpResponse ScimEndpoints::createUser(const HttpRequest& request, const QStringList&, const QString& actor)
{
    auto body = readObject(request);
    if (auto* error = std::get_if<HttpResponse>(&body)) {
        return *error;
    }
    auto parsed = ScimUserCodec::fromJson(std::get<QJsonObject>(body));
    if (const auto* bad = std::get_if<ScimUserCodec::Failure>(&parsed)) {
        return HttpResponse::scimError(bad->status, bad->detail, bad->scimType);
    }
    const auto& resource = std::get<ScimUserCodec::Resource>(parsed);
    const auto outcome = m_tenant.users().create(resource.fields, resource.password, actor);
    if (!outcome.ok()) {
        return failure(outcome);
    }
    return userResponse(*outcome.value, 201);
}

HttpResponse ScimEndpoints::getUser(const HttpRequest&, const QStringList& arguments, const QString&)
{
    const UserRecord user = m_tenant.users().userById(arguments.value(0));
    if (!user) {
        return HttpResponse::scimError(404, tr("There is no user %1.").arg(arguments.value(0).left(100)));
    }
    return userResponse(*user, 200);
}

HttpResponse ScimEndpoints::replaceUser(const HttpRequest& request, const QStringList& arguments, const QString& actor)
{
    const QString id = arguments.value(0);
    if (!m_tenant.users().userById(id)) {
        return HttpResponse::scimError(404, tr("There is no user %1.").arg(id.left(100)));
    }
    auto body = readObject(request);
    if (auto* error = std::get_if<HttpResponse>(&body)) {
        return *error;
    }
    const auto version = ifMatch(request);
    if (const auto* error = std::get_if<HttpResponse>(&version)) {
        return *error;
    }
    auto parsed = ScimUserCodec::fromJson(std::get<QJsonObject>(body));
    if (const auto* bad = std::get_if<ScimUserCodec::Failure>(&parsed)) {
        return HttpResponse::scimError(bad->status, bad->detail, bad->scimType);
    }
    const auto& resource = std::get<ScimUserCodec::Resource>(parsed);
    // PUT replaces every attribute; the write-only password stays unless sent.
    const TenantUser fields = resource.fields;
    const auto outcome = m_tenant.users().update(
        id, [fields](const TenantUser&) { return Outcome<TenantUser>::success(fields); }, resource.password, actor,
        std::get<std::optional<qint64>>(version));
    if (!outcome.ok()) {
        return failure(outcome);
    }
    return userResponse(*outcome.value, 200);
}

HttpResponse ScimEndpoints::patchUser(const HttpRequest& request, const QStringList& arguments, const QString& actor)
{
    const QString id = arguments.value(0);
    if (!m_tenant.users().userById(id)) {
        return HttpResponse::scimError(404, tr("There is no user %1.").arg(id.left(100)));
    }
    auto body = readObject(request);
    if (auto* error = std::get_if<HttpResponse>(&body)) {
        return *error;
    }
    const auto version = ifMatch(request);
    if (const auto* error = std::get_if<HttpResponse>(&version)) {
        return *error;
    }
    auto parsed = ScimUserCodec::parsePatch(std::get<QJsonObject>(body));
    if (const auto* bad = std::get_if<ScimUserCodec::Failure>(&parsed)) {
        return HttpResponse::scimError(bad->status, bad->detail, bad->scimType);
    }
    const ScimUserCodec::Patch patch = std::get<ScimUserCodec::Patch>(parsed);
    const auto outcome = m_tenant.users().update(
        id, [patch](const TenantUser& current) { return ScimUserCodec::apply(patch, current); }, patch.password, actor,
        std::get<std::optional<qint64>>(version));
    if (!outcome.ok()) {
        return failure(outcome);
    }
    return userResponse(*outcome.value, 200);
}

HttpResponse ScimEndpoints::deleteUser(const HttpRequest& request, const QStringList& arguments, const QString& actor)
{
    const auto version = ifMatch(request);
    if (const auto* error = std::get_if<HttpResponse>(&version)) {
        return *error;
    }
    const auto outcome = m_tenant.users().remove(arguments.value(0), actor, std::get<std::optional<qint64>>(version));
    return outcome.ok() ? HttpResponse::noContent() : failure(outcome);
}

// --- Discovery

QJsonObject ScimEndpoints::serviceProviderConfig() const
{
    return QJsonObject{
        {u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"_s}},
        {u"patch"_s, QJsonObject{{u"supported"_s, true}}},
        {u"bulk"_s, QJsonObject{{u"supported"_s, false}, {u"maxOperations"_s, 0}, {u"maxPayloadSize"_s, 0}}},
        {u"filter"_s, QJsonObject{{u"supported"_s, true}, {u"maxResults"_s, MaximumCount}}},
        {u"changePassword"_s, QJsonObject{{u"supported"_s, true}}},
        {u"sort"_s, QJsonObject{{u"supported"_s, false}}},
        {u"etag"_s, QJsonObject{{u"supported"_s, true}}},
        {u"authenticationSchemes"_s,
         QJsonArray{QJsonObject{
             {u"type"_s, u"oauthbearertoken"_s},
             {u"name"_s, u"OAuth Bearer Token"_s},
             {u"description"_s,
              u"An access token from this tenant's token endpoint, of an administrator or of an "
              "API Access client with user_provisioning."_s},
             {u"specUri"_s, u"https://www.rfc-editor.org/info/rfc6750"_s},
             {u"primary"_s, true},
         }}},
        {u"meta"_s,
         QJsonObject{{u"resourceType"_s, u"ServiceProviderConfig"_s},
                     {u"location"_s, QString(m_issuer + u"/scim/v2/ServiceProviderConfig"_s)}}},
    };
}

QJsonObject ScimEndpoints::resourceTypes() const
{
    const QJsonObject user{
        {u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:schemas:core:2.0:ResourceType"_s}},
        {u"id"_s, u"User"_s},
        {u"name"_s, u"User"_s},
        {u"endpoint"_s, u"/Users"_s},
        {u"description"_s, u"A person of the tenant"_s},
        {u"schema"_s, scim::SchemaUser},
        {u"schemaExtensions"_s, QJsonArray{QJsonObject{{u"schema"_s, scim::SchemaRoles}, {u"required"_s, false}}}},
        {u"meta"_s,
         QJsonObject{{u"resourceType"_s, u"ResourceType"_s},
                     {u"location"_s, QString(m_issuer + u"/scim/v2/ResourceTypes/User"_s)}}},
    };
    return listResponse(QJsonArray{user}, 1, 1);
}

QJsonObject ScimEndpoints::schemas() const
{
    const QJsonArray nameParts{
        attribute(u"givenName"_s, u"string"_s, u"Given name"_s),
        attribute(u"familyName"_s, u"string"_s, u"Family name"_s),
    };
    const QJsonArray emailParts{
        attribute(u"value"_s, u"string"_s, u"The e-mail address"_s),
        attribute(u"primary"_s, u"boolean"_s, u"The preferred address (at most one)"_s),
    };
    const QJsonObject user{
        {u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:schemas:core:2.0:Schema"_s}},
        {u"id"_s, scim::SchemaUser},
        {u"name"_s, u"User"_s},
        {u"description"_s, u"Tenant user"_s},
        {u"attributes"_s,
         QJsonArray{
             attribute(u"userName"_s, u"string"_s,
                       u"1 to 20 of A-Z, 0-9 and _; unique across users and technical users"_s, true),
             attribute(u"name"_s, u"complex"_s, u"The user's name"_s, false, u"readWrite"_s, u"default"_s, false,
                       nameParts),
             attribute(u"displayName"_s, u"string"_s, u"Name shown to people"_s),
             attribute(u"emails"_s, u"complex"_s, u"E-mail addresses"_s, false, u"readWrite"_s, u"default"_s, true,
                       emailParts),
             attribute(u"active"_s, u"boolean"_s, u"Whether the user may sign in (default true)"_s),
             attribute(u"password"_s, u"string"_s, u"At least 12 characters; write-only"_s, false, u"writeOnly"_s,
                       u"never"_s),
         }},
        {u"meta"_s,
         QJsonObject{{u"resourceType"_s, u"Schema"_s},
                     {u"location"_s, QString(m_issuer + u"/scim/v2/Schemas/"_s + scim::SchemaUser)}}},
    };
    const QJsonArray roleParts{
        attribute(u"role_id"_s, u"string"_s, u"A role of the tenant (GET /api/v1/roles)"_s, true),
        attribute(u"spaces"_s, u"string"_s, u"For a scoped role: a non-empty subset of its spaces"_s, false,
                  u"readWrite"_s, u"default"_s, true),
    };
    const QJsonObject roles{
        {u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:schemas:core:2.0:Schema"_s}},
        {u"id"_s, scim::SchemaRoles},
        {u"name"_s, u"Roles"_s},
        {u"description"_s, u"The tenant roles a user holds, with the item rules of a technical user's roles"_s},
        {u"attributes"_s,
         QJsonArray{attribute(u"roles"_s, u"complex"_s, u"Roles held (may be none)"_s, false, u"readWrite"_s,
                              u"default"_s, true, roleParts)}},
        {u"meta"_s,
         QJsonObject{{u"resourceType"_s, u"Schema"_s},
                     {u"location"_s, QString(m_issuer + u"/scim/v2/Schemas/"_s + scim::SchemaRoles)}}},
    };
    return listResponse(QJsonArray{user, roles}, 2, 1);
}

} // namespace appint
