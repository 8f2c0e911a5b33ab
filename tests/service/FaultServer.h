#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

namespace appint::test {

// A tiny HTTP/1.1 server on loopback for fault injection: it answers each
// request with the next scripted response (the last one repeats), or, in
// stalling mode, accepts connections and never answers. Counts the requests it
// received. Only for faults: the happy path runs against real servers.
class FaultServer : public QObject
{
    Q_OBJECT

public:
    struct Response
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray contentType = "application/json";
        // Faults of the answer itself:
        int dripIntervalMs = 0; // > 0: the body one byte per interval
        bool stallAfterHeaders = false; // headers (with the full Content-Length), then silence
        qint64 announcedLength = -1; // >= 0: this Content-Length instead of the body's size
        bool withoutContentLength = false; // the body ends when the connection closes
    };

    explicit FaultServer(QObject* parent = nullptr);

    bool listen();
    QUrl url(const QString& path = QStringLiteral("/token")) const;

    void setStalling(bool stalling) { m_stalling = stalling; }
    // Answers the first `count` requests as scripted, then stalls.
    void setStallAfter(int count) { m_stallAfter = count; }
    void setResponses(QList<Response> responses) { m_responses = std::move(responses); }
    // Answers every request for `path` (query ignored) with `response`,
    // before the scripted responses; requests to other paths use those.
    void setRoute(const QByteArray& path, Response response) { m_routes.insert(path, std::move(response)); }
    // Answers every request for `path` with what `handler` makes of the
    // request's target (path and query), before routes and scripted
    // responses: a tenant whose answer depends on the offset asked for.
    using Handler = std::function<Response(const QUrl& target)>;
    void setHandler(const QByteArray& path, Handler handler) { m_handlers.insert(path, std::move(handler)); }
    // Answers the n-th request for `path` (query ignored) from now on with
    // the n-th of `responses`, the last one repeating (a list whose pages
    // differ). Setting it again starts again from the first.
    void setRouteSequence(const QByteArray& path, QList<Response> responses);
    // Requests received for `path` (query ignored).
    int requestCount(const QByteArray& path) const { return m_pathCounts.value(path); }
    // Answers raw bytes, HTTP or not (e.g. plain text to a TLS client).
    void setRawReply(QByteArray raw) { m_raw = std::move(raw); }

    int requestCount() const { return m_requestCount; }
    int connectionCount() const { return m_connectionCount; }
    QList<QByteArray> requests() const { return m_requests; }

    // Routes of a tenant that works: discovery naming this server's own
    // token endpoint, an administrator token, and the tenant information.
    void routeWorkingTenant();
    // One client in the management API's shape, as a well-behaved tenant
    // lists it.
    static QJsonObject clientJson(const QString& id, const QString& name);
    // A page of GET /api/v1/clients: `items`, and `total` (their number when
    // negative).
    static QByteArray clientPage(const QJsonArray& items, qint64 total = -1);
    static Response json(int status, const QByteArray& body, QList<QPair<QByteArray, QByteArray>> headers = {});

private:
    void onConnection();
    void answer(QTcpSocket* socket, const Response& response);

    QTcpServer m_server;
    bool m_stalling = false;
    int m_stallAfter = -1;
    QList<Response> m_responses;
    QHash<QByteArray, Response> m_routes;
    QHash<QByteArray, Handler> m_handlers;
    QHash<QByteArray, int> m_pathCounts;
    QByteArray m_raw;
    int m_requestCount = 0;
    int m_connectionCount = 0;
    QList<QByteArray> m_requests;
};

} // namespace appint::test
