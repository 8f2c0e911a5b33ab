#include "server/http/HttpConnection.h"

#include "server/http/BlockingPool.h"
#include "server/http/HttpResponse.h"
#include "server/http/Router.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTcpSocket>

#include <exception>
#include <mutex>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace appint {

Q_LOGGING_CATEGORY(lcHttp, "appint.server.http", QtInfoMsg)

namespace {
// Read at most this much at a time (also Qt's read buffer), so that a
// connection never holds more than its current request may use.
constexpr qint64 ReadChunk = 16 * 1024;
// Answers not yet taken by a client that pipelines without reading: beyond
// this, no further request of that connection is read until it reads.
constexpr qint64 MaximumUnwritten = 1024 * 1024;
// How long a closing connection may take to send its last answer.
constexpr int LingerMs = 5000;
// Connections in a lingering close hold a descriptor and a read buffer while
// serving no one: at most a quarter of the connection limit at a time.
int maximumLingering(const HttpLimits& limits)
{
    return std::max(1, limits.maxConnections / 4);
}
} // namespace

// Shared with a pool thread that runs a Blocking handler: it posts the
// answer only while the connection still exists.
struct HttpConnection::Guard
{
    std::mutex mutex;
    HttpConnection* connection = nullptr;
};

HttpConnection::HttpConnection(QTcpSocket* socket, const Context& context, std::function<void()> release,
                               QObject* parent)
    : QObject(parent)
    , m_socket(socket)
    , m_context(context)
    , m_release(std::move(release))
    , m_parser(context.limits)
    , m_guard(std::make_shared<Guard>())
{
    m_guard->connection = this;
    m_clock.start();
    m_socket->setParent(this);
    m_socket->setReadBufferSize(ReadChunk);
    m_timer.setSingleShot(true);
    m_retryRead.setSingleShot(true);
    m_retryRead.setInterval(20);
    connect(&m_retryRead, &QTimer::timeout, this, &HttpConnection::process);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::process);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_phase == Phase::Closing) {
            if (m_linger && m_socket->bytesToWrite() == 0) {
                shutdownWrite();
            }
        } else if (m_socket->bytesToWrite() < MaximumUnwritten / 2) {
            process();
        }
    });
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        m_timer.stop();
        if (m_phase == Phase::Handling && m_heldDescriptor >= 0) {
            return; // a half-closed client still gets its answer (respond())
        }
        if (!m_notified) {
            m_notified = true;
            emit closed(this);
        }
    });
    armTimer();
    // Bytes may have arrived before the socket was handed over.
    if (m_socket->bytesAvailable() > 0) {
        QMetaObject::invokeMethod(this, &HttpConnection::process, Qt::QueuedConnection);
    }
}

HttpConnection::~HttpConnection()
{
    releaseHeldDescriptor();
    accountBody(0);
    {
        const std::lock_guard lock(m_guard->mutex);
        m_guard->connection = nullptr;
    }
    releaseSlot();
    if (m_lingerSlot) {
        m_context.lingering->fetch_sub(1, std::memory_order_relaxed);
    }
}

void HttpConnection::releaseSlot()
{
    if (const std::function<void()> release = std::exchange(m_release, {})) {
        release();
    }
}

bool HttpConnection::takeLingerSlot()
{
    if (m_lingerSlot || !m_context.lingering) {
        return true;
    }
    if (m_context.lingering->fetch_add(1, std::memory_order_relaxed) >= maximumLingering(m_context.limits)) {
        m_context.lingering->fetch_sub(1, std::memory_order_relaxed);
        return false;
    }
    m_lingerSlot = true;
    return true;
}

bool HttpConnection::isIdle() const
{
    if (m_phase != Phase::Idle || !m_buffer.isEmpty() || m_socket->bytesAvailable() > 0
        || m_socket->bytesToWrite() > 0) {
        return false;
    }
    // Bytes the kernel holds that Qt has not read yet.
    const qintptr fd = m_socket->socketDescriptor();
    char byte = 0;
    return fd < 0 || ::recv(int(fd), &byte, 1, MSG_PEEK | MSG_DONTWAIT) <= 0;
}

void HttpConnection::setClosing()
{
    m_closing = true;
    if (isIdle()) {
        closeConnection();
    }
}

void HttpConnection::abort()
{
    m_phase = Phase::Closing;
    m_timer.stop();
    m_socket->abort();
}

void HttpConnection::closeConnection()
{
    m_phase = Phase::Closing;
    // A closing connection serves no more requests: its slot goes to the
    // next client, and it lingers within a budget of its own.
    releaseSlot();
    if (!m_linger) {
        m_socket->disconnectFromHost();
    } else if (m_socket->bytesToWrite() == 0) {
        shutdownWrite();
    }
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        return;
    }
    if (!takeLingerSlot()) {
        m_timer.stop();
        m_socket->abort(); // too many linger already: closed at once
        return;
    }
    m_timer.start(LingerMs);
}

void HttpConnection::releaseHeldDescriptor()
{
    if (m_heldDescriptor >= 0) {
        ::close(m_heldDescriptor);
        m_heldDescriptor = -1;
    }
}

void HttpConnection::shutdownWrite()
{
    // A lingering close (RFC 9112 §9.6): the answer goes out and the client
    // sees the end of it, while what it still sends is read and dropped until
    // it closes or LingerMs pass. Closing at once with unread bytes would
    // send a reset that can destroy the answer before the client reads it.
    if (!m_writeShutDown && m_socket->socketDescriptor() >= 0) {
        m_writeShutDown = true;
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    }
}

void HttpConnection::accountBody(qint64 bytes)
{
    if (m_context.bufferedBodyBytes && bytes != m_bodyAccounted) {
        m_context.bufferedBodyBytes->fetch_add(bytes - m_bodyAccounted);
    }
    m_bodyAccounted = bytes;
}

void HttpConnection::armTimer()
{
    const HttpLimits& limits = m_context.limits;
    const qint64 now = m_clock.elapsed();
    qint64 deadline = -1;
    const auto earliest
        = [&deadline](qint64 candidate) { deadline = deadline < 0 ? candidate : std::min(deadline, candidate); };
    if (limits.idleTimeoutMs > 0) {
        earliest(m_lastRead + limits.idleTimeoutMs);
    }
    if (m_phase == Phase::Headers && limits.headerTimeoutMs > 0) {
        earliest(m_requestStart + limits.headerTimeoutMs);
    } else if (m_phase == Phase::Body && limits.bodyTimeoutMs > 0) {
        earliest(m_requestStart + limits.bodyTimeoutMs);
    }
    if (deadline < 0) {
        m_timer.stop();
        return;
    }
    m_timer.start(int(std::clamp<qint64>(deadline - now, 0, std::numeric_limits<int>::max())));
}

void HttpConnection::onTimeout()
{
    if (m_phase == Phase::Closing) {
        m_socket->abort(); // a client that never takes its last answer
        return;
    }
    if (m_phase == Phase::Handling) {
        return;
    }
    const HttpLimits& limits = m_context.limits;
    const qint64 now = m_clock.elapsed();
    const bool idle = limits.idleTimeoutMs > 0 && now >= m_lastRead + limits.idleTimeoutMs;
    if (m_phase == Phase::Idle && m_buffer.isEmpty()) {
        if (idle) {
            closeConnection();
        } else {
            armTimer();
        }
        return;
    }
    const bool headersLate
        = m_phase == Phase::Headers && limits.headerTimeoutMs > 0 && now >= m_requestStart + limits.headerTimeoutMs;
    const bool bodyLate
        = m_phase == Phase::Body && limits.bodyTimeoutMs > 0 && now >= m_requestStart + limits.bodyTimeoutMs;
    if (headersLate) {
        refuse(408, tr("The request headers did not arrive within %1 ms.").arg(limits.headerTimeoutMs));
    } else if (bodyLate) {
        refuse(408, tr("The request body did not arrive within %1 ms.").arg(limits.bodyTimeoutMs));
    } else if (idle) {
        refuse(408, tr("The request stalled for %1 ms.").arg(limits.idleTimeoutMs));
    } else {
        armTimer();
    }
}

void HttpConnection::process()
{
    if (m_phase == Phase::Closing) {
        if (m_socket->isOpen()) {
            m_socket->skip(m_socket->bytesAvailable()); // a lingering close drops what still comes
        }
        return;
    }
    bool reading = false;
    while (m_phase != Phase::Handling && m_phase != Phase::Closing) {
        if (m_socket->bytesToWrite() > MaximumUnwritten) {
            break; // resumed by bytesWritten
        }
        if (m_socket->bytesAvailable() > 0) {
            // While in the headers, read no more than they may still use;
            // in a body, beyond its first ReadChunk bytes (a small request
            // is never held back by large ones), nothing while all bodies
            // together are over budget.
            const bool overBudget = m_parser.headerDone() && m_context.bufferedBodyBytes && m_bodyAccounted >= ReadChunk
                && m_context.bufferedBodyBytes->load(std::memory_order_relaxed)
                    >= m_context.limits.maxBufferedBodyBytes;
            const qint64 room = overBudget ? 0
                : m_parser.headerDone()    ? ReadChunk
                                           : std::max<qint64>(m_context.limits.maxHeaderBytes + 1 - m_buffer.size(), 0);
            if (overBudget) {
                // Qt notices a peer's close only by reading; a connection
                // held back must look for it itself.
                const qintptr fd = m_socket->socketDescriptor();
                pollfd entry{int(fd), POLLRDHUP, 0};
                if (fd >= 0 && ::poll(&entry, 1, 0) > 0 && (entry.revents & (POLLRDHUP | POLLHUP | POLLERR))) {
                    abort();
                    return;
                }
                // What was read is parsed already: nothing to do until the
                // budget frees (never spin here, the thread serves others).
                m_retryRead.start();
                break;
            }
            if (room > 0) {
                m_buffer += m_socket->read(std::min(room, ReadChunk));
                m_lastRead = m_clock.elapsed();
                reading = true;
            }
        }
        if (m_buffer.isEmpty()) {
            break;
        }
        if (m_phase == Phase::Idle) {
            m_phase = Phase::Headers;
            m_requestStart = m_clock.elapsed();
        }
        const bool hadHeader = m_parser.headerDone();
        const HttpParser::Status status = m_parser.parse(m_buffer);
        accountBody(status == HttpParser::Status::NeedMore ? m_parser.bodySize() : 0);
        if (status == HttpParser::Status::Failed) {
            refuse(m_parser.errorStatus(), m_parser.errorDetail());
            return;
        }
        if (status == HttpParser::Status::Complete) {
            HttpRequest request = m_parser.takeRequest();
            dispatch(std::move(request));
            continue;
        }
        if (!hadHeader && m_parser.headerDone()) {
            m_phase = Phase::Body;
            if (m_parser.expectsContinue()) {
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            }
        }
        if (!m_parser.headerDone() && m_buffer.size() > m_context.limits.maxHeaderBytes) {
            refuse(431,
                   tr("The request line and headers are larger than %1 bytes.").arg(m_context.limits.maxHeaderBytes));
            return;
        }
        if (m_socket->bytesAvailable() == 0) {
            break;
        }
    }
    if (reading && (m_phase == Phase::Headers || m_phase == Phase::Body || m_phase == Phase::Idle)) {
        armTimer();
    }
}

HttpResponse HttpConnection::answer(const Router& router, const HttpRequest& request)
{
    try {
        return router.handle(request);
    } catch (const std::exception& e) {
        qCCritical(lcHttp) << "unhandled exception while answering" << request.path.left(200) << ':' << e.what();
    } catch (...) {
        qCCritical(lcHttp) << "unhandled exception while answering" << request.path.left(200);
    }
    return HttpResponse::problem(500, tr("The server failed to answer this request."));
}

void HttpConnection::dispatch(HttpRequest request)
{
    m_phase = Phase::Handling;
    m_timer.stop();
    m_headOnly = request.method == QHttpServerRequest::Method::Head;
    // An upgrade (WebSocket) is not served: one answer, then close, so that
    // whatever the client sends next is never read as another request.
    m_closeAfter = m_closing || !m_parser.keepAlive() || m_parser.upgrade();
    m_http10KeepAlive = !m_closeAfter && m_parser.version() == 10;
    m_parser.reset();
    request.remoteAddress = m_socket->peerAddress();
    const Router& router = *m_context.router;
    if (m_context.pool && router.execution(request) == Router::Execution::Blocking) {
        // Qt closes the socket when it reads the client's half-close; a
        // second descriptor keeps the connection for the answer.
        if (const qintptr fd = m_socket->socketDescriptor(); fd >= 0) {
            m_heldDescriptor = ::fcntl(int(fd), F_DUPFD_CLOEXEC, 0);
        }
        auto guard = m_guard;
        const bool queued = m_context.pool->tryStart([guard, &router, request = std::move(request)] {
            QElapsedTimer timer;
            timer.start();
            HttpResponse response = answer(router, request);
            qCDebug(lcHttp).noquote() << HttpRequest::methodName(request.method) << request.path.left(200)
                                      << response.status << timer.nsecsElapsed() / 1000 << "us (blocking)";
            const std::lock_guard lock(guard->mutex);
            if (HttpConnection* connection = guard->connection) {
                QMetaObject::invokeMethod(
                    connection,
                    [connection, response = std::move(response)] {
                        connection->respond(response);
                        connection->process();
                    },
                    Qt::QueuedConnection);
            }
        });
        if (!queued) {
            HttpResponse busy = HttpResponse::problem(503, tr("The server is busy; try again in a second."));
            busy.withHeader("Retry-After", "1");
            respond(busy);
        }
        return;
    }
    QElapsedTimer timer;
    timer.start();
    const HttpResponse response = answer(router, request);
    // Never the query, body or Authorization header: they may carry secrets.
    qCDebug(lcHttp).noquote() << HttpRequest::methodName(request.method) << request.path.left(200) << response.status
                              << timer.nsecsElapsed() / 1000 << "us";
    respond(response);
}

void HttpConnection::respond(const HttpResponse& response)
{
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        // The client half-closed (or left) while a Blocking handler ran: the
        // answer goes out through the held descriptor, then the connection
        // ends. The answer fits the socket's send buffer; what does not is
        // lost, as it would be for a client that is gone.
        if (m_heldDescriptor >= 0) {
            const QByteArray bytes = response.serialize(m_headOnly, true);
            [[maybe_unused]] const ssize_t sent
                = ::send(m_heldDescriptor, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
            ::shutdown(m_heldDescriptor, SHUT_WR);
        }
        releaseHeldDescriptor();
        m_phase = Phase::Closing;
        if (!m_notified) {
            m_notified = true;
            emit closed(this);
        }
        return;
    }
    releaseHeldDescriptor();
    if (response.status >= 500) {
        qCWarning(lcHttp) << "answered" << response.status;
    }
    const bool close = m_closeAfter || m_closing;
    QByteArray bytes = response.serialize(m_headOnly, close);
    if (m_http10KeepAlive && !close) {
        bytes.insert(bytes.indexOf("\r\n") + 2, "Connection: keep-alive\r\n");
    }
    m_socket->write(bytes);
    // Out at once: a client that half-closes its side after the request
    // makes Qt drop the connection with anything still buffered.
    m_socket->flush();
    if (close) {
        closeConnection();
        return;
    }
    m_phase = Phase::Idle;
    m_lastRead = m_clock.elapsed();
    if (m_buffer.isEmpty()) {
        armTimer();
    }
}

void HttpConnection::refuse(int status, const QString& detail)
{
    m_timer.stop();
    m_buffer.clear();
    m_headOnly = false;
    m_closeAfter = true;
    m_http10KeepAlive = false;
    qCDebug(lcHttp) << "refused a request with" << status;
    m_linger = true;
    // In the error format of the route the request was for, when its target
    // is known (an OAuth client expects {"error", "error_description"}).
    HttpRequest target;
    target.setTarget(m_parser.target());
    const bool oauth = !m_parser.target().isEmpty() && m_context.router->family(target) == Router::Family::OAuth;
    respond(oauth ? HttpResponse::oauthError(status, "invalid_request", detail)
                  : HttpResponse::problem(status, detail));
    // What the refused request buffered goes at once (the lingering close
    // may take seconds): memory and the shared body budget.
    m_parser.reset();
    accountBody(0);
}

} // namespace appint
