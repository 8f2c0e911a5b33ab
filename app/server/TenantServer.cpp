#include "server/TenantServer.h"

#include "core/ClientRules.h"
#include "core/OAuthNames.h"
#include "core/Secret.h"
#include "server/crypto/Crypto.h"
#include "server/crypto/SecretCipher.h"
#include "server/crypto/XmlSecurity.h"
#include "server/http/Acceptor.h"
#include "server/http/BlockingPool.h"
#include "server/http/ConnectionLimiter.h"
#include "server/http/HttpWorker.h"
#include "server/http/LogPrivacy.h"
#include "server/management/DemoData.h"
#include "server/management/IdentityProviderEndpoints.h"
#include "server/management/ManagementEndpoints.h"
#include "server/oauth/AuthorizationSessions.h"
#include "server/oauth/AuthorizeEndpoints.h"
#include "server/oauth/OAuthEndpoints.h"
#include "server/oauth/RateLimiter.h"
#include "server/oauth/RefreshTokens.h"
#include "server/oauth/SamlBearerGrant.h"
#include "server/oauth/SamlReplayCache.h"
#include "server/oauth/SigningKey.h"
#include "server/oauth/TenantUserDirectory.h"
#include "server/oauth/TokenService.h"
#include "server/oauth/UserGrants.h"
#include "server/scim/ScimEndpoints.h"
#include "server/storage/SecureFile.h"
#include "server/storage/Store.h"
#include "server/tenant/IdentityProviders.h"
#include "server/tenant/Tenant.h"
#include "server/tenant/Users.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QThread>
#include <QTimer>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace appint {

Q_LOGGING_CATEGORY(lcServer, "appint.server", QtInfoMsg)

namespace {

const QString BootstrapFlag = u"bootstrapped_at"_s;
const QString BootstrapUserName = u"TENANT_ADMIN"_s;
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
    m_refreshHashKey = Crypto::hmacSha256(master, "appint refresh token hash v1");

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
    const QString portFile = QDir(m_options.dataDir).absoluteFilePath(u"listen-port"_s);
    quint16 port = m_options.port;
    if (port == 0 && m_options.rememberPort) {
        QFile file(portFile);
        if (file.open(QIODevice::ReadOnly)) {
            bool ok = false;
            const uint remembered = file.read(16).trimmed().toUInt(&ok);
            if (ok && remembered > 0 && remembered <= 65535) {
                port = quint16(remembered);
            }
        }
    }
    bool listening = m_acceptor->listen(m_options.address, port);
    if (!listening && port != m_options.port) {
        listening = m_acceptor->listen(m_options.address, 0); // the remembered port is taken
    }
    if (!listening) {
        return fail(error,
                    u"cannot listen on %1:%2: %3"_s.arg(hostText(m_options.address))
                        .arg(m_options.port)
                        .arg(m_acceptor->errorString()));
    }
    m_acceptor->pauseAccepting(); // until the workers run
    m_baseUrl = QUrl(u"http://%1:%2"_s.arg(hostText(m_options.address)).arg(m_acceptor->serverPort()));
    if (m_options.port == 0 && m_options.rememberPort) {
        QSaveFile file(portFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::number(m_acceptor->serverPort()) + '\n') < 0
            || !file.commit()) {
            m_warnings.append(tr("cannot remember the port in %1: %2").arg(portFile, file.errorString()));
        }
    }

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
    if (!XmlSecurity::initialize(&problem)) {
        return fail(error, tr("XML signatures (xmlsec1) are unavailable: %1").arg(problem));
    }
    m_identityProviders = std::make_unique<IdentityProviders>(*m_store, *m_clock);
    m_samlReplays = std::make_unique<SamlReplayCache>(*m_store);
    if (!m_identityProviders->load(&problem) || !m_samlReplays->load(m_clock->now(), &problem)) {
        return fail(error, problem);
    }
    m_tokens = std::make_unique<TokenService>(*m_signingKey, m_issuer, *m_tenant);
    RateLimiter::Limits limits;
    limits.maxTrackedAddresses = std::max<qsizetype>(1, m_options.maxRateLimitedAddresses);
    m_limiter = std::make_unique<RateLimiter>(limits);
    // Tenant::load() pruned once; from now on, periodically.
    m_pruneTimer = new QTimer(this);
    m_pruneTimer->setInterval(std::max(1000, m_options.pruneIntervalMs));
    connect(m_pruneTimer, &QTimer::timeout, this, [this] {
        if (m_tenant) {
            m_tenant->pruneRevokedTokens();
        }
    });
    m_pruneTimer->start();
    m_userDirectory = std::make_unique<TenantUserDirectory>(m_tenant->users());
    m_tokens->setUsers(m_userDirectory.get());
    m_signInLimiter = std::make_unique<RateLimiter>();
    m_sessions = std::make_unique<AuthorizationSessions>();
    m_refreshTokens = std::make_unique<RefreshTokens>(*m_store, m_refreshHashKey);
    if (QString pruneError; !m_refreshTokens->prune(m_clock->now(), &pruneError)) {
        qCWarning(lcServer) << "cannot prune expired refresh tokens:" << pruneError;
    }
    m_userGrants = std::make_unique<UserGrants>(*m_tenant, *m_tokens, *m_sessions, *m_refreshTokens, *m_clock);
    m_userGrants->setUsers(m_userDirectory.get());
    m_authorize = std::make_unique<AuthorizeEndpoints>(*m_tenant, *m_sessions, *m_signInLimiter, *m_clock, m_issuer,
                                                       m_info.tenantName);
    m_oauth = std::make_unique<OAuthEndpoints>(*m_tenant, *m_tokens, *m_userGrants, *m_limiter, *m_clock);
    m_management = std::make_unique<ManagementEndpoints>(*m_tenant, *m_tokens, *m_clock, m_info);
    // A NameID names a tenant user by userName (api.md "SAML 2.0 bearer").
    const Tenant* tenant = m_tenant.get();
    const auto users = [tenant](const QString& userName) -> std::optional<SamlBearerGrant::User> {
        const UserRecord user = tenant->users().userByName(userName);
        if (!user) {
            return std::nullopt;
        }
        return SamlBearerGrant::User{user->userName, user->active, user->roles};
    };
    m_samlGrant
        = std::make_unique<SamlBearerGrant>(*m_identityProviders, *m_samlReplays, *m_tokens, *m_clock, m_info, users);
    m_oauth->setSamlGrant(m_samlGrant.get(), QUrl(m_info.samlTokenUrl).path());
    m_identityProviderEndpoints = std::make_unique<IdentityProviderEndpoints>(*m_identityProviders, *m_clock);
    m_router = std::make_unique<Router>();
    m_oauth->addRoutes(*m_router);
    m_authorize->setUsers(m_userDirectory.get());
    m_authorize->addRoutes(*m_router);
    m_management->addRoutes(*m_router);
    m_identityProviderEndpoints->addRoutes(*m_router, *m_management);
    m_scim = std::make_unique<ScimEndpoints>(*m_tenant, *m_tokens, m_issuer);
    m_scim->addRoutes(*m_router);
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

    // The bootstrap user (api.md "Users"): signs in interactively with the
    // random password handed over in the same file.
    const QString adminPassword = Crypto::randomToken(24);
    const TenantUser adminUser = Users::makeSeed(BootstrapUserName, tr("Tenant administrator"),
                                                 {RoleAssignment{oauth::RoleAdministrator, {}}}, adminPassword, now);
    if (adminUser.passwordHash.isEmpty()) {
        if (error) {
            *error = tr("cannot hash the bootstrap user's password");
        }
        return false;
    }

    QList<Tenant::Seed> clients{admin};
    QList<TenantUser> users{adminUser};
    AuditRecords audit{{now, Tenant::systemActor(), u"client.create"_s, admin.client.clientId,
                        u"created the bootstrap administrator (technical client, user ADMIN, role "
                        "DW_ADMINISTRATOR)"_s},
                       {now, Tenant::systemActor(), u"user.create"_s, adminUser.id,
                        u"created the bootstrap "_s + Users::describe(adminUser)}};
    Spaces spaces;
    Roles roles;
    if (m_options.demo) {
        DemoData::Content demo = DemoData::make(now);
        for (const Tenant::Seed& seed : std::as_const(demo.clients)) {
            audit.append({now, Tenant::systemActor(), u"client.create"_s, seed.client.clientId,
                          u"seeded demo client \"%1\""_s.arg(seed.client.clientName)});
        }
        for (const TenantUser& user : std::as_const(demo.users)) {
            audit.append(
                {now, Tenant::systemActor(), u"user.create"_s, user.id, u"seeded demo "_s + Users::describe(user)});
        }
        clients += demo.clients;
        spaces = demo.spaces;
        roles = demo.roles;
        users += demo.users;
    }

    const QJsonObject credentials{
        {u"client_id"_s, admin.client.clientId},
        {u"client_secret"_s, admin.secret},
        {u"token_url"_s, QString(m_issuer + u"/oauth/token"_s)},
        {u"user_name"_s, BootstrapUserName},
        {u"user_password"_s, adminPassword},
    };
    if (!SecureFile::create(pending, QJsonDocument(credentials).toJson(), error)) {
        return false;
    }
    if (!m_tenant->seed(clients, spaces, roles, audit, error, {{BootstrapFlag, QString::number(now)}}, users)) {
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

std::optional<QString> TenantServer::resetAdministrator(const ServerOptions& options, QString* error)
{
    TenantServer server(options);
    const auto clientId = server.resetAdmin(error);
    server.release();
    return clientId;
}

bool TenantServer::openOffline(QString* error)
{
    m_options.dataDir = QDir(m_options.dataDir).absolutePath();
    const QDir dir(m_options.dataDir);
    if (!QFileInfo::exists(dir.absoluteFilePath(storeFileName()))) {
        *error = tr("%1 holds no store; start appint-server on it once instead").arg(m_options.dataDir);
        return false;
    }
    m_lock = std::make_unique<QLockFile>(dir.absoluteFilePath(u"server.lock"_s));
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        m_lock.reset();
        *error = tr("an appint-server is using %1; stop it first").arg(m_options.dataDir);
        return false;
    }
    if (!openKeys(error)) {
        return false;
    }
    m_store = Store::open(dir.absoluteFilePath(storeFileName()), error);
    if (!m_store) {
        return false;
    }
    m_tenant = std::make_unique<Tenant>(*m_store, m_secretHashKey, SecretCipher(m_cipherKey), *m_clock);
    return m_tenant->load(error);
}

std::optional<qsizetype> TenantServer::importClients(const ServerOptions& options, const QString& file,
                                                     const QString& secretsOut, QString* error)
{
    TenantServer server(options);
    const auto count = server.importFile(file, secretsOut, error);
    server.release();
    return count;
}

std::optional<qsizetype> TenantServer::importFile(const QString& file, const QString& secretsOut, QString* error)
{
    // Read and parse every line before the store is touched.
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read %1: %2").arg(file, input.errorString());
        return std::nullopt;
    }
    if (QFileInfo::exists(secretsOut)) {
        *error = tr("%1 exists; the new secrets go to a new file").arg(secretsOut);
        return std::nullopt;
    }
    QList<Tenant::ImportLine> lines;
    qsizetype number = 0;
    while (!input.atEnd()) {
        const QByteArray text = input.readLine().trimmed();
        ++number;
        if (text.isEmpty()) {
            continue; // blank lines (a last line break) carry nothing
        }
        QJsonParseError parsed{};
        const QJsonDocument document = QJsonDocument::fromJson(text, &parsed);
        if (parsed.error != QJsonParseError::NoError || !document.isObject()) {
            *error = tr("%1 line %2: not a JSON object (%3)")
                         .arg(file)
                         .arg(number)
                         .arg(parsed.error != QJsonParseError::NoError
                                  ? tr("%1 at character %2").arg(parsed.errorString()).arg(parsed.offset + 1)
                                  : tr("a JSON value of another type"));
            return std::nullopt;
        }
        lines.append({number, document.object()});
    }
    if (input.error() != QFileDevice::NoError) {
        *error = tr("cannot read %1: %2").arg(file, input.errorString());
        return std::nullopt;
    }
    if (lines.isEmpty()) {
        *error = tr("%1 holds no client").arg(file);
        return std::nullopt;
    }
    if (!openOffline(error)) {
        return std::nullopt;
    }
    bool secretsWritten = false;
    const auto keep = [&](const QList<Tenant::NewSecret>& created, QString* problem) {
        QByteArray content;
        content.reserve(created.size() * 128);
        for (qsizetype i = 0; i < created.size(); ++i) {
            content += QJsonDocument(QJsonObject{{u"line"_s, lines.at(i).lineNumber},
                                                 {u"client_id"_s, created.at(i).client.clientId},
                                                 {u"client_secret"_s, created.at(i).secret}})
                           .toJson(QJsonDocument::Compact);
            content += '\n';
        }
        secretsWritten = SecureFile::create(secretsOut, content, problem);
        wipeBytes(content);
        return secretsWritten;
    };
    const auto imported = m_tenant->importClients(lines, Tenant::systemActor(), keep);
    if (!imported.ok()) {
        if (secretsWritten) {
            QFile::remove(secretsOut); // the clients were not stored: their secrets are nothing
        }
        *error = imported.status == OutcomeStatus::Invalid || imported.status == OutcomeStatus::Conflict
            ? u"%1 %2"_s.arg(file, imported.detail)
            : tr("cannot store the clients: %1").arg(imported.detail);
        return std::nullopt;
    }
    return imported.value.size();
}

std::optional<QString> TenantServer::resetAdmin(QString* error)
{
    const auto fail = [error](const QString& message) -> std::optional<QString> {
        if (error && !message.isEmpty()) {
            *error = message;
        }
        return std::nullopt;
    };
    QString problem;
    if (!openOffline(&problem)) {
        return fail(problem);
    }
    const QString path = bootstrapFilePath();
    QString tokenUrl;
    if (!m_options.issuer.isEmpty()) {
        QString issuer = m_options.issuer;
        while (issuer.endsWith(u'/')) {
            issuer.chop(1);
        }
        tokenUrl = issuer + u"/oauth/token"_s;
    } else if (const auto old = SecureFile::read(path, nullptr)) {
        tokenUrl = QJsonDocument::fromJson(*old).object().value(u"token_url"_s).toString();
    }

    const qint64 now = m_clock->now();
    Tenant::Seed admin;
    admin.client = ClientRules::withDefaults(Purpose::Technical, now);
    admin.client.clientId = Tenant::newClientId();
    admin.client.clientName = tr("Bootstrap administrator");
    admin.client.userId = u"ADMIN"_s;
    for (int n = 2; m_tenant->isUserIdTaken(admin.client.userId); ++n) {
        admin.client.userId = u"ADMIN_%1"_s.arg(n);
    }
    admin.client.roles = {RoleAssignment{oauth::RoleAdministrator, {}}};
    admin.client.clientSecretExpiresAt = QDateTime::fromSecsSinceEpoch(now, Qt::UTC).addYears(1).toSecsSinceEpoch();
    admin.client.clientIdIssuedAt = now;
    admin.secret = Tenant::newSecret();
    const AuditRecords audit{{now, Tenant::systemActor(), u"client.create"_s, admin.client.clientId,
                              u"--reset-admin created a new bootstrap administrator (technical client, user %1, role "
                              "DW_ADMINISTRATOR)"_s.arg(admin.client.userId)}};
    QJsonObject credentials{{u"client_id"_s, admin.client.clientId}, {u"client_secret"_s, admin.secret}};
    if (!tokenUrl.isEmpty()) {
        credentials.insert(u"token_url"_s, tokenUrl);
    }
    // The new file is complete beside the old one before the client exists,
    // and replaces it in one rename once the client is stored.
    const QString pending = path + u".new"_s;
    QFile::remove(pending);
    if (!SecureFile::create(pending, QJsonDocument(credentials).toJson(), &problem)) {
        return fail(problem);
    }
    if (!m_tenant->seed({admin}, {}, {}, audit, &problem)) {
        QFile::remove(pending);
        return fail(tr("cannot store the new administrator: %1").arg(problem));
    }
    if (!SecureFile::rename(pending, path, &problem)) {
        return fail(problem);
    }
    return admin.client.clientId;
}

int TenantServer::openConnections() const
{
    return m_connectionLimiter ? m_connectionLimiter->open() : 0;
}

void TenantServer::startWorkers(int count)
{
    Store* store = m_store.get();
    const HttpConnection::Context context{m_router.get(), m_pool.get(), &m_bufferedBodyBytes, &m_lingering,
                                          m_options.limits};
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
    delete m_pruneTimer;
    m_pruneTimer = nullptr;
    m_pool.reset();
    m_router.reset();
    m_identityProviderEndpoints.reset();
    m_samlGrant.reset();
    m_samlReplays.reset();
    m_identityProviders.reset();
    m_scim.reset();
    m_management.reset();
    m_oauth.reset();
    m_authorize.reset();
    m_userGrants.reset();
    m_refreshTokens.reset();
    m_sessions.reset();
    m_signInLimiter.reset();
    m_limiter.reset();
    m_tokens.reset();
    m_userDirectory.reset();
    m_tenant.reset();
    if (m_store) {
        m_store->releaseThreadConnection();
    }
    m_store.reset();
    m_signingKey.reset();
    m_secretHashKey.fill('\0');
    m_cipherKey.fill('\0');
    m_refreshHashKey.fill('\0');
    if (m_lock) {
        m_lock->unlock();
    }
    m_lock.reset();
}

} // namespace appint
