#include "server/TenantServer.h"

#include "core/ClientRules.h"
#include "core/OAuthNames.h"
#include "server/crypto/Crypto.h"
#include "server/crypto/SecretCipher.h"
#include "server/http/Acceptor.h"
#include "server/http/BlockingPool.h"
#include "server/http/ConnectionLimiter.h"
#include "server/http/HttpWorker.h"
#include "server/http/LogPrivacy.h"
#include "server/management/DemoData.h"
#include "server/management/ManagementEndpoints.h"
#include "server/oauth/OAuthEndpoints.h"
#include "server/oauth/RateLimiter.h"
#include "server/oauth/SigningKey.h"
#include "server/oauth/TokenService.h"
#include "server/storage/SecureFile.h"
#include "server/storage/Store.h"
#include "server/tenant/Tenant.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QLoggingCategory>
#include <QThread>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace appint {

Q_LOGGING_CATEGORY(lcServer, "appint.server", QtInfoMsg)

namespace {

const QString BootstrapFlag = u"bootstrapped_at"_s;
constexpr int MaximumThreads = 8;

// A shared_ptr to the process-wide system clock, which is never deleted.
std::shared_ptr<const Clock> systemClock()
{
    return std::shared_ptr<const Clock>(&Clock::system(), [](const Clock*) {});
}

QString hostText(const QHostAddress& address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol ? u"[%1]"_s.arg(address.toString()) : address.toString();
}

} // namespace

TenantServer::TenantServer(ServerOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(m_options.clock ? m_options.clock : systemClock())
{
    LogPrivacy::install();
}

TenantServer::~TenantServer()
{
    stop();
}

QString TenantServer::storeFileName()
{
    return u"tenant.db"_s;
}

QString TenantServer::bootstrapFilePath() const
{
    return QDir(m_options.dataDir).absoluteFilePath(u"bootstrap-admin.json"_s);
}

QUrl TenantServer::baseUrl() const
{
    return m_baseUrl;
}

QList<Router::RouteInfo> TenantServer::routes() const
{
    return m_router ? m_router->routes() : QList<Router::RouteInfo>();
}

bool TenantServer::openKeys(QString* error)
{
    const QDir dir(m_options.dataDir);
    const QString keyPath = dir.absoluteFilePath(u"server.key"_s);
    QByteArray master;
    if (QFileInfo::exists(keyPath)) {
        QString warning;
        const auto text = SecureFile::read(keyPath, error, &warning);
        if (!text) {
            return false;
        }
        if (!warning.isEmpty()) {
            m_warnings.append(warning);
        }
        master = QByteArray::fromBase64(text->trimmed());
        if (master.size() != 32) {
            if (error) {
                *error = tr("%1 does not hold a 256-bit key").arg(keyPath);
            }
            return false;
        }
    } else {
        master = Crypto::randomBytes(32);
        if (!SecureFile::create(keyPath, master.toBase64() + '\n', error)) {
            return false;
        }
    }
    // Separate keys for separate purposes, derived from the one master key.
    m_secretHashKey = Crypto::hmacSha256(master, "appint client secret hash v1");
    m_cipherKey = Crypto::hmacSha256(master, "appint legacy secret encryption v1");

    QString warning;
    m_signingKey = SigningKey::loadOrCreate(dir.absoluteFilePath(u"signing-key.pem"_s), error, &warning);
    if (!warning.isEmpty()) {
        m_warnings.append(warning);
    }
    return m_signingKey != nullptr;
}

bool TenantServer::start(QString* error)
{
    if (m_running) {
        return true;
    }
    m_warnings.clear();
    m_bootstrapped = false;
    m_demoSeeded = false;
    if (m_options.dataDir.isEmpty()) {
        if (error) {
            *error = tr("no data folder given");
        }
        return false;
    }
    m_options.dataDir = QDir(m_options.dataDir).absolutePath();
    if (!SecureFile::ensurePrivateDirectory(m_options.dataDir, error)) {
        return false;
    }
    m_lock = std::make_unique<QLockFile>(QDir(m_options.dataDir).absoluteFilePath(u"server.lock"_s));
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        if (error) {
            *error = tr("another appint-server is using %1").arg(m_options.dataDir);
        }
        m_lock.reset();
        return false;
    }
    const auto fail = [this](QString* out, const QString& message) {
        if (out && !message.isEmpty()) {
            *out = message;
        }
        release();
        return false;
    };
    QString problem;
    if (!openKeys(&problem)) {
        return fail(error, problem);
    }
    m_store = Store::open(QDir(m_options.dataDir).absoluteFilePath(storeFileName()), &problem);
    if (!m_store) {
        return fail(error, problem);
    }

    m_connectionLimiter = std::make_shared<ConnectionLimiter>(m_options.limits.maxConnections,
                                                              m_options.limits.maxConnectionsPerAddress);
    auto* acceptor = new Acceptor(
        [this](qintptr descriptor) {
            const QByteArray peer = ConnectionLimiter::peerKey(descriptor);
            // Beyond the limits a new connection is closed at once, before
            // it costs anything but the accept.
            if (m_workers.isEmpty() || !m_connectionLimiter->tryAcquire(peer)) {
                ::close(int(descriptor));
                return;
            }
            std::function<void()> release = [limiter = m_connectionLimiter, peer] { limiter->release(peer); };
            HttpWorker* worker = m_workers.at(m_nextWorker++ % m_workers.size()).worker;
            QMetaObject::invokeMethod(
                worker, [worker, descriptor, release] { worker->adopt(descriptor, release); }, Qt::QueuedConnection);
        },
        this);
    m_acceptor = acceptor;
    // Room for a burst of new connections (a load test opens hundreds at
    // once); Qt's default of 50 drops SYNs and costs the client a second.
    m_acceptor->setListenBacklogSize(1024);
    if (!m_acceptor->listen(m_options.address, m_options.port)) {
        return fail(error,
                    u"cannot listen on %1:%2: %3"_s.arg(hostText(m_options.address))
                        .arg(m_options.port)
                        .arg(m_acceptor->errorString()));
    }
    m_acceptor->pauseAccepting(); // until the workers run
    m_baseUrl = QUrl(u"http://%1:%2"_s.arg(hostText(m_options.address)).arg(m_acceptor->serverPort()));

    m_issuer = m_options.issuer.isEmpty() ? m_baseUrl.toString() : m_options.issuer;
    while (m_issuer.endsWith(u'/')) {
        m_issuer.chop(1);
    }
    const QUrl issuerUrl(m_issuer, QUrl::StrictMode);
    if (!issuerUrl.isValid() || (issuerUrl.scheme() != u"http"_s && issuerUrl.scheme() != u"https"_s)
        || issuerUrl.host().isEmpty() || issuerUrl.hasQuery() || issuerUrl.hasFragment()) {
        return fail(error, tr("the issuer must be an http or https URL without query or fragment: %1").arg(m_issuer));
    }
    m_info.tenantName = m_options.tenantName.isEmpty() ? tr("Local tenant") : m_options.tenantName;
    m_info.issuer = m_issuer;
    m_info.authorizationUrl = m_issuer + u"/oauth/authorize"_s;
    m_info.tokenUrl = m_issuer + u"/oauth/token"_s;
    m_info.samlTokenUrl = m_issuer + u"/oauth/token/alias/saml2"_s;
    m_info.samlAudience = m_issuer;

    m_tenant = std::make_unique<Tenant>(*m_store, m_secretHashKey, SecretCipher(m_cipherKey), *m_clock);
    if (!m_tenant->load(&problem) || !bootstrap(&problem)) {
        return fail(error, problem);
    }
    m_tokens = std::make_unique<TokenService>(*m_signingKey, m_issuer, *m_tenant);
    m_limiter = std::make_unique<RateLimiter>();
    m_oauth = std::make_unique<OAuthEndpoints>(*m_tenant, *m_tokens, *m_limiter, *m_clock);
    m_management = std::make_unique<ManagementEndpoints>(*m_tenant, *m_tokens, *m_clock, m_info);
    m_router = std::make_unique<Router>();
    m_oauth->addRoutes(*m_router);
    m_management->addRoutes(*m_router);
    if (m_options.extraRoutes) {
        m_options.extraRoutes(*m_router);
    }
    Store* store = m_store.get();
    m_pool = std::make_unique<BlockingPool>(m_options.limits.blockingThreads, m_options.limits.blockingQueue,
                                            [store] { store->releaseThreadConnection(); });

    int threads = m_options.threads > 0 ? m_options.threads : QThread::idealThreadCount();
    threads = std::clamp(threads, 1, MaximumThreads);
    startWorkers(threads);
    m_acceptor->resumeAccepting();
    m_running = true;
    qCInfo(lcServer).noquote() << "serving" << m_options.dataDir << "on" << m_baseUrl.toString() << "with" << threads
                               << "HTTP threads";
    return true;
}

bool TenantServer::bootstrap(QString* error)
{
    const QString path = bootstrapFilePath();
    const QString pending = path + u".new"_s;
    if (!m_tenant->meta(BootstrapFlag).isEmpty()) {
        // Finish a hand-over that a crash interrupted; otherwise leave the
        // file (or its absence) alone.
        if (!QFileInfo::exists(path) && QFileInfo::exists(pending)) {
            SecureFile::rename(pending, path, nullptr);
        }
        if (m_options.demo) {
            m_warnings.append(tr("--demo ignored: %1 already holds a store, and demo data only goes into a new one")
                                  .arg(m_options.dataDir));
        }
        return true;
    }
    // A first start: no administrator exists yet. Credentials left over from
    // a store that was deleted belong to nobody.
    QFile::remove(pending);
    QFile::remove(path);

    const qint64 now = m_clock->now();
    Tenant::Seed admin;
    admin.client = ClientRules::withDefaults(Purpose::Technical, now);
    admin.client.clientId = Tenant::newClientId();
    admin.client.clientName = tr("Bootstrap administrator");
    admin.client.userId = u"ADMIN"_s;
    admin.client.roles = {RoleAssignment{oauth::RoleAdministrator, {}}};
    admin.client.clientSecretExpiresAt = QDateTime::fromSecsSinceEpoch(now, Qt::UTC).addYears(1).toSecsSinceEpoch();
    admin.client.clientIdIssuedAt = now;
    admin.secret = Tenant::newSecret();

    QList<Tenant::Seed> clients{admin};
    AuditRecords audit{{now, Tenant::systemActor(), u"client.create"_s, admin.client.clientId,
                        u"created the bootstrap administrator (technical client, user ADMIN, role "
                        "DW_ADMINISTRATOR)"_s}};
    Spaces spaces;
    Roles roles;
    if (m_options.demo) {
        DemoData::Content demo = DemoData::make(now);
        for (const Tenant::Seed& seed : std::as_const(demo.clients)) {
            audit.append({now, Tenant::systemActor(), u"client.create"_s, seed.client.clientId,
                          u"seeded demo client \"%1\""_s.arg(seed.client.clientName)});
        }
        clients += demo.clients;
        spaces = demo.spaces;
        roles = demo.roles;
    }

    const QJsonObject credentials{
        {u"client_id"_s, admin.client.clientId},
        {u"client_secret"_s, admin.secret},
        {u"token_url"_s, QString(m_issuer + u"/oauth/token"_s)},
    };
    if (!SecureFile::create(pending, QJsonDocument(credentials).toJson(), error)) {
        return false;
    }
    if (!m_tenant->seed(clients, spaces, roles, audit, error, {{BootstrapFlag, QString::number(now)}})) {
        QFile::remove(pending);
        return false;
    }
    if (!SecureFile::rename(pending, path, error)) {
        return false;
    }
    m_bootstrapped = true;
    m_demoSeeded = m_options.demo;
    return true;
}

void TenantServer::startWorkers(int count)
{
    Store* store = m_store.get();
    const HttpConnection::Context context{m_router.get(), m_pool.get(), &m_bufferedBodyBytes, m_options.limits};
    for (int i = 0; i < count; ++i) {
        auto* thread = new QThread;
        thread->setObjectName(u"appint-http-%1"_s.arg(i));
        auto* worker = new HttpWorker(context, [store] { store->releaseThreadConnection(); });
        worker->moveToThread(thread);
        thread->start();
        m_workers.append({thread, worker});
    }
}

void TenantServer::stop()
{
    if (m_acceptor) {
        m_acceptor->close();
    }
    const int grace = m_options.drainTimeoutMs;
    for (const Worker& entry : std::as_const(m_workers)) {
        HttpWorker* worker = entry.worker;
        QMetaObject::invokeMethod(
            worker, [worker, grace] { worker->drain(grace); }, Qt::QueuedConnection);
    }
    for (const Worker& entry : std::as_const(m_workers)) {
        if (!entry.thread->wait(QDeadlineTimer(grace + 5000))) {
            qCWarning(lcServer) << "an HTTP thread did not finish; stopping it";
            entry.thread->quit();
            entry.thread->wait();
        }
        delete entry.worker;
        delete entry.thread;
    }
    m_workers.clear();
    if (m_pool) {
        m_pool->shutdown(); // the Blocking handlers still running finish
    }
    if (m_running) {
        qCInfo(lcServer).noquote() << "stopped serving" << m_options.dataDir;
    }
    m_running = false;
    release();
}

void TenantServer::release()
{
    delete m_acceptor;
    m_acceptor = nullptr;
    m_pool.reset();
    m_router.reset();
    m_management.reset();
    m_oauth.reset();
    m_limiter.reset();
    m_tokens.reset();
    m_tenant.reset();
    if (m_store) {
        m_store->releaseThreadConnection();
    }
    m_store.reset();
    m_signingKey.reset();
    m_secretHashKey.fill('\0');
    m_cipherKey.fill('\0');
    if (m_lock) {
        m_lock->unlock();
    }
    m_lock.reset();
}

} // namespace appint
