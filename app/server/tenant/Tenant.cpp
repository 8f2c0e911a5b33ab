#include "server/tenant/Tenant.h"

#include "core/ClientInput.h"
#include "core/ClientRules.h"
#include "core/OAuthNames.h"
#include "core/RoleRules.h"
#include "server/crypto/Crypto.h"
#include "server/storage/Store.h"
#include "server/tenant/Users.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <chrono>
#include <mutex>

using namespace Qt::StringLiterals;

namespace appint {

Q_LOGGING_CATEGORY(lcTenant, "appint.server.tenant", QtInfoMsg)

namespace {

QString isoTime(qint64 seconds)
{
    if (seconds == 0) {
        return u"never"_s;
    }
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

// What an audit entry says about a client: its name and purpose, never a
// secret.
QString describeClient(const Client& client)
{
    QString text = u"%1 client \"%2\""_s.arg(purposeId(client.purpose), client.clientName);
    if (!client.userId.isEmpty()) {
        text += u", user %1"_s.arg(client.userId);
    }
    if (!client.roles.isEmpty()) {
        text += u", roles %1"_s.arg(RoleAssignment::joinedText(client.roles));
    }
    if (client.clientSecretExpiresAt != 0) {
        text += u", expires %1"_s.arg(isoTime(client.clientSecretExpiresAt));
    }
    return text;
}

} // namespace

QString Tenant::systemActor()
{
    return u"appint-server"_s;
}

Tenant::Tenant(Store& store, QByteArray secretHashKey, SecretCipher cipher, const Clock& clock)
    : m_store(store)
    , m_secretHashKey(std::move(secretHashKey))
    , m_cipher(std::move(cipher))
    , m_clock(clock)
    , m_dummyHash(Crypto::randomBytes(32))
{
    Users::Hooks hooks;
    hooks.technicalUserExists = [this](const QString& userId) {
        QReadLocker lock(&m_lock);
        return m_userIds.contains(userId);
    };
    hooks.roles = [this] { return roles(); };
    hooks.activeAdministratorClients = [this] { return activeAdministratorClientCount(); };
    m_users = std::make_unique<Users>(m_store, m_clock, m_writeMutex, std::move(hooks));
}

Tenant::~Tenant() = default;

bool Tenant::load(QString* error)
{
    pruneRevokedTokens();
    auto snapshot = m_store.load(error);
    if (!snapshot) {
        return false;
    }
    QWriteLocker lock(&m_lock);
    m_clients.clear();
    m_userIds.clear();
    m_clients.reserve(snapshot->clients.size());
    for (StoredClient& stored : snapshot->clients) {
        const QString id = stored.client.clientId;
        if (!stored.client.userId.isEmpty()) {
            m_userIds.insert(stored.client.userId, id);
        }
        m_clients.insert(id, std::make_shared<const StoredClient>(std::move(stored)));
    }
    m_listing.reset();
    m_scopedRoles = snapshot->roles;
    m_spaces = snapshot->spaces;
    m_revoked = snapshot->revokedTokens;
    m_meta = snapshot->meta;
    m_users->reset(snapshot->users);
    return true;
}

QByteArray Tenant::hashSecret(QByteArrayView secret) const
{
    return Crypto::hmacSha256(m_secretHashKey, secret);
}

QString Tenant::newClientId()
{
    return u"cl-"_s + QString::fromLatin1(Crypto::randomBytes(16).toHex());
}

QString Tenant::newSecret()
{
    return Crypto::randomToken(32);
}

Tenant::Record Tenant::makeRecord(Client client, const QString& secret, bool retrievable, qint64 now) const
{
    auto stored = std::make_shared<StoredClient>();
    stored->secretHash = hashSecret(secret.toUtf8());
    stored->secretIssuedAt = now;
    client.secretRetrievable = retrievable;
    if (retrievable) {
        stored->sealedSecret = m_cipher.seal(secret.toUtf8(), client.clientId.toUtf8());
    }
    stored->client = std::move(client);
    return stored;
}

template <typename T>
Outcome<T> Tenant::busy() const
{
    Outcome<T> outcome = Outcome<T>::failure(
        OutcomeStatus::Unavailable, tr("Another change is being saved; nothing was changed. Try again shortly."));
    outcome.retryAfter = BusyRetryAfter;
    return outcome;
}

template <typename T>
Outcome<T> Tenant::storeFailure(const QString& error) const
{
    qCWarning(lcTenant) << "store write failed:" << error;
    switch (Store::lastFailure()) {
    case Store::Failure::Busy:
        return busy<T>();
    case Store::Failure::Full:
        return Outcome<T>::failure(
            OutcomeStatus::InsufficientStorage,
            tr("The server's disk is full; nothing was changed. Free some space and try again."));
    case Store::Failure::Unavailable: {
        Outcome<T> outcome = Outcome<T>::failure(
            OutcomeStatus::Unavailable,
            tr("The server cannot write its store at the moment (it is read-only or unavailable); nothing was "
               "changed."));
        outcome.retryAfter = UnavailableRetryAfter;
        return outcome;
    }
    case Store::Failure::None:
    case Store::Failure::Other:
        break;
    }
    return Outcome<T>::failure(OutcomeStatus::Failed, tr("The change could not be saved; nothing was changed."));
}

Roles Tenant::rolesLocked() const
{
    return RoleRules::standardRoles() + m_scopedRoles;
}

bool Tenant::userIdTakenLocked(const QString& userId, const QString& exceptClientId) const
{
    const auto it = m_userIds.constFind(userId);
    return it != m_userIds.cend() && *it != exceptClientId;
}

// --- Reading

Roles Tenant::roles() const
{
    QReadLocker lock(&m_lock);
    return rolesLocked();
}

Spaces Tenant::spaces() const
{
    QReadLocker lock(&m_lock);
    return m_spaces;
}

Tenant::Record Tenant::record(const QString& clientId) const
{
    QReadLocker lock(&m_lock);
    return m_clients.value(clientId);
}

std::optional<Client> Tenant::client(const QString& clientId) const
{
    if (const Record stored = record(clientId)) {
        return stored->client;
    }
    return std::nullopt;
}

qsizetype Tenant::clientCount() const
{
    QReadLocker lock(&m_lock);
    return m_clients.size();
}

bool Tenant::isUserIdTaken(const QString& userId) const
{
    QReadLocker lock(&m_lock);
    return userIdTakenLocked(userId, {});
}

Tenant::Page Tenant::listClients(const ClientQuery& query) const
{
    const qint64 now = m_clock.now();
    QReadLocker lock(&m_lock);
    return m_listing.page(m_clients, query, now);
}

std::optional<ClientListing::Changes> Tenant::clientChanges(const QString& since, qint64 limit) const
{
    QReadLocker lock(&m_lock);
    return m_listing.changesSince(m_clients, since, limit);
}

std::optional<AuditRecords> Tenant::audit(qint64 from, qint64 to, QString* error) const
{
    return m_store.audit(from, to, error);
}

// --- Management

Outcome<Client> Tenant::checkNewClient(const ClientInput::Create& input, qint64 now, const Roles& catalogue) const
{
    using Result = Outcome<Client>;
    if (!input.errors.isEmpty()) {
        return Result::failure(OutcomeStatus::Invalid, tr("The client is not valid."), input.errors);
    }
    RuleContext context;
    context.now = now;
    context.roles = &catalogue;
    const FieldErrors errors = ClientRules::check(input.client, context);
    if (!errors.isEmpty()) {
        return Result::failure(OutcomeStatus::Invalid, tr("The client is not valid."), errors);
    }
    const Client& client = input.client;
    if (ClientRules::hasUserId(client.purpose)
        && (userIdTakenLocked(client.userId, {}) || m_users->isUserNameTaken(client.userId))) {
        return Result::failure(
            OutcomeStatus::Conflict, tr("The user ID %1 is already taken.").arg(client.userId),
            {{u"user_id"_s,
              tr("The user ID %1 is already taken; user IDs are unique in the tenant.").arg(client.userId)}});
    }
    return Result::success(client);
}

Outcome<Tenant::NewSecret> Tenant::createClient(const QJsonObject& body, const QString& actor)
{
    using Result = Outcome<NewSecret>;
    const qint64 now = m_clock.now();
    const ClientInput::Create input = ClientInput::parseCreate(body, now);
    if (!input.errors.isEmpty()) {
        return Result::failure(OutcomeStatus::Invalid, tr("The client is not valid."), input.errors);
    }
    std::unique_lock<QMutex> writer(m_writeMutex, WriteWait);
    if (!writer.owns_lock()) {
        return busy<NewSecret>();
    }
    const Outcome<Client> checked = checkNewClient(input, now, roles());
    if (!checked.ok()) {
        return Result::failure(checked.status, checked.detail, checked.errors);
    }
    Client client = checked.value;
    client.clientId = newClientId();
    client.clientIdIssuedAt = now;
    const QString secret = newSecret();
    const Record stored = makeRecord(client, secret, false, now);
    const AuditRecord entry{now, actor, u"client.create"_s, client.clientId, u"created "_s + describeClient(client)};
    QString error;
    if (!m_store.write([&](Store::Writer& w) { return w.insertClient(*stored) && w.appendAudit(entry); }, &error)) {
        return storeFailure<NewSecret>(error);
    }
    {
        QWriteLocker lock(&m_lock);
        m_clients.insert(client.clientId, stored);
        m_listing.updated(nullptr, stored);
        if (!client.userId.isEmpty()) {
            m_userIds.insert(client.userId, client.clientId);
        }
    }
    return Result::success({stored->client, secret});
}

Outcome<QList<Tenant::NewSecret>> Tenant::importClients(const QList<ImportLine>& lines, const QString& actor,
                                                        const KeepSecrets& keep)
{
    using Result = Outcome<QList<NewSecret>>;
    const qint64 now = m_clock.now();
    // "line 12: client_name: Must not be empty." — the first problem only.
    const auto lineFailure
        = [](const ImportLine& line, OutcomeStatus status, const QString& detail, const FieldErrors& errors) {
              const QString where = tr("line %1").arg(line.lineNumber);
              if (errors.isEmpty()) {
                  return Result::failure(status, u"%1: %2"_s.arg(where, detail));
              }
              return Result::failure(
                  status, u"%1: %2: %3"_s.arg(where, errors.constFirst().field, errors.constFirst().message), errors);
          };
    // Kept client IDs: the characters new ones use and a few more, nothing
    // a URL path, HTTP Basic or a log line would need to escape.
    static const QRegularExpression clientIdPattern(u"^[A-Za-z0-9._~-]{1,128}$"_s);

    std::unique_lock<QMutex> writer(m_writeMutex, WriteWait);
    if (!writer.owns_lock()) {
        return busy<QList<NewSecret>>();
    }
    const Roles catalogue = roles();
    QHash<QString, qsizetype> fileClientIds; // client_id -> line
    QHash<QString, qsizetype> fileUserIds; // user_id -> line
    QList<Record> records;
    records.reserve(lines.size());
    QList<NewSecret> created;
    created.reserve(lines.size());
    AuditRecords audit;
    audit.reserve(lines.size());
    for (const ImportLine& line : lines) {
        QJsonObject body = line.body;
        QString clientId;
        const QJsonValue keptId = body.take(u"client_id"_s);
        if (!keptId.isUndefined() && !keptId.isNull()) {
            clientId = keptId.toString();
            if (!keptId.isString() || !clientIdPattern.match(clientId).hasMatch()) {
                return lineFailure(line, OutcomeStatus::Invalid, tr("The client is not valid."),
                                   {{u"client_id"_s, tr("Use 1 to 128 letters, digits and . _ ~ -.")}});
            }
            const auto earlier = fileClientIds.constFind(clientId);
            if (earlier != fileClientIds.cend() || record(clientId)) {
                return lineFailure(line, OutcomeStatus::Conflict, tr("The client ID is taken."),
                                   {{u"client_id"_s,
                                     earlier != fileClientIds.cend()
                                         ? tr("The client ID %1 is on line %2 already.").arg(clientId).arg(*earlier)
                                         : tr("The tenant has a client %1 already.").arg(clientId)}});
            }
        } else {
            do {
                clientId = newClientId();
            } while (fileClientIds.contains(clientId) || record(clientId));
        }
        const ClientInput::Create input = ClientInput::parseCreate(body, now);
        const Outcome<Client> checked = checkNewClient(input, now, catalogue);
        if (!checked.ok()) {
            return lineFailure(line, checked.status, checked.detail, checked.errors);
        }
        Client client = checked.value;
        if (ClientRules::hasUserId(client.purpose)) {
            const auto earlier = fileUserIds.constFind(client.userId);
            if (earlier != fileUserIds.cend()) {
                return lineFailure(line, OutcomeStatus::Conflict, tr("The user ID is taken."),
                                   {{u"user_id"_s,
                                     tr("The user ID %1 is on line %2 already; user IDs are unique in "
                                        "the tenant.")
                                         .arg(client.userId)
                                         .arg(*earlier)}});
            }
            fileUserIds.insert(client.userId, line.lineNumber);
        }
        fileClientIds.insert(clientId, line.lineNumber);
        client.clientId = clientId;
        client.clientIdIssuedAt = now;
        const QString secret = newSecret();
        records.append(makeRecord(client, secret, false, now));
        audit.append({now, actor, u"client.create"_s, clientId, u"imported "_s + describeClient(client)});
        created.append({records.constLast()->client, secret});
    }
    QString error;
    if (!keep(created, &error)) {
        return Result::failure(OutcomeStatus::Failed, error);
    }
    const bool written = m_store.write(
        [&](Store::Writer& w) {
            for (const Record& next : std::as_const(records)) {
                if (!w.insertClient(*next)) {
                    return false;
                }
            }
            for (const AuditRecord& entry : std::as_const(audit)) {
                if (!w.appendAudit(entry)) {
                    return false;
                }
            }
            return true;
        },
        &error);
    if (!written) {
        return storeFailure<QList<NewSecret>>(error);
    }
    QWriteLocker lock(&m_lock);
    for (const Record& next : std::as_const(records)) {
        m_clients.insert(next->client.clientId, next);
        m_listing.changed(next->client.clientId);
        if (!next->client.userId.isEmpty()) {
            m_userIds.insert(next->client.userId, next->client.clientId);
        }
    }
    return Result::success(created);
}

Outcome<Tenant::NewSecret> Tenant::patchClient(const QString& clientId, const QJsonObject& body, const QString& actor)
{
    using Result = Outcome<NewSecret>;
    const qint64 now = m_clock.now();
    std::unique_lock<QMutex> writer(m_writeMutex, WriteWait);
    if (!writer.owns_lock()) {
        return busy<NewSecret>();
    }
    const Record existing = record(clientId);
    if (!existing) {
        return Result::failure(OutcomeStatus::NotFound, tr("There is no client %1.").arg(clientId));
    }
    const Client& before = existing->client;
    const ClientInput::Patch patch = ClientInput::parsePatch(body, before, now);
    if (!patch.errors.isEmpty()) {
        return Result::failure(OutcomeStatus::Invalid, tr("The change is not valid."), patch.errors);
    }
    const QString expiryField = u"client_secret_expires_at"_s;
    const bool expired = before.isExpiredAt(now);
    if (expired) {
        FieldErrors blocked;
        for (const QString& field : patch.changedFields) {
            if (field != expiryField) {
                blocked.append({field,
                                tr("The client has expired; extend its expiry date first. Only "
                                   "client_secret_expires_at can change.")});
            }
        }
        if (!blocked.isEmpty()) {
            return Result::failure(OutcomeStatus::Conflict,
                                   tr("The client has expired: only its expiry date can change, which issues "
                                      "a new secret."),
                                   blocked);
        }
    }
    const Roles catalogue = roles();
    RuleContext context;
    context.now = now;
    context.roles = &catalogue;
    const FieldErrors errors = ClientRules::checkFields(patch.client, context, patch.changedFields);
    if (!errors.isEmpty()) {
        return Result::failure(OutcomeStatus::Invalid, tr("The change is not valid."), errors);
    }
    const Client& after = patch.client;
    if (after == before) {
        return Result::success({before, {}});
    }
    if (leavesNoActiveAdministrator({clientId, after}, now)) {
        return Result::failure(
            OutcomeStatus::Conflict,
            tr("This client is the last active administrator of the tenant; it must keep DW_ADMINISTRATOR."),
            {{u"roles"_s,
              tr("Give DW_ADMINISTRATOR to another client first; the tenant needs an active "
                 "administrator.")}});
    }

    // An expired client that gets a new expiry date gets a new secret, shown
    // once; its old tokens stay inactive. A renewed secret falls under the
    // copy-once rule, so a legacy client stops being retrievable.
    QString secret;
    Record stored;
    QString action;
    QString detail;
    if (expired) {
        secret = newSecret();
        stored = makeRecord(after, secret, false, now);
        action = u"client.extend"_s;
        detail = u"extended expiry from %1 to %2 and issued a new secret"_s.arg(isoTime(before.clientSecretExpiresAt),
                                                                                isoTime(after.clientSecretExpiresAt));
    } else {
        auto copy = std::make_shared<StoredClient>(*existing);
        copy->client = after;
        stored = copy;
        QStringList changed;
        for (const QString& field : ClientInput::patchableFields()) {
            if (patch.changedFields.contains(field)
                && before.toJson(now).value(field) != after.toJson(now).value(field)) {
                changed.append(field);
            }
        }
        const bool onlyLaterExpiry
            = changed == QStringList{expiryField} && after.clientSecretExpiresAt > before.clientSecretExpiresAt;
        if (onlyLaterExpiry) {
            action = u"client.extend"_s;
            detail = u"extended expiry from %1 to %2"_s.arg(isoTime(before.clientSecretExpiresAt),
                                                            isoTime(after.clientSecretExpiresAt));
        } else {
            action = u"client.update"_s;
            detail = u"changed %1"_s.arg(changed.join(u", "_s));
            if (changed.contains(u"client_name"_s)) {
                detail += u"; name \"%1\" -> \"%2\""_s.arg(before.clientName, after.clientName);
            }
            if (changed.contains(u"roles"_s)) {
                detail += u"; roles %1 -> %2"_s.arg(RoleAssignment::joinedText(before.roles),
                                                    RoleAssignment::joinedText(after.roles));
            }
            if (changed.contains(expiryField)) {
                detail += u"; expiry %1 -> %2"_s.arg(isoTime(before.clientSecretExpiresAt),
                                                     isoTime(after.clientSecretExpiresAt));
            }
        }
    }
    const AuditRecord entry{now, actor, action, clientId, detail};
    QString error;
    if (!m_store.write([&](Store::Writer& w) { return w.updateClient(*stored) && w.appendAudit(entry); }, &error)) {
        return storeFailure<NewSecret>(error);
    }
    {
        QWriteLocker lock(&m_lock);
        m_clients.insert(clientId, stored);
        m_listing.updated(existing, stored);
    }
    return Result::success({stored->client, secret});
}

Outcome<bool> Tenant::deleteClient(const QString& clientId, const QString& actor)
{
    const qint64 now = m_clock.now();
    std::unique_lock<QMutex> writer(m_writeMutex, WriteWait);
    if (!writer.owns_lock()) {
        return busy<bool>();
    }
    const Record existing = record(clientId);
    if (!existing) {
        return Outcome<bool>::failure(OutcomeStatus::NotFound, tr("There is no client %1.").arg(clientId));
    }
    if (leavesNoActiveAdministrator({clientId, std::nullopt}, now)) {
        return Outcome<bool>::failure(
            OutcomeStatus::Conflict,
            tr("This client is the last active administrator of the tenant and cannot be deleted."),
            {{u"client_id"_s,
              tr("Make another client an administrator first; the tenant needs an active "
                 "administrator.")}});
    }
    const AuditRecord entry{now, actor, u"client.delete"_s, clientId, u"deleted "_s + describeClient(existing->client)};
    QString error;
    if (!m_store.write([&](Store::Writer& w) { return w.deleteClient(clientId) && w.appendAudit(entry); }, &error)) {
        return storeFailure<bool>(error);
    }
    QWriteLocker lock(&m_lock);
    m_clients.remove(clientId);
    m_listing.removed(existing);
    if (!existing->client.userId.isEmpty()) {
        m_userIds.remove(existing->client.userId);
    }
    return Outcome<bool>::success(true);
}

Outcome<QString> Tenant::showSecret(const QString& clientId, const QString& actor)
{
    const qint64 now = m_clock.now();
    std::unique_lock<QMutex> writer(m_writeMutex, WriteWait);
    if (!writer.owns_lock()) {
        return busy<QString>();
    }
    const Record existing = record(clientId);
    if (!existing) {
        return Outcome<QString>::failure(OutcomeStatus::NotFound, tr("There is no client %1.").arg(clientId));
    }
    if (!existing->client.secretRetrievable || existing->sealedSecret.isEmpty()) {
        return Outcome<QString>::failure(
            OutcomeStatus::Forbidden,
            tr("The secret of this client was shown once when it was created and cannot be shown again."));
    }
    const auto secret = m_cipher.open(existing->sealedSecret, clientId.toUtf8());
    if (!secret) {
        qCWarning(lcTenant) << "the stored secret of" << clientId << "does not decrypt with this server key";
        return Outcome<QString>::failure(OutcomeStatus::Failed, tr("The stored secret cannot be read."));
    }
    const AuditRecord entry{now, actor, u"client.secret.show"_s, clientId,
                            u"showed the secret of "_s + describeClient(existing->client)};
    QString error;
    if (!m_store.write([&](Store::Writer& w) { return w.appendAudit(entry); }, &error)) {
        return storeFailure<QString>(error);
    }
    return Outcome<QString>::success(QString::fromUtf8(*secret));
}

Outcome<Role> Tenant::createRole(const QJsonObject& body, const QString& actor)
{
    const qint64 now = m_clock.now();
    std::unique_lock<QMutex> writer(m_writeMutex, WriteWait);
    if (!writer.owns_lock()) {
        return busy<Role>();
    }
    const RoleRules::Parsed<Role> parsed = RoleRules::parseRole(body, roles(), spaces());
    if (!parsed.errors.isEmpty()) {
        return Outcome<Role>::failure(parsed.conflict ? OutcomeStatus::Conflict : OutcomeStatus::Invalid,
                                      parsed.conflict ? tr("The role already exists.") : tr("The role is not valid."),
                                      parsed.errors);
    }
    const Role& role = parsed.value;
    const AuditRecord entry{now, actor, u"role.create"_s, role.roleId,
                            u"created scoped role \"%1\" for spaces %2"_s.arg(role.name, role.spaces.join(u", "_s))};
    QString error;
    if (!m_store.write([&](Store::Writer& w) { return w.insertRole(role) && w.appendAudit(entry); }, &error)) {
        return storeFailure<Role>(error);
    }
    QWriteLocker lock(&m_lock);
    m_scopedRoles.append(role);
    std::sort(m_scopedRoles.begin(), m_scopedRoles.end(),
              [](const Role& a, const Role& b) { return a.roleId < b.roleId; });
    return Outcome<Role>::success(role);
}

Outcome<bool> Tenant::deleteRole(const QString& roleId, const QString& actor)
{
    const qint64 now = m_clock.now();
    std::unique_lock<QMutex> writer(m_writeMutex, WriteWait);
    if (!writer.owns_lock()) {
        return busy<bool>();
    }
    if (RoleRules::isStandardRole(roleId)) {
        return Outcome<bool>::failure(OutcomeStatus::Forbidden,
                                      tr("%1 is a standard role of every tenant and cannot be deleted.").arg(roleId));
    }
    qsizetype holders = 0;
    Role role;
    {
        QReadLocker lock(&m_lock);
        const Role* found = findRole(m_scopedRoles, roleId);
        if (!found) {
            return Outcome<bool>::failure(OutcomeStatus::NotFound, tr("There is no role %1.").arg(roleId));
        }
        role = *found;
        for (const Record& stored : std::as_const(m_clients)) {
            const RoleAssignments& held = stored->client.roles;
            if (std::any_of(held.cbegin(), held.cend(), [&](const RoleAssignment& r) { return r.roleId == roleId; })) {
                ++holders;
            }
        }
    }
    if (const qsizetype users = m_users->holdersOfRole(roleId); users > 0) {
        return Outcome<bool>::failure(OutcomeStatus::Conflict,
                                      tr("The role %1 is still held by %n user(s).", nullptr, int(users)).arg(roleId),
                                      {{u"role_id"_s, tr("Held by %n user(s).", nullptr, int(users))}});
    }
    if (holders > 0) {
        return Outcome<bool>::failure(
            OutcomeStatus::Conflict,
            tr("The role %1 is still held by %n client(s).", nullptr, int(holders)).arg(roleId),
            {{u"role_id"_s, tr("Held by %n client(s).", nullptr, int(holders))}});
    }
    const AuditRecord entry{now, actor, u"role.delete"_s, roleId,
                            u"deleted scoped role \"%1\" (spaces %2)"_s.arg(role.name, role.spaces.join(u", "_s))};
    QString error;
    if (!m_store.write([&](Store::Writer& w) { return w.deleteRole(roleId) && w.appendAudit(entry); }, &error)) {
        return storeFailure<bool>(error);
    }
    QWriteLocker lock(&m_lock);
    m_scopedRoles.removeIf([&](const Role& r) { return r.roleId == roleId; });
    return Outcome<bool>::success(true);
}

Outcome<Space> Tenant::createSpace(const QJsonObject& body, const QString& actor)
{
    const qint64 now = m_clock.now();
    std::unique_lock<QMutex> writer(m_writeMutex, WriteWait);
    if (!writer.owns_lock()) {
        return busy<Space>();
    }
    const RoleRules::Parsed<Space> parsed = RoleRules::parseSpace(body, spaces());
    if (!parsed.errors.isEmpty()) {
        return Outcome<Space>::failure(
            parsed.conflict ? OutcomeStatus::Conflict : OutcomeStatus::Invalid,
            parsed.conflict ? tr("The space already exists.") : tr("The space is not valid."), parsed.errors);
    }
    const Space& space = parsed.value;
    const AuditRecord entry{now, actor, u"space.create"_s, space.spaceId, u"created space \"%1\""_s.arg(space.name)};
    QString error;
    if (!m_store.write([&](Store::Writer& w) { return w.insertSpace(space) && w.appendAudit(entry); }, &error)) {
        return storeFailure<Space>(error);
    }
    QWriteLocker lock(&m_lock);
    m_spaces.append(space);
    std::sort(m_spaces.begin(), m_spaces.end(), [](const Space& a, const Space& b) { return a.spaceId < b.spaceId; });
    return Outcome<Space>::success(space);
}

Outcome<bool> Tenant::deleteSpace(const QString& spaceId, const QString& actor)
{
    const qint64 now = m_clock.now();
    std::unique_lock<QMutex> writer(m_writeMutex, WriteWait);
    if (!writer.owns_lock()) {
        return busy<bool>();
    }
    Space space;
    QStringList users;
    {
        QReadLocker lock(&m_lock);
        const auto it
            = std::find_if(m_spaces.cbegin(), m_spaces.cend(), [&](const Space& s) { return s.spaceId == spaceId; });
        if (it == m_spaces.cend()) {
            return Outcome<bool>::failure(OutcomeStatus::NotFound, tr("There is no space %1.").arg(spaceId));
        }
        space = *it;
        for (const Role& role : std::as_const(m_scopedRoles)) {
            if (role.spaces.contains(spaceId)) {
                users.append(role.roleId);
            }
        }
    }
    if (!users.isEmpty()) {
        return Outcome<bool>::failure(
            OutcomeStatus::Conflict,
            tr("The space %1 is used by the role(s) %2; delete those roles first.").arg(spaceId, users.join(u", "_s)),
            {{u"space_id"_s, tr("Used by %1.").arg(users.join(u", "_s))}});
    }
    const AuditRecord entry{now, actor, u"space.delete"_s, spaceId, u"deleted space \"%1\""_s.arg(space.name)};
    QString error;
    if (!m_store.write([&](Store::Writer& w) { return w.deleteSpace(spaceId) && w.appendAudit(entry); }, &error)) {
        return storeFailure<bool>(error);
    }
    QWriteLocker lock(&m_lock);
    m_spaces.removeIf([&](const Space& s) { return s.spaceId == spaceId; });
    return Outcome<bool>::success(true);
}

// --- Seeding

QString Tenant::meta(const QString& key) const
{
    QReadLocker lock(&m_lock);
    return m_meta.value(key);
}

bool Tenant::seed(const QList<Seed>& clients, const Spaces& spaces, const Roles& roles, const AuditRecords& audit,
                  QString* error, const QHash<QString, QString>& meta, const QList<TenantUser>& users)
{
    QMutexLocker writer(&m_writeMutex);
    QList<Record> records;
    records.reserve(clients.size());
    for (const Seed& seed : clients) {
        Record stored = makeRecord(seed.client, seed.secret, seed.retrievable, seed.client.clientIdIssuedAt);
        records.append(stored);
    }
    const bool ok = m_store.write(
        [&](Store::Writer& w) {
            for (const Space& space : spaces) {
                if (!w.insertSpace(space)) {
                    return false;
                }
            }
            for (const Role& role : roles) {
                if (!w.insertRole(role)) {
                    return false;
                }
            }
            for (const Record& stored : std::as_const(records)) {
                if (!w.insertClient(*stored)) {
                    return false;
                }
            }
            for (const TenantUser& user : users) {
                if (!w.insertUser(user)) {
                    return false;
                }
            }
            for (const AuditRecord& entry : audit) {
                if (!w.appendAudit(entry)) {
                    return false;
                }
            }
            for (auto it = meta.cbegin(); it != meta.cend(); ++it) {
                if (!w.setMeta(it.key(), it.value())) {
                    return false;
                }
            }
            return true;
        },
        error);
    if (!ok) {
        return false;
    }
    m_users->adoptSeeded(users);
    QWriteLocker lock(&m_lock);
    m_meta.insert(meta);
    for (const Record& stored : std::as_const(records)) {
        m_clients.insert(stored->client.clientId, stored);
        m_listing.changed(stored->client.clientId);
        if (!stored->client.userId.isEmpty()) {
            m_userIds.insert(stored->client.userId, stored->client.clientId);
        }
    }
    m_spaces += spaces;
    std::sort(m_spaces.begin(), m_spaces.end(), [](const Space& a, const Space& b) { return a.spaceId < b.spaceId; });
    m_scopedRoles += roles;
    std::sort(m_scopedRoles.begin(), m_scopedRoles.end(),
              [](const Role& a, const Role& b) { return a.roleId < b.roleId; });
    return true;
}

// --- Authentication and tokens

Tenant::Record Tenant::authenticate(const QString& clientId, QByteArrayView secret) const
{
    // Hash first and compare against a dummy when the id is unknown, so that
    // the answer takes as long for an unknown client as for a wrong secret.
    const QByteArray presented = hashSecret(secret);
    const Record stored = record(clientId);
    const bool match = Crypto::constantTimeEquals(presented, stored ? stored->secretHash : m_dummyHash);
    if (!stored || !match || stored->client.isExpiredAt(m_clock.now())) {
        return nullptr;
    }
    return stored;
}

bool Tenant::isAdministrator(const Client& client)
{
    if (client.purpose != Purpose::Technical) {
        return false;
    }
    return std::any_of(client.roles.cbegin(), client.roles.cend(), [](const RoleAssignment& role) {
        return role.roleId == oauth::RoleAdministrator && role.spaces.isEmpty();
    });
}

bool Tenant::leavesNoActiveAdministrator(const AdministratorChange& change, qint64 now) const
{
    const auto isActiveAdministrator
        = [now](const Client& client) { return isAdministrator(client) && !client.isExpiredAt(now); };
    if (change.clientAfter && isActiveAdministrator(*change.clientAfter)) {
        return false;
    }
    QReadLocker lock(&m_lock);
    const Record before = m_clients.value(change.clientId);
    if (!before || !isActiveAdministrator(before->client)) {
        return false; // it takes no active administrator away
    }
    for (const Record& stored : std::as_const(m_clients)) {
        if (stored->client.clientId != change.clientId && isActiveAdministrator(stored->client)) {
            return false;
        }
    }
    // An active user holding DW_ADMINISTRATOR is an administrator too.
    return m_users->activeAdministratorUserCount() == 0;
}

bool Tenant::isTokenActive(const QString& clientId, const QString& jti, qint64 issuedAt, qint64 expiresAt) const
{
    const qint64 now = m_clock.now();
    if (now >= expiresAt) {
        return false;
    }
    QReadLocker lock(&m_lock);
    const Record stored = m_clients.value(clientId);
    if (!stored || stored->client.isExpiredAt(now) || issuedAt < stored->secretIssuedAt) {
        return false;
    }
    return !m_revoked.contains(jti);
}

qsizetype Tenant::pruneRevokedTokens()
{
    const qint64 now = m_clock.now();
    std::unique_lock<QMutex> writer(m_writeMutex, WriteWait);
    if (!writer.owns_lock()) {
        return -1; // a management write is busy; the next round prunes
    }
    QString error;
    if (!m_store.write([now](Store::Writer& w) { return w.pruneRevokedTokens(now); }, &error)) {
        qCWarning(lcTenant) << "cannot prune expired revocations:" << error;
        return -1;
    }
    QWriteLocker lock(&m_lock);
    return m_revoked.removeIf([now](const auto& entry) { return entry.value() <= now; });
}

qsizetype Tenant::revokedTokenCount() const
{
    QReadLocker lock(&m_lock);
    return m_revoked.size();
}

bool Tenant::isRevoked(const QString& jti) const
{
    QReadLocker lock(&m_lock);
    return m_revoked.contains(jti);
}

bool Tenant::revokeToken(const QString& jti, const QString& clientId, qint64 expiresAt, QString* error)
{
    std::unique_lock<QMutex> writer(m_writeMutex, WriteWait);
    if (!writer.owns_lock()) {
        if (error) {
            *error = tr("another change held the store for too long");
        }
        return false;
    }
    if (isRevoked(jti)) {
        return true;
    }
    if (!m_store.write([&](Store::Writer& w) { return w.insertRevokedToken(jti, clientId, expiresAt); }, error)) {
        return false;
    }
    QWriteLocker lock(&m_lock);
    m_revoked.insert(jti, expiresAt);
    return true;
}

// --- Users

bool Tenant::isUserSubject(const QString& clientId, const QString& subject) const
{
    if (subject == clientId) {
        return false;
    }
    const Record stored = record(clientId);
    return !(stored && stored->client.purpose == Purpose::Technical && stored->client.userId == subject);
}

bool Tenant::isTokenSubjectActive(const QString& clientId, const QString& subject, qint64 issuedAt) const
{
    return !isUserSubject(clientId, subject) || m_users->isUserTokenActive(subject, issuedAt);
}

bool Tenant::isAdministratorUser(const QString& userName) const
{
    const UserRecord user = m_users->userByName(userName);
    return user && user->isActiveAdministrator();
}

qsizetype Tenant::activeAdministratorClientCount() const
{
    const qint64 now = m_clock.now();
    QReadLocker lock(&m_lock);
    return std::count_if(m_clients.cbegin(), m_clients.cend(), [&](const Record& stored) {
        return isAdministrator(stored->client) && !stored->client.isExpiredAt(now);
    });
}

qsizetype Tenant::activeAdministratorUserCount() const
{
    return m_users->activeAdministratorUserCount();
}

} // namespace appint
