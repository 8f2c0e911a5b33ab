#include "server/http/HttpWorker.h"

#include "server/http/ConnectionServer.h"
#include "server/http/HttpFrontend.h"
#include "server/http/HttpResponse.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QThread>

#include <sys/socket.h>
#include <unistd.h>
#include <utility>

using namespace Qt::StringLiterals;

namespace appint {

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace {
constexpr int DrainPollMs = 10;
constexpr int LingerMs = 5000;

// Whether the kernel holds bytes the application has not read yet.
bool hasPendingBytes(QTcpSocket* socket)
{
    const qintptr fd = socket->socketDescriptor();
    if (fd < 0) {
        return false;
    }
    char byte = 0;
    return ::recv(int(fd), &byte, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
}
} // namespace

HttpWorker::HttpWorker(const Router& router, qintptr listener, int idleTimeoutMs, std::function<void()> threadCleanup)
    : m_router(router)
    , m_listener(listener)
    , m_threadCleanup(std::move(threadCleanup))
    , m_idleTimeoutMs(idleTimeoutMs)
{
    m_idleTimer = new QTimer(this);
    m_idleTimer->setInterval(std::clamp(idleTimeoutMs / 4, 10, 5000));
    connect(m_idleTimer, &QTimer::timeout, this, &HttpWorker::closeIdle);
    m_drainTimer = new QTimer(this);
    m_drainTimer->setInterval(DrainPollMs);
    connect(m_drainTimer, &QTimer::timeout, this, &HttpWorker::checkDrained);
}

HttpWorker::~HttpWorker()
{
    if (m_listener >= 0) {
        ::close(int(m_listener)); // never started
    }
}

void HttpWorker::start()
{
    m_frontend = new HttpFrontend(
        m_router, [this](QTcpSocket* socket) { onAnswered(socket); }, this);
    m_connections = new ConnectionServer(
        [this](QTcpSocket* socket) {
            m_sockets.insert(socket, Connection{.lastActivity = QDateTime::currentMSecsSinceEpoch()});
            // Connected before Qt HttpServer connects its own handler, so
            // this runs first on every read.
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QObject::destroyed, this, [this, socket] { m_sockets.remove(socket); });
        },
        m_frontend);
    const qintptr listener = std::exchange(m_listener, -1);
    if (!m_connections->attach(listener)) {
        ::close(int(listener));
        qCWarning(lcHttp) << "a worker cannot attach to the listening socket:" << m_connections->errorString();
    }
    m_frontend->bind(m_connections);
    if (m_idleTimeoutMs > 0) {
        m_idleTimer->start();
    }
}

void HttpWorker::closeIdle()
{
    const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - m_idleTimeoutMs;
    const QList<QTcpSocket*> sockets = m_sockets.keys();
    for (QTcpSocket* socket : sockets) {
        if (m_sockets.value(socket).lastActivity < cutoff && socket->bytesToWrite() == 0
            && socket->state() == QAbstractSocket::ConnectedState) {
            socket->abort();
        }
    }
}

void HttpWorker::adopt(qintptr descriptor)
{
    if (m_draining || !m_connections) {
        ::close(int(descriptor));
        return;
    }
    m_connections->adopt(descriptor);
}

void HttpWorker::onReadyRead(QTcpSocket* socket)
{
    const auto it = m_sockets.find(socket);
    if (it == m_sockets.end()) {
        return;
    }
    if (it->rejected) {
        socket->readAll();
        return;
    }
    it->busy = true;
    it->lastActivity = QDateTime::currentMSecsSinceEpoch();
    it->unanswered += socket->bytesAvailable();
    if (it->unanswered > MaximumUnansweredBytes) {
        it->rejected = true;
        socket->readAll();
        HttpFrontend::writeResponse(
            socket, HttpResponse::problem(413, tr("The request is larger than %1 bytes.").arg(MaximumUnansweredBytes)),
            true);
    }
}

void HttpWorker::onAnswered(QTcpSocket* socket)
{
    const auto it = m_sockets.find(socket);
    if (it != m_sockets.end()) {
        it->busy = false;
        it->unanswered = 0;
        it->lastActivity = QDateTime::currentMSecsSinceEpoch();
    }
}

bool HttpWorker::isIdle(QTcpSocket* socket) const
{
    const Connection connection = m_sockets.value(socket);
    return !connection.busy && socket->bytesToWrite() == 0 && socket->bytesAvailable() == 0 && !hasPendingBytes(socket);
}

void HttpWorker::drain(int graceMs)
{
    if (m_draining) {
        return;
    }
    m_draining = true;
    m_drainDeadline = QDateTime::currentMSecsSinceEpoch() + graceMs;
    if (m_frontend) {
        m_frontend->setClosing(true);
    }
    if (m_connections) {
        m_connections->close();
    }
    checkDrained();
    if (!m_finished) {
        m_drainTimer->start();
    }
}

void HttpWorker::checkDrained()
{
    const bool late = QDateTime::currentMSecsSinceEpoch() >= m_drainDeadline;
    const QList<QTcpSocket*> sockets = m_sockets.keys();
    for (QTcpSocket* socket : sockets) {
        if (socket->state() != QAbstractSocket::ConnectedState) {
            continue;
        }
        if (late) {
            socket->abort();
        } else if (isIdle(socket)) {
            socket->disconnectFromHost();
        }
    }
    const bool open = std::any_of(sockets.cbegin(), sockets.cend(), [this](QTcpSocket* socket) {
        return m_sockets.contains(socket) && socket->state() != QAbstractSocket::UnconnectedState;
    });
    if (!open || late) {
        finish();
    }
}

void HttpWorker::finish()
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_drainTimer->stop();
    m_idleTimer->stop();
    delete m_frontend; // with the bound ConnectionServer and its sockets
    m_frontend = nullptr;
    m_connections = nullptr;
    m_sockets.clear();
    if (m_threadCleanup) {
        m_threadCleanup();
    }
    emit drained();
    thread()->quit();
}

} // namespace appint
