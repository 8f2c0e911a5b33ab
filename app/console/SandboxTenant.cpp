#include "console/SandboxTenant.h"

#include "server/ServerThread.h"

#include <QDir>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace appint {

SandboxTenant::SandboxTenant(QString dataDir)
    : m_dataDir(dataDir.isEmpty() ? defaultDataDir() : std::move(dataDir))
{
}

SandboxTenant::~SandboxTenant() = default;

QString SandboxTenant::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/sandbox"_s;
}

bool SandboxTenant::start(QString* error)
{
    if (!QDir().mkpath(m_dataDir)) {
        *error = tr("Cannot create the sandbox tenant's folder %1.").arg(m_dataDir);
        return false;
    }
    ServerOptions options;
    options.dataDir = m_dataDir;
    options.address = QHostAddress::LocalHost;
    options.port = 0;
    // The port of the last start while it is free: the issuer, and the
    // outbound credentials and sheets made from sandbox clients, stay valid.
    options.rememberPort = true;
    options.tenantName = tr("Local sandbox tenant");
    options.demo = true; // only into a new store
    options.threads = 2;
    m_thread = std::make_unique<ServerThread>(options);
    QString problem;
    if (!m_thread->start(&problem)) {
        *error = tr("The local sandbox tenant did not start: %1").arg(problem);
        m_thread.reset();
        return false;
    }
    if (!m_credentials.load(m_thread->bootstrapFilePath(), &problem)) {
        *error = tr("The local sandbox tenant started, but its administrator credentials are missing. %1 To start "
                    "afresh, remove the folder %2.")
                     .arg(problem, m_dataDir);
        m_thread.reset();
        return false;
    }
    return true;
}

QUrl SandboxTenant::baseUrl() const
{
    return m_thread ? m_thread->baseUrl() : QUrl();
}

} // namespace appint
