#include "OidcPeer.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {
QByteArray httpSync(const QByteArray& method, const QUrl& url)
{
    QNetworkAccessManager network;
    QNetworkReply* reply = network.sendCustomRequest(QNetworkRequest(url), method);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10'000, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray body = reply->readAll();
    delete reply;
    return body;
}
} // namespace

OidcPeer::~OidcPeer()
{
    stop();
}

QString OidcPeer::start()
{
    const QString sourceDir = qEnvironmentVariable("APPINT_SOURCE_DIR");
    const QString peerDir = QDir(sourceDir).filePath(u"tests/peers/oidc"_s);
    if (sourceDir.isEmpty() || !QFileInfo::exists(peerDir + u"/server.js"_s)) {
        return u"APPINT_SOURCE_DIR does not point at the source tree (no tests/peers/oidc/server.js)"_s;
    }
    if (!QFileInfo::exists(peerDir + u"/node_modules/oidc-provider/package.json"_s)) {
        return u"oidc-provider is not installed: run scripts/install-deps.sh (npm ci --prefix tests/peers/oidc)"_s;
    }
    QString node = qEnvironmentVariable("APPINT_NODE");
    if (node.isEmpty()) {
        node = QStandardPaths::findExecutable(u"node"_s);
    }
    if (node.isEmpty()) {
        return u"Node.js (node) was not found: run scripts/install-deps.sh"_s;
    }
    m_process.setWorkingDirectory(peerDir);
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(node, {u"server.js"_s});
    if (!m_process.waitForStarted(10'000)) {
        return u"could not start %1: %2"_s.arg(node, m_process.errorString());
    }
    QByteArray output;
    QSignalSpy ready(&m_process, &QProcess::readyReadStandardOutput);
    while (!output.contains('\n')) {
        if (m_process.state() != QProcess::Running || !ready.wait(20'000)) {
            return u"the OAuth peer did not start: %1"_s.arg(QString::fromUtf8(m_process.readAllStandardError()));
        }
        output += m_process.readAllStandardOutput();
    }
    const QByteArray line = output.left(output.indexOf('\n')).trimmed();
    const QByteArray prefix = "listening on ";
    if (!line.startsWith(prefix)) {
        return u"unexpected first line from the OAuth peer: %1"_s.arg(QString::fromUtf8(line));
    }
    m_baseUrl = QUrl(QString::fromUtf8(line.mid(prefix.size())));
    return {};
}

void OidcPeer::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5'000)) {
            m_process.kill();
            m_process.waitForFinished(5'000);
        }
    }
}

QUrl OidcPeer::tokenUrl() const
{
    return m_baseUrl.resolved(QUrl(u"/token"_s));
}

QJsonObject OidcPeer::stats() const
{
    return QJsonDocument::fromJson(httpSync("GET", m_baseUrl.resolved(QUrl(u"/_peer/stats"_s)))).object();
}

int OidcPeer::tokenRequests() const
{
    return stats().value(u"token_requests"_s).toInt(-1);
}

QJsonObject OidcPeer::lastRequest() const
{
    return stats().value(u"last"_s).toObject();
}

void OidcPeer::reset() const
{
    httpSync("POST", m_baseUrl.resolved(QUrl(u"/_peer/reset"_s)));
}

} // namespace appint::test
