#include "TestServer.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace appint::test {

TestServer::TestServer()
    : TestServer(Options{})
{
}

TestServer::TestServer(Options options)
    : m_options(std::move(options))
    , m_dataDir(QDir::tempPath() + u"/appint-test-server-XXXXXX"_s)
    , m_clock(std::make_shared<ManualClock>(m_options.startTime))
{
}

TestServer::~TestServer()
{
    stop();
}

QString TestServer::bootstrapFilePath() const
{
    return QDir(m_dataDir.path()).absoluteFilePath(u"bootstrap-admin.json"_s);
}

bool TestServer::start()
{
    if (isRunning()) {
        return true;
    }
    if (!m_dataDir.isValid()) {
        m_error = u"cannot create a temporary data folder: %1"_s.arg(m_dataDir.errorString());
        return false;
    }
    ServerOptions options;
    options.dataDir = m_dataDir.path();
    options.address = QHostAddress::LocalHost;
    options.port = m_port;
    options.tenantName = m_options.tenantName;
    options.demo = m_options.demo;
    options.clock = m_clock;
    options.threads = m_options.threads;
    options.drainTimeoutMs = 5000;
    m_thread = std::make_unique<ServerThread>(options);
    if (!m_thread->start(&m_error) && m_port != 0) {
        options.port = 0; // the old port is taken: a new one (and issuer)
        m_thread = std::make_unique<ServerThread>(options);
        m_thread->start(&m_error);
    }
    if (!m_thread->isRunning()) {
        m_thread.reset();
        return false;
    }
    m_port = quint16(m_thread->baseUrl().port());
    QFile file(bootstrapFilePath());
    if (!file.exists() && !m_adminClientId.isEmpty()) {
        m_error.clear(); // a test removed the file; the credentials are known
        return true;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString());
        stop();
        return false;
    }
    const QJsonObject credentials = QJsonDocument::fromJson(file.readAll()).object();
    m_adminClientId = credentials.value(u"client_id"_s).toString();
    m_adminSecret = credentials.value(u"client_secret"_s).toString();
    m_adminUserName = credentials.value(u"user_name"_s).toString();
    m_adminUserPassword = credentials.value(u"user_password"_s).toString();
    if (m_adminClientId.isEmpty() || m_adminSecret.isEmpty()) {
        m_error = u"%1 holds no credentials"_s.arg(file.fileName());
        stop();
        return false;
    }
    m_error.clear();
    return true;
}

bool TestServer::restart()
{
    stop();
    return start();
}

void TestServer::stop()
{
    m_thread.reset();
}

bool TestServer::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

QUrl TestServer::baseUrl() const
{
    return m_thread ? m_thread->baseUrl() : QUrl();
}

QUrl TestServer::url(const QString& path) const
{
    QUrl result = baseUrl();
    const qsizetype question = path.indexOf(u'?');
    result.setPath(question < 0 ? path : path.left(question));
    if (question >= 0) {
        result.setQuery(path.mid(question + 1), QUrl::StrictMode);
    }
    return result;
}

} // namespace appint::test
