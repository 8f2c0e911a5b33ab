#include "server/ServerThread.h"

using namespace Qt::StringLiterals;

namespace appint {

ServerThread::ServerThread(ServerOptions options)
    : m_options(std::move(options))
{
    m_thread.setObjectName(u"appint-tenant-server"_s);
}

ServerThread::~ServerThread()
{
    stop();
}

bool ServerThread::start(QString* error)
{
    if (isRunning()) {
        return true;
    }
    if (!m_thread.isRunning()) {
        m_context = std::make_unique<QObject>();
        m_context->moveToThread(&m_thread);
        m_thread.start();
    }
    bool started = false;
    QString problem;
    QMetaObject::invokeMethod(
        m_context.get(),
        [&] {
            auto* server = new TenantServer(m_options);
            started = server->start(&problem);
            if (started) {
                m_server = server;
                m_baseUrl = server->baseUrl();
                m_bootstrapFilePath = server->bootstrapFilePath();
            } else {
                delete server;
            }
        },
        Qt::BlockingQueuedConnection);
    if (!started) {
        if (error) {
            *error = problem;
        }
        m_thread.quit();
        m_thread.wait();
        m_context.reset();
    }
    return started;
}

void ServerThread::stop()
{
    if (m_server) {
        TenantServer* server = m_server;
        m_server = nullptr;
        QMetaObject::invokeMethod(
            m_context.get(),
            [server] {
                server->stop();
                delete server;
            },
            Qt::BlockingQueuedConnection);
    }
    m_thread.quit();
    m_thread.wait();
    m_context.reset();
}

bool ServerThread::isRunning() const
{
    return m_server != nullptr;
}

QUrl ServerThread::baseUrl() const
{
    return m_baseUrl;
}

QString ServerThread::bootstrapFilePath() const
{
    return m_bootstrapFilePath;
}

} // namespace appint
