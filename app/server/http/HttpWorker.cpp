#include "server/http/HttpWorker.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QThread>

#include <unistd.h>

namespace appint {

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace {
constexpr int DrainPollMs = 10;
} // namespace

HttpWorker::HttpWorker(const HttpConnection::Context& context, std::function<void()> threadCleanup)
    : m_context(context)
    , m_threadCleanup(std::move(threadCleanup))
{
    m_drainTimer = new QTimer(this);
    m_drainTimer->setInterval(DrainPollMs);
    connect(m_drainTimer, &QTimer::timeout, this, &HttpWorker::checkDrained);
}

HttpWorker::~HttpWorker()
{
    const QSet<HttpConnection*> connections = std::exchange(m_connections, {});
    qDeleteAll(connections);
}

void HttpWorker::adopt(qintptr descriptor, std::function<void()> release)
{
    if (m_draining) {
        ::close(int(descriptor));
        release();
        return;
    }
    auto* socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcHttp) << "cannot take over an accepted connection:" << socket->errorString();
        delete socket;
        ::close(int(descriptor));
        release();
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    auto* connection = new HttpConnection(socket, m_context, std::move(release), this);
    m_connections.insert(connection);
    connect(connection, &HttpConnection::closed, this, [this](HttpConnection* closed) {
        m_connections.remove(closed);
        closed->deleteLater();
    });
}

void HttpWorker::drain(int graceMs)
{
    if (m_draining) {
        return;
    }
    m_draining = true;
    m_drainDeadline = QDateTime::currentMSecsSinceEpoch() + graceMs;
    const QSet<HttpConnection*> connections = m_connections;
    for (HttpConnection* connection : connections) {
        connection->setClosing();
    }
    checkDrained();
    if (!m_finished) {
        m_drainTimer->start();
    }
}

void HttpWorker::checkDrained()
{
    const bool late = QDateTime::currentMSecsSinceEpoch() >= m_drainDeadline;
    if (late) {
        const QSet<HttpConnection*> connections = m_connections;
        for (HttpConnection* connection : connections) {
            connection->abort();
        }
    } else {
        // Keep-alive connections that went idle since drain() began.
        const QSet<HttpConnection*> connections = m_connections;
        for (HttpConnection* connection : connections) {
            if (connection->isIdle()) {
                connection->setClosing();
            }
        }
    }
    if (m_connections.isEmpty() || late) {
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
    m_connections.clear();
    // On this thread, with those closed but not yet deleted (deleteLater):
    // their timers belong to it.
    qDeleteAll(findChildren<HttpConnection*>(Qt::FindDirectChildrenOnly));
    if (m_threadCleanup) {
        m_threadCleanup();
    }
    emit drained();
    thread()->quit();
}

} // namespace appint
