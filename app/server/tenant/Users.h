#pragma once

#include "core/AuditRecord.h"
#include "core/Clock.h"
#include "core/Role.h"
#include "server/tenant/Outcome.h"
#include "server/tenant/TenantUser.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QReadWriteLock>

#include <functional>
#include <optional>

namespace appint {

class Store;

// The tenant's users (api.md "Users (SCIM 2.0)"), held in memory for the
// hot paths (sign-in, token checks) and written through to the Store, one
// transaction per change together with its audit record. Owned by the
// Tenant, which shares its write mutex, so that a user name and a technical
// user's user_id can never be taken twice at once.
//
// Thread-safe like the Tenant: records are immutable and shared; readers
// take a read lock; writers are serialised by the tenant's write mutex.
// Password hashing (slow, see PasswordHash) happens before the write mutex is
// taken, so a hash never holds up other writers.
class Users
{
    Q_DECLARE_TR_FUNCTIONS(Users)

public:
    enum class PasswordCheck {
        Ok, // the user exists, is active and the password matches
        Wrong, // unknown user name or wrong password (indistinguishable by design)
        Disabled, // the password matches but the user is not active
    };

    // What the users need to know about the rest of the tenant. Both are
    // called while the tenant's write mutex is held.
    struct Hooks
    {
        std::function<bool(const QString& userId)> technicalUserExists;
        std::function<Roles()> roles; // the role catalogue
        // Technical-user clients holding DW_ADMINISTRATOR that have not
        // expired (the other half of "the last active administrator").
        std::function<qsizetype()> activeAdministratorClients;
    };

    // A change of one user: gets the current record and returns the new one
    // (or a failure). Must be fast and pure; it runs under the write mutex.
    // It does not set the password: pass that to update().
    using Change = std::function<Outcome<TenantUser>(const TenantUser& current)>;

    Users(Store& store, const Clock& clock, QMutex& writeMutex, Hooks hooks);

    // Replaces everything in memory (Tenant::load).
    void reset(const QList<TenantUser>& users);

    // --- Reading (hot path: no store access)
    UserRecord userByName(const QString& userName) const;
    UserRecord userById(const QString& id) const;
    // Every user, ordered by userName.
    QList<UserRecord> list() const;
    qsizetype count() const;
    bool isUserNameTaken(const QString& userName) const;
    // How many users hold `roleId` (for deleting a role).
    qsizetype holdersOfRole(const QString& roleId) const;
    // Users that are active and hold the global DW_ADMINISTRATOR (api.md:
    // such a user is an administrator, and counts toward "the last active
    // administrator").
    qsizetype activeAdministratorUserCount() const;

    // Sign-in: slow (one Argon2id verification), and as slow for an unknown
    // user name as for a known one (compared against a dummy hash). Never
    // call it on an HTTP thread's inline route. `user`, if given, receives
    // the record for Ok and Disabled.
    PasswordCheck checkPassword(const QString& userName, QByteArrayView password, UserRecord* user = nullptr) const;

    // Whether the user exists and is active now.
    bool isUserActive(const QString& userName) const;
    // Token introspection and the refresh grant: whether a token (access or
    // refresh) issued for `userName` at `issuedAt` still counts: the user
    // exists, is active, and was not deactivated, deleted and re-created
    // since. Deactivating a user moves its tokensValidSince past "now", so
    // every token issued until then stays inactive even after the user is
    // active again.
    bool isUserTokenActive(const QString& userName, qint64 issuedAt) const;

    // --- Changes (actor: an administrator's client_id or user name). The
    // `fields` of create() are userName, names, emails, active and roles;
    // id, meta and the hash are made here. `password`, if given, is
    // checked and hashed (slowly) before anything is locked.
    Outcome<UserRecord> create(const TenantUser& fields, const std::optional<QString>& password, const QString& actor);
    // `expectedVersion` (an If-Match) makes the change fail with
    // PreconditionFailed when the user has changed since.
    Outcome<UserRecord> update(const QString& id, const Change& change, const std::optional<QString>& password,
                               const QString& actor, std::optional<qint64> expectedVersion = std::nullopt);
    Outcome<bool> remove(const QString& id, const QString& actor, std::optional<qint64> expectedVersion = std::nullopt);

    // --- Seeding (bootstrap, demo data): a user as created now, its password
    // hashed, not yet stored. Tenant::seed stores it with the rest.
    static TenantUser makeSeed(const QString& userName, const QString& displayName, const RoleAssignments& roles,
                               const QString& password, qint64 now, bool active = true);
    // Adds users that the caller has just stored (Tenant::seed).
    void adoptSeeded(const QList<TenantUser>& users);
    // The audit line for a new user (never the password).
    static QString describe(const TenantUser& user);
    static QString newId();

private:
    // Field rules and uniqueness, with the write mutex held.
    Outcome<UserRecord> checkLocked(const TenantUser& user, const QString& exceptId) const;
    template <typename T>
    Outcome<T> storeFailure(const QString& error) const;
    // Whether changing `before` into `after` (nullptr: deleting it) leaves
    // the tenant without an active administrator.
    bool leavesNoActiveAdministrator(const TenantUser& before, const TenantUser* after) const;

    Store& m_store;
    const Clock& m_clock;
    QMutex& m_writeMutex;
    const Hooks m_hooks;

    mutable QReadWriteLock m_lock; // guards the members below
    QHash<QString, UserRecord> m_byId;
    QHash<QString, UserRecord> m_byName;
    // userName -> the first second at which a re-created user of that name
    // may hold tokens (deleted users' tokens stay inactive). In memory only:
    // a restart takes more than a second.
    QHash<QString, qint64> m_deletedUntil;
};

} // namespace appint
