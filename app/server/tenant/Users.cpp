#include "server/tenant/Users.h"

#include "core/UserRules.h"
#include "server/crypto/PasswordHash.h"
#include "server/storage/Store.h"

#include <QLoggingCategory>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace appint {

Q_LOGGING_CATEGORY(lcUsers, "appint.server.users", QtInfoMsg)

namespace {

QStringList emailValues(const UserEmails& emails)
{
    QStringList values;
    for (const UserEmail& email : emails) {
        values.append(email.value);
    }
    return values;
}

qsizetype primaryCount(const UserEmails& emails)
{
    return std::count_if(emails.cbegin(), emails.cend(), [](const UserEmail& e) { return e.primary; });
}

QString onOff(bool active)
{
    return active ? u"active"_s : u"inactive"_s;
}

// What an update changed, for the audit detail (never the password itself).
QString describeChange(const TenantUser& before, const TenantUser& after, bool passwordChanged)
{
    QStringList parts;
    if (before.userName != after.userName) {
        parts.append(u"userName %1 -> %2"_s.arg(before.userName, after.userName));
    }
    if (before.givenName != after.givenName || before.familyName != after.familyName) {
        parts.append(u"name"_s);
    }
    if (before.displayName != after.displayName) {
        parts.append(u"displayName \"%1\" -> \"%2\""_s.arg(before.displayName, after.displayName));
    }
    if (before.emails != after.emails) {
        parts.append(u"emails"_s);
    }
    if (before.active != after.active) {
        parts.append(u"%1 -> %2"_s.arg(onOff(before.active), onOff(after.active)));
    }
    if (before.roles != after.roles) {
        parts.append(
            u"roles %1 -> %2"_s.arg(RoleAssignment::joinedText(before.roles), RoleAssignment::joinedText(after.roles)));
    }
    if (passwordChanged) {
        parts.append(u"password set"_s);
    }
    return u"changed user %1: %2"_s.arg(after.userName, parts.isEmpty() ? u"nothing"_s : parts.join(u"; "_s));
}

} // namespace

Users::Users(Store& store, const Clock& clock, QMutex& writeMutex, Hooks hooks)
    : m_store(store)
    , m_clock(clock)
    , m_writeMutex(writeMutex)
    , m_hooks(std::move(hooks))
{
}

QString Users::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString Users::describe(const TenantUser& user)
{
    QString text = u"user %1"_s.arg(user.userName);
    if (!user.displayName.isEmpty()) {
        text += u" \"%1\""_s.arg(user.displayName);
    }
    text += u", %1"_s.arg(onOff(user.active));
    if (!user.roles.isEmpty()) {
        text += u", roles %1"_s.arg(RoleAssignment::joinedText(user.roles));
    }
    return text;
}

void Users::reset(const QList<TenantUser>& users)
{
    QWriteLocker lock(&m_lock);
    m_byId.clear();
    m_byName.clear();
    m_deletedUntil.clear();
    for (const TenantUser& user : users) {
        const auto record = std::make_shared<const TenantUser>(user);
        m_byId.insert(user.id, record);
        m_byName.insert(user.userName, record);
    }
}

// --- Reading

UserRecord Users::userByName(const QString& userName) const
{
    QReadLocker lock(&m_lock);
    return m_byName.value(userName);
}

UserRecord Users::userById(const QString& id) const
{
    QReadLocker lock(&m_lock);
    return m_byId.value(id);
}

QList<UserRecord> Users::list() const
{
    QList<UserRecord> users;
    {
        QReadLocker lock(&m_lock);
        users = m_byName.values();
    }
    std::sort(users.begin(), users.end(),
              [](const UserRecord& a, const UserRecord& b) { return a->userName < b->userName; });
    return users;
}

qsizetype Users::count() const
{
    QReadLocker lock(&m_lock);
    return m_byId.size();
}

bool Users::isUserNameTaken(const QString& userName) const
{
    QReadLocker lock(&m_lock);
    return m_byName.contains(userName);
}

qsizetype Users::holdersOfRole(const QString& roleId) const
{
    QReadLocker lock(&m_lock);
    return std::count_if(m_byId.cbegin(), m_byId.cend(), [&](const UserRecord& user) {
        return std::any_of(user->roles.cbegin(), user->roles.cend(),
                           [&](const RoleAssignment& role) { return role.roleId == roleId; });
    });
}

qsizetype Users::activeAdministratorUserCount() const
{
    QReadLocker lock(&m_lock);
    return std::count_if(m_byId.cbegin(), m_byId.cend(),
                         [](const UserRecord& user) { return user->isActiveAdministrator(); });
}

Users::PasswordCheck Users::checkPassword(const QString& userName, QByteArrayView password, UserRecord* user) const
{
    const UserRecord found = userByName(userName);
    const bool usable = found && !found->passwordHash.isEmpty();
    // Verify against a dummy for unknown users: the same cost either way.
    const bool match = PasswordHash::verify(
        usable ? QByteArrayView(found->passwordHash) : QByteArrayView(PasswordHash::dummy()), password);
    if (!usable || !match) {
        return PasswordCheck::Wrong;
    }
    if (user) {
        *user = found;
    }
    return found->active ? PasswordCheck::Ok : PasswordCheck::Disabled;
}

bool Users::isUserActive(const QString& userName) const
{
    const UserRecord user = userByName(userName);
    return user && user->active;
}

bool Users::isUserTokenActive(const QString& userName, qint64 issuedAt) const
{
    const UserRecord user = userByName(userName);
    return user && user->active && issuedAt >= user->tokensValidSince;
}

// --- Changes

template <typename T>
Outcome<T> Users::storeFailure(const QString& error) const
{
    qCWarning(lcUsers) << "store write failed:" << error;
    return Outcome<T>::failure(OutcomeStatus::Failed, tr("The change could not be saved; nothing was changed."));
}

Outcome<UserRecord> Users::checkLocked(const TenantUser& user, const QString& exceptId) const
{
    using Result = Outcome<UserRecord>;
    FieldErrors errors = UserRules::checkUserName(user.userName);
    errors += UserRules::checkName(UserRules::FieldGivenName, user.givenName);
    errors += UserRules::checkName(UserRules::FieldFamilyName, user.familyName);
    errors += UserRules::checkName(UserRules::FieldDisplayName, user.displayName);
    errors += UserRules::checkEmails(emailValues(user.emails), primaryCount(user.emails));
    const Roles catalogue = m_hooks.roles ? m_hooks.roles() : Roles{};
    errors += UserRules::checkRoles(user.roles, &catalogue);
    if (!errors.isEmpty()) {
        return Result::failure(OutcomeStatus::Invalid, tr("The user is not valid: %1").arg(errors.constFirst().message),
                               errors, u"invalidValue"_s);
    }
    const UserRecord sameName = userByName(user.userName);
    if ((sameName && sameName->id != exceptId)
        || (m_hooks.technicalUserExists && m_hooks.technicalUserExists(user.userName))) {
        const QString message
            = tr("The user name %1 is already taken; user names and technical users' user IDs are unique in the "
                 "tenant.")
                  .arg(user.userName);
        return Result::failure(OutcomeStatus::Conflict, message, {{UserRules::FieldUserName, message}},
                               u"uniqueness"_s);
    }
    return Result::success(nullptr);
}

Outcome<UserRecord> Users::create(const TenantUser& fields, const std::optional<QString>& password,
                                  const QString& actor)
{
    using Result = Outcome<UserRecord>;
    QByteArray hash;
    if (password) {
        const FieldErrors errors = UserRules::checkPassword(*password);
        if (!errors.isEmpty()) {
            return Result::failure(OutcomeStatus::Invalid, errors.constFirst().message, errors, u"invalidValue"_s);
        }
        hash = PasswordHash::hash(password->toUtf8());
        if (hash.isEmpty()) {
            return Result::failure(OutcomeStatus::Failed, tr("The password could not be hashed; nothing was saved."));
        }
    }
    QMutexLocker writer(&m_writeMutex);
    const qint64 now = m_clock.now();
    auto user = std::make_shared<TenantUser>(fields);
    user->id = newId();
    user->passwordHash = hash;
    user->created = now;
    user->lastModified = now;
    user->version = 1;
    {
        QReadLocker lock(&m_lock);
        user->tokensValidSince = std::max(now, m_deletedUntil.value(user->userName));
    }
    if (Result checked = checkLocked(*user, {}); !checked.ok()) {
        return checked;
    }
    const AuditRecord entry{now, actor, u"user.create"_s, user->id, u"created "_s + describe(*user)};
    QString error;
    if (!m_store.write([&](Store::Writer& w) { return w.insertUser(*user) && w.appendAudit(entry); }, &error)) {
        return storeFailure<UserRecord>(error);
    }
    UserRecord record = user;
    {
        QWriteLocker lock(&m_lock);
        m_byId.insert(record->id, record);
        m_byName.insert(record->userName, record);
    }
    return Result::success(record);
}

Outcome<UserRecord> Users::update(const QString& id, const Change& change, const std::optional<QString>& password,
                                  const QString& actor, std::optional<qint64> expectedVersion)
{
    using Result = Outcome<UserRecord>;
    if (!userById(id)) {
        return Result::failure(OutcomeStatus::NotFound, tr("There is no user %1.").arg(id.left(100)));
    }
    QByteArray hash;
    if (password) {
        const FieldErrors errors = UserRules::checkPassword(*password);
        if (!errors.isEmpty()) {
            return Result::failure(OutcomeStatus::Invalid, errors.constFirst().message, errors, u"invalidValue"_s);
        }
        hash = PasswordHash::hash(password->toUtf8());
        if (hash.isEmpty()) {
            return Result::failure(OutcomeStatus::Failed, tr("The password could not be hashed; nothing was saved."));
        }
    }
    QMutexLocker writer(&m_writeMutex);
    const UserRecord before = userById(id);
    if (!before) {
        return Result::failure(OutcomeStatus::NotFound, tr("There is no user %1.").arg(id.left(100)));
    }
    if (expectedVersion && *expectedVersion != before->version) {
        return Result::failure(OutcomeStatus::PreconditionFailed,
                               tr("The user has changed since version %1; it is now at version %2.")
                                   .arg(*expectedVersion)
                                   .arg(before->version));
    }
    Outcome<TenantUser> changed = change(*before);
    if (!changed.ok()) {
        return Result::failure(changed.status, changed.detail, changed.errors, changed.code);
    }
    const qint64 now = m_clock.now();
    auto after = std::make_shared<TenantUser>(std::move(changed.value));
    // What a change may not touch.
    after->id = before->id;
    after->created = before->created;
    after->passwordHash = password ? hash : before->passwordHash;
    after->tokensValidSince = before->tokensValidSince;
    after->version = before->version;
    after->lastModified = before->lastModified;
    if (*after == *before) {
        return Result::success(before); // nothing changed: no new version, no audit
    }
    if (Result checked = checkLocked(*after, id); !checked.ok()) {
        return checked;
    }
    if (leavesNoActiveAdministrator(*before, after.get())) {
        const QString field = after->active ? UserRules::FieldRoles : UserRules::FieldActive;
        const QString message = after->active
            ? tr("roles: this user is the last active administrator of the tenant and must keep DW_ADMINISTRATOR. "
                 "Make another user or technical user an administrator first.")
            : tr("active: this user is the last active administrator of the tenant and cannot be deactivated. "
                 "Make another user or technical user an administrator first.");
        return Result::failure(OutcomeStatus::Conflict, message, {{field, message}}, u"mutability"_s);
    }
    after->version = before->version + 1;
    after->lastModified = now;
    if (before->active && !after->active) {
        // Every token issued so far stays inactive, even after reactivation.
        after->tokensValidSince = std::max(before->tokensValidSince, now + 1);
    }
    if (before->userName != after->userName) {
        QReadLocker lock(&m_lock);
        after->tokensValidSince = std::max(after->tokensValidSince, m_deletedUntil.value(after->userName));
    }
    const AuditRecord entry{now, actor, u"user.update"_s, id, describeChange(*before, *after, password.has_value())};
    QString error;
    if (!m_store.write([&](Store::Writer& w) { return w.updateUser(*after) && w.appendAudit(entry); }, &error)) {
        return storeFailure<UserRecord>(error);
    }
    UserRecord record = after;
    {
        QWriteLocker lock(&m_lock);
        m_byId.insert(id, record);
        if (before->userName != after->userName) {
            m_byName.remove(before->userName);
            m_deletedUntil.insert(before->userName, now + 1);
        }
        m_byName.insert(after->userName, record);
    }
    return Result::success(record);
}

Outcome<bool> Users::remove(const QString& id, const QString& actor, std::optional<qint64> expectedVersion)
{
    using Result = Outcome<bool>;
    QMutexLocker writer(&m_writeMutex);
    const UserRecord existing = userById(id);
    if (!existing) {
        return Result::failure(OutcomeStatus::NotFound, tr("There is no user %1.").arg(id.left(100)));
    }
    if (expectedVersion && *expectedVersion != existing->version) {
        return Result::failure(OutcomeStatus::PreconditionFailed,
                               tr("The user has changed since version %1; it is now at version %2.")
                                   .arg(*expectedVersion)
                                   .arg(existing->version));
    }
    if (leavesNoActiveAdministrator(*existing, nullptr)) {
        const QString message = tr("id: this user is the last active administrator of the tenant and cannot be "
                                   "deleted. Make another user or technical user an administrator first.");
        return Result::failure(OutcomeStatus::Conflict, message, {{u"id"_s, message}}, u"mutability"_s);
    }
    const qint64 now = m_clock.now();
    const AuditRecord entry{now, actor, u"user.delete"_s, id, u"deleted "_s + describe(*existing)};
    QString error;
    if (!m_store.write([&](Store::Writer& w) { return w.deleteUser(id) && w.appendAudit(entry); }, &error)) {
        return storeFailure<bool>(error);
    }
    QWriteLocker lock(&m_lock);
    m_byId.remove(id);
    m_byName.remove(existing->userName);
    m_deletedUntil.insert(existing->userName, now + 1);
    return Result::success(true);
}

bool Users::leavesNoActiveAdministrator(const TenantUser& before, const TenantUser* after) const
{
    if (!before.isActiveAdministrator() || (after && after->isActiveAdministrator())) {
        return false;
    }
    if (activeAdministratorUserCount() > 1) {
        return false; // another user (`before` counts itself)
    }
    return !m_hooks.activeAdministratorClients || m_hooks.activeAdministratorClients() == 0;
}

// --- Seeding

TenantUser Users::makeSeed(const QString& userName, const QString& displayName, const RoleAssignments& roles,
                           const QString& password, qint64 now, bool active)
{
    TenantUser user;
    user.id = newId();
    user.userName = userName;
    user.displayName = displayName;
    user.roles = roles;
    user.active = active;
    user.passwordHash = PasswordHash::hash(password.toUtf8());
    user.created = now;
    user.lastModified = now;
    user.version = 1;
    user.tokensValidSince = now;
    return user;
}

void Users::adoptSeeded(const QList<TenantUser>& users)
{
    QWriteLocker lock(&m_lock);
    for (const TenantUser& user : users) {
        const auto record = std::make_shared<const TenantUser>(user);
        m_byId.insert(user.id, record);
        m_byName.insert(user.userName, record);
    }
}

} // namespace appint
