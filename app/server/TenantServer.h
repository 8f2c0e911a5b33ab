#pragma once

#include "core/Clock.h"
#include "core/TenantInfo.h"
#include "server/http/HttpLimits.h"
#include "server/http/Router.h"

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QLockFile;
class QThread;
class QTimer;

namespace appint {

class Acceptor;
class AuthorizationSessions;
class AuthorizeEndpoints;
class BlockingPool;
class ConnectionLimiter;
class HttpWorker;
class IdentityProviderEndpoints;
class IdentityProviders;
class ManagementEndpoints;
class OAuthEndpoints;
class RateLimiter;
class SamlBearerGrant;
class SamlReplayCache;
class ScimEndpoints;
class SigningKey;
class Store;
class Tenant;
class TokenService;
class RefreshTokens;
class UserDirectory;
class UserGrants;

struct ServerOptions
{
    QString dataDir;
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0; // 0: an ephemeral port
    QString issuer; // empty: the base URL it listens on
    QString tenantName;
    bool demo = false; // seed demo data into a new store
    std::shared_ptr<const Clock> clock; // null: the system clock
    int threads = 0; // HTTP threads; 0: one per core (at most 8)
    int drainTimeoutMs = 10000; // how long stop() lets requests in flight finish
    int pruneIntervalMs = 3600 * 1000; // how often expired revocations are forgotten (also at start)
    qsizetype maxRateLimitedAddresses = 100'000; // addresses the rate limiter remembers at most
    // With port 0: ask for the port of the last start again (kept in
    // DIR/listen-port) and fall back to an ephemeral one when it is taken, so
    // that the issuer and the URLs handed out stay the same (the sandbox).
    bool rememberPort = false;
    HttpLimits limits; // of the HTTP edge (api.md "Limits and recovery")
    // Adds routes of the embedder's own after the service's (tests use it
    // for routes with known timing).
    std::function<void(Router&)> extraRoutes;
};

// The tenant service (api.md): an OAuth 2.0 authorization server and the
// management API over one SQLite store in `dataDir`. start() opens or
// creates the store and keys, creates the bootstrap administrator on a
// first start, and listens; requests are served by several HTTP threads.
// Lives on the thread that calls start(); stop() (also run by the
// destructor) finishes requests in flight and releases the data folder.
class TenantServer : public QObject
{
    Q_OBJECT

public:
    explicit TenantServer(ServerOptions options, QObject* parent = nullptr);
    ~TenantServer() override;

    bool start(QString* error);
    void stop();
    bool isRunning() const { return m_running; }

    // http://HOST:PORT once started.
    QUrl baseUrl() const;
    QString issuer() const { return m_issuer; }
    TenantInfo tenantInfo() const { return m_info; }
    // DIR/bootstrap-admin.json (whether or not it still exists).
    QString bootstrapFilePath() const;
    // Whether this start created the bootstrap administrator (and its file).
    bool createdBootstrapAdministrator() const { return m_bootstrapped; }
    bool seededDemoData() const { return m_demoSeeded; }
    // Things worth telling the operator (a key file's mode was tightened,
    // --demo ignored for an existing store, ...).
    QStringList warnings() const { return m_warnings; }

    QList<Router::RouteInfo> routes() const;
    // The router every HTTP thread answers through; null before start()
    // (the HTTP fuzz target drives it directly).
    const Router* router() const { return m_router.get(); }
    // The tenant, for seeding (benchmarks) and inspection; null before start.
    Tenant* tenant() const { return m_tenant.get(); }
    // Connections holding a slot of --max-connections now (any thread).
    int openConnections() const;

    static QString storeFileName();

    // `appint-server --data-dir DIR --reset-admin` (offline): makes a new
    // bootstrap administrator in the store of options.dataDir and writes its
    // credentials to a new DIR/bootstrap-admin.json (0600, replacing the old
    // one atomically), with an audit record. Refused while a server holds
    // the folder. The token_url in the file comes from options.issuer, else
    // from the file it replaces. Returns the new client_id.
    static std::optional<QString> resetAdministrator(const ServerOptions& options, QString* error);

    // `appint-server --data-dir DIR --import FILE --import-secrets-out OUT`
    // (offline, docs/server.md "Importing clients"): the clients of FILE, one
    // JSON object a line, all or none, through Tenant::importClients; their
    // new secrets go to OUT (created 0600, refused if it exists), one JSON
    // object a line. Returns the number of clients imported; on failure
    // nothing is stored and OUT does not exist.
    static std::optional<qsizetype> importClients(const ServerOptions& options, const QString& file,
                                                  const QString& secretsOut, QString* error);

private:
    bool openKeys(QString* error);
    bool bootstrap(QString* error);
    std::optional<QString> resetAdmin(QString* error);
    // The offline tools' start: the folder's lock, keys, store and tenant.
    bool openOffline(QString* error);
    std::optional<qsizetype> importFile(const QString& file, const QString& secretsOut, QString* error);
    void startWorkers(int count);
    void release();

    ServerOptions m_options;
    std::shared_ptr<const Clock> m_clock;
    std::unique_ptr<QLockFile> m_lock;
    QByteArray m_secretHashKey;
    QByteArray m_cipherKey;
    QByteArray m_refreshHashKey;
    std::unique_ptr<SigningKey> m_signingKey;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Tenant> m_tenant;
    std::unique_ptr<TokenService> m_tokens;
    std::unique_ptr<RateLimiter> m_limiter;
    QTimer* m_pruneTimer = nullptr;
    std::unique_ptr<RateLimiter> m_signInLimiter; // failed sign-ins, apart from client authentication
    std::unique_ptr<AuthorizationSessions> m_sessions;
    std::unique_ptr<RefreshTokens> m_refreshTokens;
    std::unique_ptr<UserDirectory> m_userDirectory; // the sign-in seam over the tenant's users
    std::unique_ptr<UserGrants> m_userGrants;
    std::unique_ptr<AuthorizeEndpoints> m_authorize;
    std::unique_ptr<OAuthEndpoints> m_oauth;
    std::unique_ptr<ManagementEndpoints> m_management;
    std::unique_ptr<IdentityProviders> m_identityProviders;
    std::unique_ptr<SamlReplayCache> m_samlReplays;
    std::unique_ptr<SamlBearerGrant> m_samlGrant;
    std::unique_ptr<IdentityProviderEndpoints> m_identityProviderEndpoints;
    std::unique_ptr<ScimEndpoints> m_scim;
    std::unique_ptr<Router> m_router;
    std::unique_ptr<BlockingPool> m_pool;
    std::shared_ptr<ConnectionLimiter> m_connectionLimiter;
    std::atomic<qint64> m_bufferedBodyBytes{0};
    std::atomic<int> m_lingering{0};
    Acceptor* m_acceptor = nullptr;
    struct Worker
    {
        QThread* thread = nullptr;
        HttpWorker* worker = nullptr;
    };
    QList<Worker> m_workers;
    qsizetype m_nextWorker = 0;
    QString m_issuer;
    TenantInfo m_info;
    QUrl m_baseUrl;
    QStringList m_warnings;
    bool m_running = false;
    bool m_bootstrapped = false;
    bool m_demoSeeded = false;
};

} // namespace appint
