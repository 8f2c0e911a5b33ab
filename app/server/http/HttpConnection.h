#pragma once

#include "server/http/HttpLimits.h"
#include "server/http/HttpParser.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

class QTcpSocket;

namespace appint {

class BlockingPool;
class Router;
struct HttpResponse;

// One client connection on an HTTP thread: reads at most what the current
// request may still use, frames requests with HttpParser, answers them in
// order through the Router, and enforces the limits where the bytes arrive:
// the header and body deadlines (408), the header size (431), the body size
// (413, before the body is read), the idle timeout. A Blocking route's
// handler runs on the BlockingPool; until its answer is written, no further
// request of this connection is read (pipelined answers stay in order).
// Never throws and never leaves a request unanswered.
class HttpConnection final : public QObject
{
    Q_OBJECT

public:
    struct Context
    {
        const Router* router = nullptr;
        BlockingPool* pool = nullptr; // null: Blocking handlers run inline
        // Body bytes buffered by all connections (HttpLimits::maxBufferedBodyBytes);
        // null: no shared bound.
        std::atomic<qint64>* bufferedBodyBytes = nullptr;
        // Connections in a lingering close, all threads together. A closing
        // connection has given its ConnectionLimiter slot back (it serves
        // no more requests), so that lingering ones never crowd out new
        // clients; at most a quarter of HttpLimits::maxConnections linger at
        // a time, the rest are closed at once. Null: no lingering bound.
        std::atomic<int>* lingering = nullptr;
        HttpLimits limits;
    };

    // Takes `socket` over (as a child). `release` runs when the connection
    // starts to close or is destroyed, whichever comes first (frees its slot
    // in the ConnectionLimiter).
    HttpConnection(QTcpSocket* socket, const Context& context, std::function<void()> release,
                   QObject* parent = nullptr);
    ~HttpConnection() override;

    // Nothing of a request read or in progress, nothing left to write.
    bool isIdle() const;
    // From now on every answer closes the connection; closes it at once if
    // it is idle.
    void setClosing();
    void abort();

    // Answers a whole request through the router, turning exceptions into
    // 500 (also used by the fuzz target).
    static HttpResponse answer(const Router& router, const HttpRequest& request);

signals:
    // The socket is closed; the owner deletes the connection.
    void closed(HttpConnection* connection);

private:
    enum class Phase { Idle, Headers, Body, Handling, Closing };
    struct Guard;

    void process();
    void dispatch(HttpRequest request);
    void respond(const HttpResponse& response);
    void refuse(int status, const QString& detail);
    void armTimer();
    void onTimeout();
    void closeConnection();
    void releaseSlot();
    bool takeLingerSlot();
    void accountBody(qint64 bytes);
    void shutdownWrite();
    void releaseHeldDescriptor();

    QTcpSocket* m_socket;
    Context m_context;
    std::function<void()> m_release;
    HttpParser m_parser;
    QByteArray m_buffer;
    QTimer m_timer;
    QTimer m_retryRead; // while the shared body budget is spent
    qint64 m_bodyAccounted = 0;
    QElapsedTimer m_clock; // started at construction
    qint64 m_requestStart = 0; // ms on m_clock: the current request's first byte
    qint64 m_lastRead = 0; // ms on m_clock
    std::shared_ptr<Guard> m_guard; // lets a pool thread reach this object safely
    Phase m_phase = Phase::Idle;
    bool m_headOnly = false;
    bool m_closeAfter = false;
    bool m_http10KeepAlive = false;
    bool m_closing = false;
    bool m_notified = false;
    bool m_linger = false; // close by half-closing first (after a refusal)
    bool m_writeShutDown = false;
    bool m_lingerSlot = false; // holds one of Context::lingering
    int m_heldDescriptor = -1; // a dup of the socket while a Blocking handler runs
};

} // namespace appint
