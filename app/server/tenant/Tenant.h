#pragma once

#include "core/AuditRecord.h"
#include "core/Client.h"
#include "core/ClientInput.h"
#include "core/ClientQuery.h"
#include "core/Clock.h"
#include "core/Role.h"
#include "core/Space.h"
#include "server/crypto/SecretCipher.h"
#include "server/storage/StoredClient.h"
#include "server/tenant/ClientListing.h"
#include "server/tenant/Outcome.h"
#include "server/tenant/TenantUser.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QReadWriteLock>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace appint {

class Store;
class Users;

// The tenant: clients, roles, spaces and revoked tokens, held in memory for
// the hot paths (client authentication, token checks, listing) and written
// through to the Store before any change becomes visible. Every management
// change is one store transaction together with its audit record, so a
// failed write changes nothing.
//
// Thread-safe: readers share a read lock; writers are serialised by a mutex
// and validate, write the store, then swap the in-memory records under a
// short exclusive lock. Records are immutable and shared, so a reader that
// holds one is never affected by a later change.
class Tenant
{
    Q_DECLARE_TR_FUNCTIONS(Tenant)

public:
    using Record = std::shared_ptr<const StoredClient>;

    // How long a management write waits for another one before it gives up
    // (503 with Retry-After) without changing anything.
    static constexpr std::chrono::milliseconds WriteWait{2000};
    static constexpr qint64 BusyRetryAfter = 2; // seconds
    static constexpr qint64 UnavailableRetryAfter = 30;

    // The actor of changes the server makes itself (bootstrap, demo data).
    static QString systemActor();

    Tenant(Store& store, QByteArray secretHashKey, SecretCipher cipher, const Clock& clock);
    ~Tenant();

    // Reads everything from the store.
    bool load(QString* error);

    qint64 now() const { return m_clock.now(); }

    // --- Reading
    Roles roles() const; // the standard roles, then the scoped ones
    Spaces spaces() const;
    std::optional<Client> client(const QString& clientId) const;
    Record record(const QString& clientId) const;
    qsizetype clientCount() const;
    bool isUserIdTaken(const QString& userId) const;

    // A page of GET /api/v1/clients: its cost follows its size (ClientListing).
    using Page = ClientListing::Page;
    Page listClients(const ClientQuery& query) const;
    // The changes after revision `since` (changed_since=), at most `limit`.
    std::optional<ClientListing::Changes> clientChanges(const QString& since, qint64 limit) const;
    std::optional<AuditRecords> audit(qint64 from, qint64 to, QString* error) const;

    // --- Management (actor: the administrator's client_id)
    struct NewSecret
    {
        Client client;
        QString secret; // empty when the secret did not change
    };
    Outcome<NewSecret> createClient(const QJsonObject& body, const QString& actor);

    // --- Import (`appint-server --import FILE`, docs/server.md "Importing
    // clients"): each line a POST /api/v1/clients body, optionally with the
    // client_id to keep. Checked as createClient checks a body, and the
    // client IDs and user IDs against the tenant and the other lines; all of
    // them stored in one transaction with one audit record each, or none
    // (the failure's detail names the first bad line and field). Each
    // client gets a new secret, returned here and nowhere else.
    struct ImportLine
    {
        qsizetype lineNumber = 0;
        QJsonObject body;
    };
    // `keep` runs once all lines passed, before anything is stored (it writes
    // the new secrets where the administrator gets them); if it fails,
    // nothing is stored and its error is the failure's detail.
    using KeepSecrets = std::function<bool(const QList<NewSecret>& created, QString* error)>;
    Outcome<QList<NewSecret>> importClients(const QList<ImportLine>& lines, const QString& actor,
                                            const KeepSecrets& keep);
    Outcome<NewSecret> patchClient(const QString& clientId, const QJsonObject& body, const QString& actor);
    Outcome<bool> deleteClient(const QString& clientId, const QString& actor);
    Outcome<QString> showSecret(const QString& clientId, const QString& actor);
    Outcome<Role> createRole(const QJsonObject& body, const QString& actor);
    Outcome<bool> deleteRole(const QString& roleId, const QString& actor);
    Outcome<Space> createSpace(const QJsonObject& body, const QString& actor);
    Outcome<bool> deleteSpace(const QString& spaceId, const QString& actor);

    // --- Seeding (bootstrap administrator, demo data, benchmarks): inserts
    // clients with the given secrets and catalogue entries in one
    // transaction, bypassing the purpose rules' "from now" ranges (seeded
    // clients may be expired or issued in the past).
    struct Seed
    {
        Client client;
        QString secret;
        bool retrievable = false; // keep an encrypted copy ("Show Secret")
    };
    bool seed(const QList<Seed>& clients, const Spaces& spaces, const Roles& roles, const AuditRecords& audit,
              QString* error, const QHash<QString, QString>& meta = {}, const QList<TenantUser>& users = {});
    // A value the server keeps about itself ("bootstrapped_at", ...).
    QString meta(const QString& key) const;
    // A new random client_id and secret.
    static QString newClientId();
    static QString newSecret();

    // --- Client authentication and tokens (hot path: no store access)
    // The client if `secret` is its current secret and it has not expired.
    // Costs the same for unknown client ids as for known ones.
    Record authenticate(const QString& clientId, QByteArrayView secret) const;
    static bool isAdministrator(const Client& client);

    // A change to the tenant's administrators: the client `clientId` becomes
    // `clientAfter` (nullopt: deleted). Tenant users (SCIM) that hold
    // DW_ADMINISTRATOR join here as a user id with its state after the change.
    struct AdministratorChange
    {
        QString clientId;
        std::optional<Client> clientAfter;
    };
    // Whether `change` would leave the tenant without an active (not
    // expired) administrator: the one rule of api.md "Limits and recovery".
    // Only a change that takes away an active administrator can; the caller
    // holds the write mutex, so the answer holds until it writes.
    bool leavesNoActiveAdministrator(const AdministratorChange& change, qint64 now) const;
    // Whether a token with these claims still counts: its client exists, has
    // not expired and has not renewed its secret since `issuedAt`, and the
    // token is neither expired nor revoked.
    bool isTokenActive(const QString& clientId, const QString& jti, qint64 issuedAt, qint64 expiresAt) const;
    bool isRevoked(const QString& jti) const;
    // Makes a token inactive for good (stored; survives restarts).
    bool revokeToken(const QString& jti, const QString& clientId, qint64 expiresAt, QString* error);
    // Forgets revocations of tokens that have expired anyway (they can no
    // longer be used), in the store and in memory; the server runs it at
    // start and then periodically. The number forgotten, or -1 if the store
    // could not be written (nothing changed then).
    qsizetype pruneRevokedTokens();
    qsizetype revokedTokenCount() const;

    // --- Users (api.md "Users (SCIM 2.0)"): lookups, sign-in, token checks
    // and changes; see Users.
    Users& users() { return *m_users; }
    const Users& users() const { return *m_users; }
    // Whether a token's subject still counts: true when `subject` is the
    // client itself or its technical user; otherwise the token acts for a
    // user (authorization code, refresh, SAML bearer), and counts only while
    // Users::isUserTokenActive(subject, issuedAt) holds. TokenService::isActive
    // asks this, so introspection and every API see deactivations at once.
    bool isTokenSubjectActive(const QString& clientId, const QString& subject, qint64 issuedAt) const;
    // Whether `subject` of a token of `clientId` names a user rather than the
    // client or its technical user.
    bool isUserSubject(const QString& clientId, const QString& subject) const;
    // An active user who holds the global DW_ADMINISTRATOR (api.md: such a
    // user is an administrator, like a technical user holding it).
    bool isAdministratorUser(const QString& userName) const;
    // Active administrators: technical-user clients that have not expired
    // and users, for the "last active administrator" rule.
    qsizetype activeAdministratorClientCount() const;
    qsizetype activeAdministratorUserCount() const;

private:
    QByteArray hashSecret(QByteArrayView secret) const;
    Record makeRecord(Client client, const QString& secret, bool retrievable, qint64 now) const;
    Roles rolesLocked() const;
    bool userIdTakenLocked(const QString& userId, const QString& exceptClientId) const;
    // A POST body's checks after ClientInput: the purpose rules and a user
    // ID not yet taken. The caller holds the write mutex.
    Outcome<Client> checkNewClient(const ClientInput::Create& input, qint64 now, const Roles& catalogue) const;
    template <typename T>
    Outcome<T> storeFailure(const QString& error) const;
    template <typename T>
    Outcome<T> busy() const;

    Store& m_store;
    const QByteArray m_secretHashKey;
    const SecretCipher m_cipher;
    const Clock& m_clock;
    const QByteArray m_dummyHash; // compared against for unknown client ids

    QMutex m_writeMutex; // one writer at a time
    mutable QReadWriteLock m_lock; // guards the members below
    QHash<QString, Record> m_clients;
    ClientListing m_listing; // sorted orders and the change log of m_clients
    QHash<QString, QString> m_userIds; // user_id -> client_id
    Roles m_scopedRoles;
    Spaces m_spaces;
    QHash<QString, qint64> m_revoked; // jti -> expires_at
    QHash<QString, QString> m_meta;
    std::unique_ptr<Users> m_users; // shares m_writeMutex
};

} // namespace appint
