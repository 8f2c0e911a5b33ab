#pragma once

#include "core/AuditRecord.h"
#include "core/Role.h"
#include "core/Space.h"
#include "server/storage/StoredClient.h"
#include "server/storage/StoredRefreshToken.h"
#include "server/tenant/IdentityProvider.h"
#include "server/tenant/TenantUser.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace appint {

// The tenant's durable state in SQLite (Qt Sql): clients, scoped roles,
// spaces, the audit log and revoked tokens. WAL journal with
// synchronous=FULL, so a committed write survives a crash or power loss
// before the server answers. The schema is versioned (PRAGMA user_version)
// and migrated forward on open; a store from a newer server is refused.
//
// Each thread uses its own connection (Qt Sql connections are per thread).
// Writes happen in one transaction each, through write(); the caller
// serialises writers.
class Store
{
    Q_DECLARE_TR_FUNCTIONS(Store)

public:
    static constexpr int SchemaVersion = 4;

    class Writer;

    struct Snapshot
    {
        QList<StoredClient> clients;
        Roles roles; // the scoped roles; the standard ones are not stored
        Spaces spaces;
        QHash<QString, qint64> revokedTokens; // jti -> expires_at
        QHash<QString, QString> meta;
        QList<TenantUser> users;
    };

    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Opens (or creates) the database file and brings its schema up to date.
    static std::unique_ptr<Store> open(const QString& path, QString* error);

    QString path() const { return m_path; }
    // Whether open() created the file (a first start).
    bool isNew() const { return m_new; }
    int schemaVersionOnOpen() const { return m_versionOnOpen; }

    std::optional<Snapshot> load(QString* error);

    // Why the last failed write() on this thread failed, for the answer the
    // server gives: another writer held the store past the busy timeout, the
    // disk is full, the store cannot be written (read-only, I/O error), or
    // anything else (a constraint, a bug).
    enum class Failure { None, Busy, Full, Unavailable, Other };
    // How long a write waits for another process's write lock (SQLite's
    // busy timeout) before it fails with Failure::Busy.
    static constexpr int BusyTimeoutMs = 2000;
    // The trusted SAML identity providers, oldest first (issue 14).
    std::optional<QList<IdentityProvider>> loadIdentityProviders(QString* error);
    // The SAML assertion-ID replay cache: id hash -> expires_at.
    std::optional<QHash<QString, qint64>> loadSamlAssertionIds(QString* error);

    // Runs `body` in one transaction on this thread's connection; commits if
    // it returns true, rolls back otherwise or when the commit fails. The
    // transaction takes the write lock at once (BEGIN IMMEDIATE).
    bool write(const std::function<bool(Writer&)>& body, QString* error);
    static Failure lastFailure();

    // Records with from <= time < to, oldest first.
    std::optional<AuditRecords> audit(qint64 from, qint64 to, QString* error);

    // The refresh token with this hash (none or one), and all tokens of a
    // family.
    std::optional<StoredRefreshTokens> refreshToken(const QByteArray& tokenHash, QString* error);
    std::optional<StoredRefreshTokens> refreshTokenFamily(const QString& familyId, QString* error);

    // Closes this thread's connection; threads that used the store call it
    // before they end.
    void releaseThreadConnection();

private:
    Store() = default;
    QSqlDatabase connection(QString* error);
    bool migrate(QSqlDatabase& db, QString* error);
    std::optional<StoredRefreshTokens> refreshTokens(const QString& column, const QVariant& value, QString* error);

    QString m_path;
    bool m_new = false;
    int m_versionOnOpen = 0;
    quint64 m_instance = 0;
    QMutex m_namesMutex;
    QStringList m_connectionNames;
};

// The write operations of one transaction (see Store::write).
class Store::Writer
{
public:
    explicit Writer(QSqlDatabase db);

    bool insertClient(const StoredClient& client);
    bool updateClient(const StoredClient& client);
    bool deleteClient(const QString& clientId);
    bool insertRole(const Role& role);
    bool deleteRole(const QString& roleId);
    bool insertSpace(const Space& space);
    bool deleteSpace(const QString& spaceId);
    bool appendAudit(const AuditRecord& record);
    bool insertRevokedToken(const QString& jti, const QString& clientId, qint64 expiresAt);
    bool pruneRevokedTokens(qint64 now);
    bool setMeta(const QString& key, const QString& value);
    bool insertIdentityProvider(const IdentityProvider& idp);
    bool deleteIdentityProvider(const QString& idpId);
    // Fails on an id hash already stored (a replayed assertion).
    bool insertSamlAssertionId(const QString& idHash, qint64 expiresAt);
    bool pruneSamlAssertionIds(qint64 now);
    bool insertRefreshToken(const StoredRefreshToken& token);
    // Sets *retired when this call retired the token (false when it already
    // was, or is unknown: a concurrent refresh got there first).
    bool retireRefreshToken(const QByteArray& tokenHash, bool* retired);
    bool deleteRefreshTokenFamily(const QString& familyId);
    bool pruneRefreshTokens(qint64 now);
    bool insertUser(const TenantUser& user);
    bool updateUser(const TenantUser& user);
    bool deleteUser(const QString& id);

    QString lastError() const { return m_error; }
    QSqlError lastSqlError() const { return m_sqlError; }

private:
    bool run(QSqlQuery& query);
    QSqlQuery& prepared(const QString& sql);
    // Runs `sql` with its positional placeholders bound to `values`, in order.
    bool execute(const QString& sql, const QVariantList& values);
    bool writeClient(const QString& sql, const StoredClient& client);
    bool writeUser(const QString& sql, const TenantUser& user);

    QSqlDatabase m_db;
    std::map<QString, std::unique_ptr<QSqlQuery>> m_queries;
    int m_rowsAffected = 0;
    QString m_error;
    QSqlError m_sqlError;
};

} // namespace appint
