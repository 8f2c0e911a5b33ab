#pragma once

#include "server/TenantServer.h"

#include <QString>
#include <QThread>
#include <QUrl>

#include <memory>

namespace appint {

// A TenantServer on a thread of its own: the console's in-process "Local
// sandbox tenant" and the test fixture use it. start() blocks until the
// server listens or has failed; the destructor stops it cleanly (requests in
// flight finish) and ends the thread.
class ServerThread
{
public:
    explicit ServerThread(ServerOptions options);
    ~ServerThread();
    ServerThread(const ServerThread&) = delete;
    ServerThread& operator=(const ServerThread&) = delete;

    bool start(QString* error);
    void stop();
    bool isRunning() const;

    QUrl baseUrl() const;
    QString bootstrapFilePath() const;
    // The server, for inspection; it lives on the other thread.
    TenantServer* server() const { return m_server; }

private:
    ServerOptions m_options;
    QThread m_thread;
    std::unique_ptr<QObject> m_context; // lives on m_thread
    TenantServer* m_server = nullptr;
    QUrl m_baseUrl;
    QString m_bootstrapFilePath;
};

} // namespace appint
