#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QTcpSocket;

namespace appint {

class ConnectionServer;
class HttpFrontend;
class Router;

// One HTTP thread: its own HttpFrontend (Qt HttpServer is single-threaded
// per server object) and the connections the acceptor gave it. Knows which
// connections are in the middle of a request, so that drain() can finish
// those and close the idle ones.
class HttpWorker final : public QObject
{
    Q_OBJECT

public:
    // Bytes a connection may send without getting an answer before it is cut
    // off with 413 (the router answers bodies over 1 MiB properly; this
    // guards memory against endless bodies).
    static constexpr qint64 MaximumUnansweredBytes = 8 * 1024 * 1024;

    // `listener`: a duplicate of the listening socket, owned by the worker.
    // `idleTimeoutMs`: a connection that neither sends nor gets anything for
    // that long is closed (idle keep-alive, or a request that stalls).
    HttpWorker(const Router& router, qintptr listener, int idleTimeoutMs, std::function<void()> threadCleanup);
    ~HttpWorker() override;

    // Called on the worker's thread (queued), first start(), then adopt()
    // for each connection.
    void start();
    void adopt(qintptr descriptor);
    // Stops taking connections, finishes requests in flight, closes the rest;
    // after at most `graceMs` closes everything. Then releases its resources
    // and ends its thread.
    void drain(int graceMs);

signals:
    void drained();

private:
    struct Connection
    {
        bool busy = false; // bytes arrived that have no answer yet
        qint64 unanswered = 0; // bytes since the last answer
        bool rejected = false;
        qint64 lastActivity = 0; // ms since the epoch: accepted, read or answered
    };

    void onReadyRead(QTcpSocket* socket);
    void onAnswered(QTcpSocket* socket);
    void checkDrained();
    void closeIdle();
    bool isIdle(QTcpSocket* socket) const;
    void finish();

    const Router& m_router;
    qintptr m_listener = -1; // until start() hands it to the ConnectionServer
    std::function<void()> m_threadCleanup;
    ConnectionServer* m_connections = nullptr;
    HttpFrontend* m_frontend = nullptr;
    QHash<QTcpSocket*, Connection> m_sockets;
    QTimer* m_drainTimer = nullptr;
    QTimer* m_idleTimer = nullptr;
    const int m_idleTimeoutMs;
    qint64 m_drainDeadline = 0;
    bool m_draining = false;
    bool m_finished = false;
};

} // namespace appint
