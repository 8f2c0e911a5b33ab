#include "server/management/IdentityProviderEndpoints.h"

#include "core/Clock.h"
#include "server/http/Router.h"
#include "server/management/ManagementEndpoints.h"
#include "server/management/OutcomeResponse.h"
#include "server/tenant/IdentityProviders.h"

#include <QJsonArray>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

constexpr auto Get = QHttpServerRequest::Method::Get;
constexpr auto Post = QHttpServerRequest::Method::Post;
constexpr auto Delete = QHttpServerRequest::Method::Delete;

template <typename T>
HttpResponse failure(const Outcome<T>& outcome)
{
    return outcomeProblem(outcome);
}

} // namespace

IdentityProviderEndpoints::IdentityProviderEndpoints(IdentityProviders& providers, const Clock& clock)
    : m_providers(providers)
    , m_clock(clock)
{
}

void IdentityProviderEndpoints::addRoutes(Router& router, const ManagementEndpoints& management)
{
    const QString collection = u"/api/v1/identity-providers"_s;
    const QString item = u"/api/v1/identity-providers/{idp_id}"_s;
    management.addAdministratorRoute(
        router, collection, Get, [this](const auto& r, const auto& a, const auto& actor) { return list(r, a, actor); });
    management.addAdministratorRoute(router, collection, Post, [this](const auto& r, const auto& a, const auto& actor) {
        return create(r, a, actor);
    });
    management.addAdministratorRoute(
        router, item, Get, [this](const auto& r, const auto& a, const auto& actor) { return get(r, a, actor); });
    management.addAdministratorRoute(
        router, item, Delete, [this](const auto& r, const auto& a, const auto& actor) { return remove(r, a, actor); });
}

HttpResponse IdentityProviderEndpoints::list(const HttpRequest&, const QStringList&, const QString&) const
{
    const qint64 now = m_clock.now();
    QJsonArray array;
    for (const auto& idp : m_providers.list()) {
        array.append(idp->toJson(now));
    }
    return HttpResponse::json(array);
}

HttpResponse IdentityProviderEndpoints::create(const HttpRequest& request, const QStringList&, const QString& actor)
{
    Outcome<IdentityProvider> outcome;
    if (request.mediaType() == "application/samlmetadata+xml") {
        if (request.body.trimmed().isEmpty()) {
            return HttpResponse::problem(400, tr("The body is empty; send the identity provider's SAML metadata."));
        }
        outcome = m_providers.createFromMetadata(request.body, actor);
    } else {
        auto body = ManagementEndpoints::readObject(request, {"application/json", "application/samlmetadata+xml"});
        if (auto* error = std::get_if<HttpResponse>(&body)) {
            return *error;
        }
        outcome = m_providers.createFromJson(std::get<QJsonObject>(body), actor);
    }
    if (!outcome.ok()) {
        return failure(outcome);
    }
    HttpResponse response = HttpResponse::json(outcome.value.toJson(m_clock.now()), 201);
    response.withHeader("Location", "/api/v1/identity-providers/" + QUrl::toPercentEncoding(outcome.value.idpId));
    return response;
}

HttpResponse IdentityProviderEndpoints::get(const HttpRequest&, const QStringList& arguments, const QString&) const
{
    const auto idp = m_providers.find(arguments.value(0));
    if (!idp) {
        return HttpResponse::problem(404, tr("There is no identity provider %1.").arg(arguments.value(0).left(200)));
    }
    return HttpResponse::json(idp->toJson(m_clock.now()));
}

HttpResponse IdentityProviderEndpoints::remove(const HttpRequest&, const QStringList& arguments, const QString& actor)
{
    const auto outcome = m_providers.remove(arguments.value(0), actor);
    return outcome.ok() ? HttpResponse::noContent() : failure(outcome);
}

} // namespace appint
