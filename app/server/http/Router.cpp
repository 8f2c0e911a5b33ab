#include "server/http/Router.h"

using namespace Qt::StringLiterals;

namespace appint {

namespace {
bool isParameter(const QString& segment)
{
    return segment.startsWith(u'{') && segment.endsWith(u'}');
}
} // namespace

void Router::add(const QString& pattern, QHttpServerRequest::Method method, Family family, Handler handler,
                 Execution execution)
{
    for (Route& route : m_routes) {
        if (route.pattern == pattern) {
            route.handlers.append({method, std::move(handler), execution});
            return;
        }
    }
    Route route;
    route.pattern = pattern;
    route.segments = pattern.mid(1).split(u'/');
    route.family = family;
    route.handlers.append({method, std::move(handler), execution});
    m_routes.append(std::move(route));
}

const Router::Route* Router::match(const HttpRequest& request, QStringList* arguments) const
{
    if (!request.pathValid) {
        return nullptr;
    }
    for (const Route& route : m_routes) {
        if (route.segments.size() != request.segments.size()) {
            continue;
        }
        QStringList values;
        bool matches = true;
        for (qsizetype i = 0; i < route.segments.size() && matches; ++i) {
            const QString& expected = route.segments.at(i);
            const QString& actual = request.segments.at(i);
            if (isParameter(expected)) {
                matches = !actual.isEmpty();
                values.append(actual);
            } else {
                matches = expected == actual;
            }
        }
        if (matches) {
            *arguments = values;
            return &route;
        }
    }
    return nullptr;
}

HttpResponse Router::handle(const HttpRequest& request) const
{
    QStringList arguments;
    const Route* route = match(request, &arguments);
    if (!route) {
        const QString detail = tr("There is nothing at %1.").arg(request.path.left(200));
        // SCIM clients read SCIM errors (e.g. for /scim/v2/Groups, which this server has not).
        if (request.path.startsWith(u"/scim/"_s)) {
            return HttpResponse::scimError(404, detail);
        }
        return HttpResponse::problem(404, detail);
    }
    const Route::Entry* found = find(*route, request.method);
    const bool oauth = route->family == Family::OAuth;
    if (!found) {
        QByteArrayList allowed;
        for (const auto& entry : route->handlers) {
            allowed.append(HttpRequest::methodName(entry.method));
        }
        const QString detail = tr("%1 accepts %2.").arg(route->pattern, QString::fromLatin1(allowed.join(", ")));
        HttpResponse response = oauth       ? HttpResponse::oauthError(405, "invalid_request", detail)
            : route->family == Family::Scim ? HttpResponse::scimError(405, detail)
                                            : HttpResponse::problem(405, detail);
        response.withHeader("Allow", allowed.join(", "));
        return response;
    }
    if (request.body.size() > MaximumBodySize) {
        const QString detail = tr("The body is larger than %1 bytes.").arg(MaximumBodySize);
        if (route->family == Family::Scim) {
            return HttpResponse::scimError(413, detail);
        }
        return oauth ? HttpResponse::oauthError(413, "invalid_request", detail) : HttpResponse::problem(413, detail);
    }
    return found->handler(request, arguments);
}

const Router::Route::Entry* Router::find(const Route& route, QHttpServerRequest::Method method)
{
    const auto found = std::find_if(route.handlers.cbegin(), route.handlers.cend(),
                                    [&](const Route::Entry& entry) { return entry.method == method; });
    if (found == route.handlers.cend()) {
        // HEAD is answered as GET would be; the edge leaves the body out.
        return method == QHttpServerRequest::Method::Head ? find(route, QHttpServerRequest::Method::Get) : nullptr;
    }
    return &*found;
}

Router::Execution Router::execution(const HttpRequest& request) const
{
    QStringList arguments;
    const Route* route = match(request, &arguments);
    const Route::Entry* entry = route ? find(*route, request.method) : nullptr;
    return entry && request.body.size() <= MaximumBodySize ? entry->execution : Execution::Inline;
}

Router::Family Router::family(const HttpRequest& request) const
{
    QStringList arguments;
    const Route* route = match(request, &arguments);
    return route ? route->family : Family::Management;
}

QList<Router::RouteInfo> Router::routes() const
{
    QList<RouteInfo> list;
    for (const Route& route : m_routes) {
        RouteInfo info{route.pattern, {}};
        for (const auto& entry : route.handlers) {
            info.methods.append(QString::fromLatin1(HttpRequest::methodName(entry.method)));
        }
        list.append(info);
    }
    return list;
}

} // namespace appint
