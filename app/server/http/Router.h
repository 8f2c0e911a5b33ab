#pragma once

#include "server/http/HttpRequest.h"
#include "server/http/HttpResponse.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace appint {

// Maps method and path to a handler. Patterns are literal segments and
// "{name}" parameters ("/api/v1/clients/{client_id}"); a parameter takes one
// whole decoded segment, so an id can never reach into another path. A known
// path with another method answers 405 with Allow. Immutable once built, so
// every HTTP thread may use it at once.
class Router
{
    Q_DECLARE_TR_FUNCTIONS(Router)

public:
    // Which error format a route speaks for 405 and 413.
    enum class Family { Management, OAuth, Scim };

    using Handler = std::function<HttpResponse(const HttpRequest& request, const QStringList& arguments)>;
    // Inline: fast and non-blocking (reads, grants); the HTTP thread runs it.
    // Blocking: may wait (a store write, a password hash); the HTTP edge may
    // run it off the HTTP thread, so that other requests never wait on it.
    enum class Execution { Inline, Blocking };

    struct RouteInfo
    {
        QString pattern;
        QStringList methods;
    };

    static constexpr qsizetype MaximumBodySize = 1024 * 1024;

    void add(const QString& pattern, QHttpServerRequest::Method method, Family family, Handler handler,
             Execution execution = Execution::Inline);
    HttpResponse handle(const HttpRequest& request) const;
    // How the handler that would answer `request` runs (Inline when none
    // matches: errors are answered at once).
    Execution execution(const HttpRequest& request) const;
    // The error format of the route that matches `request`'s path
    // (Management when none does).
    Family family(const HttpRequest& request) const;
    QList<RouteInfo> routes() const;

private:
    struct Route
    {
        QString pattern;
        QStringList segments;
        Family family = Family::Management;
        struct Entry
        {
            QHttpServerRequest::Method method;
            Handler handler;
            Execution execution;
        };
        QList<Entry> handlers;
    };

    const Route* match(const HttpRequest& request, QStringList* arguments) const;
    static const Route::Entry* find(const Route& route, QHttpServerRequest::Method method);

    QList<Route> m_routes;
};

} // namespace appint
