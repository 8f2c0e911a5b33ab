#pragma once

#include "server/http/HttpConnection.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>

namespace appint {

// One HTTP thread's connections: the acceptor hands each accepted socket to
// one worker (round robin), which wraps it in an HttpConnection. drain()
// lets the requests in flight finish and closes the idle connections.
class HttpWorker final : public QObject
{
    Q_OBJECT

public:
    // `threadCleanup` runs on the worker's thread once it has drained.
    HttpWorker(const HttpConnection::Context& context, std::function<void()> threadCleanup);
    ~HttpWorker() override;

    // Called on the worker's thread (queued) for each accepted connection;
    // `release` runs when that connection is gone.
    void adopt(qintptr descriptor, std::function<void()> release);
    // Stops taking connections, finishes requests in flight, closes the rest;
    // after at most `graceMs` closes everything. Then releases its resources
    // and ends its thread.
    void drain(int graceMs);

signals:
    void drained();

private:
    void checkDrained();
    void finish();

    HttpConnection::Context m_context;
    std::function<void()> m_threadCleanup;
    QSet<HttpConnection*> m_connections;
    QTimer* m_drainTimer = nullptr;
    qint64 m_drainDeadline = 0;
    bool m_draining = false;
    bool m_finished = false;
};

} // namespace appint
