#include "CliFixture.h"

#include "keychain/SecretStore.h"
#include "keychain/SystemSecretStore.h"

#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace appint::test {

QByteArray CliRun::describe() const
{
    return "exit " + QByteArray::number(exitCode) + (finished ? "" : " (did not finish)")
        + "\nstdout: " + standardOutput + "\nstderr: " + standardError;
}

QList<QByteArray> CliRun::errorLines() const
{
    QList<QByteArray> lines = standardError.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty()) {
        lines.removeLast();
    }
    return lines;
}

CliFixture::CliFixture()
    : m_config(QDir::tempPath() + u"/appint-cli-config-XXXXXX"_s)
    , m_runtime(QDir::tempPath() + u"/appint-cli-runtime-XXXXXX"_s)
{
    m_store = createSystemSecretStore(&m_owner);
}

CliFixture::~CliFixture() = default;

QString CliFixture::program()
{
    return QStringLiteral(APPINT_CLI_PROGRAM);
}

QString CliFixture::checkEnvironment()
{
    // Never the developer's own keyring or settings: with-test-session.sh
    // points the data folder (gnome-keyring's files) into a temporary tree.
    const QString dataHome = qEnvironmentVariable("XDG_DATA_HOME");
    if (dataHome.isEmpty() || !QDir(dataHome).canonicalPath().startsWith(QDir(QDir::tempPath()).canonicalPath())) {
        return u"Run the command line's tests in a private session: scripts/with-test-session.sh ctest -L cli"_s;
    }
    if (!QFileInfo(program()).isExecutable()) {
        return u"appint is not built: "_s + program();
    }
    return QString();
}

bool CliFixture::startServer(QString* error)
{
    TestServer::Options options;
    options.startTime = QDateTime::currentSecsSinceEpoch();
    m_server = std::make_unique<TestServer>(options);
    if (!m_server->start()) {
        *error = m_server->errorString();
        return false;
    }
    return true;
}

QString CliFixture::tenantUrl() const
{
    return m_server->baseUrl().toString(QUrl::StripTrailingSlash);
}

QString CliFixture::settingsFile() const
{
    return m_config.filePath(u"appint/appint.conf"_s);
}

QString CliFixture::tokenCacheFile() const
{
    return m_runtime.filePath(u"appint/token-cache.json"_s);
}

QByteArray CliFixture::settingsBytes() const
{
    QFile file(settingsFile());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QProcessEnvironment CliFixture::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"XDG_CONFIG_HOME"_s, m_config.path());
    environment.insert(u"XDG_RUNTIME_DIR"_s, m_runtime.path());
    environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    environment.remove(u"APPINT_TENANT"_s);
    environment.remove(u"QT_QPA_PLATFORM"_s); // appint must not need it
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    return environment;
}

CliRun CliFixture::run(const QStringList& arguments, const QByteArray& input, const QMap<QString, QString>& extra,
                       const QString& workingDirectory) const
{
    QProcessEnvironment environment = this->environment();
    for (auto it = extra.cbegin(); it != extra.cend(); ++it) {
        if (it.value().isNull()) {
            environment.remove(it.key());
        } else {
            environment.insert(it.key(), it.value());
        }
    }
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(workingDirectory.isEmpty() ? m_config.path() : workingDirectory);
    process.start(program(), arguments);
    CliRun run;
    if (!process.waitForStarted()) {
        run.standardError = process.errorString().toUtf8();
        return run;
    }
    process.write(input);
    process.closeWriteChannel();
    // A safety net for a hung program, not a speed limit.
    run.finished = process.waitForFinished(120'000);
    if (!run.finished) {
        process.kill();
        process.waitForFinished();
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.standardOutput = process.readAllStandardOutput();
    run.standardError = process.readAllStandardError();
    return run;
}

CliRun CliFixture::login() const
{
    return run({u"login"_s, u"--tenant"_s, tenantUrl(), u"--client-id"_s, m_server->adminClientId(),
                u"--client-secret-stdin"_s},
               m_server->adminSecret().toUtf8() + '\n');
}

namespace {
KeychainResult waitFor(const std::function<void(QObject*, SecretStore::Callback)>& start)
{
    QEventLoop loop;
    QObject context;
    std::optional<KeychainResult> result;
    start(&context, [&](const KeychainResult& answer) {
        result = answer;
        loop.quit();
    });
    if (!result) {
        loop.exec();
    }
    return *result;
}
} // namespace

KeychainResult CliFixture::keychainRead(const QString& key)
{
    return waitFor([&](QObject* context, SecretStore::Callback done) { m_store->read(key, context, done); });
}

KeychainResult CliFixture::keychainWrite(const QString& key, const QString& secret)
{
    return waitFor([&](QObject* context, SecretStore::Callback done) { m_store->write(key, secret, context, done); });
}

KeychainResult CliFixture::keychainRemove(const QString& key)
{
    return waitFor([&](QObject* context, SecretStore::Callback done) { m_store->remove(key, context, done); });
}

QString CliFixture::secretToolLookup(const QString& key)
{
    QProcess process;
    process.start(u"secret-tool"_s, {u"lookup"_s, u"server"_s, u"appint"_s, u"user"_s, key});
    if (!process.waitForFinished(30'000) || process.exitCode() != 0) {
        return QString();
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

QString CliFixture::adminToken()
{
    return m_http.token(m_server->tokenUrl(), m_server->adminClientId(), m_server->adminSecret());
}

QJsonObject CliFixture::createClient(const QJsonObject& body)
{
    const HttpTestReply reply = m_http.postJson(m_server->url(u"/api/v1/clients"_s), body, adminToken());
    return reply.status == 201 ? reply.object() : QJsonObject();
}

QJsonObject CliFixture::createTechnicalClient(const QString& name, const QString& userId, const QString& role)
{
    return createClient(QJsonObject{{u"client_name"_s, name},
                                    {u"purpose"_s, u"technical"_s},
                                    {u"user_id"_s, userId},
                                    {u"roles"_s, QJsonArray{QJsonObject{{u"role_id"_s, role}}}}});
}

} // namespace appint::test
