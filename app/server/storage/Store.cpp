#include "server/storage/Store.h"

#include "server/storage/SecureFile.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

std::atomic<quint64> nextInstance{1};
std::atomic<quint64> nextConnection{1};

// The schema, one entry per version: entry i takes a store from version i to
// i + 1. Never edit a released entry; add one.
const QList<QStringList>& migrations()
{
    static const QList<QStringList> steps{
        // 0 -> 1: the first schema.
        {
            u"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
            u"CREATE TABLE clients ("
            " client_id TEXT PRIMARY KEY,"
            " client_name TEXT NOT NULL,"
            " purpose TEXT NOT NULL,"
            " grant_types TEXT NOT NULL,"
            " access TEXT NOT NULL,"
            " redirect_uris TEXT NOT NULL,"
            " user_id TEXT UNIQUE,"
            " roles TEXT NOT NULL,"
            " access_token_lifetime INTEGER NOT NULL,"
            " refresh_token_lifetime INTEGER NOT NULL,"
            " client_secret_expires_at INTEGER NOT NULL,"
            " client_id_issued_at INTEGER NOT NULL,"
            " secret_hash BLOB NOT NULL,"
            " secret_issued_at INTEGER NOT NULL,"
            " secret_retrievable INTEGER NOT NULL,"
            " sealed_secret BLOB)"_s,
            u"CREATE TABLE spaces (space_id TEXT PRIMARY KEY, name TEXT NOT NULL)"_s,
            u"CREATE TABLE roles (role_id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL,"
            " spaces TEXT NOT NULL)"_s,
            u"CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL,"
            " actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT NOT NULL)"_s,
            u"CREATE INDEX audit_time ON audit (time)"_s,
            u"CREATE TABLE revoked_tokens (jti TEXT PRIMARY KEY, client_id TEXT NOT NULL,"
            " expires_at INTEGER NOT NULL)"_s,
        },
        // 1 -> 2: tenant users (SCIM). The password is kept only as an
        // Argon2id hash; emails and roles as JSON arrays.
        {
            u"CREATE TABLE users ("
            " id TEXT PRIMARY KEY,"
            " user_name TEXT NOT NULL UNIQUE,"
            " given_name TEXT NOT NULL,"
            " family_name TEXT NOT NULL,"
            " display_name TEXT NOT NULL,"
            " emails TEXT NOT NULL,"
            " active INTEGER NOT NULL,"
            " roles TEXT NOT NULL,"
            " password_hash BLOB NOT NULL,"
            " created INTEGER NOT NULL,"
            " last_modified INTEGER NOT NULL,"
            " version INTEGER NOT NULL,"
            " tokens_valid_since INTEGER NOT NULL)"_s,
        },
        // 2 -> 3: trusted SAML identity providers and the assertion-ID replay
        // cache of the SAML 2.0 bearer grant (issue 14).
        {
            u"CREATE TABLE identity_providers (idp_id TEXT PRIMARY KEY, name TEXT NOT NULL,"
            " entity_id TEXT NOT NULL UNIQUE, certificates TEXT NOT NULL, created_at INTEGER NOT NULL)"_s,
            u"CREATE TABLE saml_assertion_ids (id_hash TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)"_s,
            u"CREATE INDEX saml_assertion_ids_expiry ON saml_assertion_ids (expires_at)"_s,
        },
        // 3 -> 4: refresh tokens (issue 12), stored only as keyed hashes.
        {
            u"CREATE TABLE refresh_tokens (token_hash BLOB PRIMARY KEY, family_id TEXT NOT NULL,"
            " client_id TEXT NOT NULL, user_name TEXT NOT NULL, user_id TEXT NOT NULL, scope TEXT NOT NULL,"
            " family_issued_at INTEGER NOT NULL, issued_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,"
            " retired INTEGER NOT NULL, access_jti TEXT NOT NULL, access_expires_at INTEGER NOT NULL)"_s,
            u"CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)"_s,
            u"CREATE INDEX refresh_tokens_client ON refresh_tokens (client_id)"_s,
        },
    };
    static_assert(Store::SchemaVersion == 4, "add a migration step with the new version");
    return steps;
}

QString describe(const QSqlError& error)
{
    return error.text().isEmpty() ? u"unknown database error"_s : error.text();
}

QString toJsonText(const QStringList& list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList stringListFromJson(const QString& text)
{
    QStringList list;
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue& value : array) {
        list.append(value.toString());
    }
    return list;
}

QString rolesToJson(const RoleAssignments& roles)
{
    return QString::fromUtf8(QJsonDocument(RoleAssignment::toJsonArray(roles)).toJson(QJsonDocument::Compact));
}

RoleAssignments rolesFromJson(const QString& text)
{
    return RoleAssignment::fromJsonArray(QJsonDocument::fromJson(text.toUtf8()).array());
}

QString emailsToJson(const UserEmails& emails)
{
    QJsonArray array;
    for (const UserEmail& email : emails) {
        array.append(QJsonObject{{u"value"_s, email.value}, {u"primary"_s, email.primary}});
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

UserEmails emailsFromJson(const QString& text)
{
    UserEmails emails;
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue& value : array) {
        const QJsonObject object = value.toObject();
        emails.append(UserEmail{object.value(u"value"_s).toString(), object.value(u"primary"_s).toBool()});
    }
    return emails;
}

// Qt binds a null QString as SQL NULL; the text columns want ''.
QString notNull(const QString& text)
{
    return text.isNull() ? u""_s : text;
}

// This thread's connection name per store instance.
QHash<quint64, QString>& threadConnectionNames()
{
    thread_local QHash<quint64, QString> names;
    return names;
}

thread_local Store::Failure lastWriteFailure = Store::Failure::None;

// SQLite's primary result codes (sqlite3.h), as Qt's driver reports them in
// nativeErrorCode(); extended codes carry the primary one in the low byte.
Store::Failure classify(const QSqlError& error)
{
    bool numeric = false;
    const int code = error.nativeErrorCode().toInt(&numeric) & 0xff;
    const QString text = error.databaseText();
    if (code == 5 || code == 6 || text.contains(u"database is locked"_s)) { // SQLITE_BUSY, SQLITE_LOCKED
        return Store::Failure::Busy;
    }
    if (code == 13 || text.contains(u"disk is full"_s)) { // SQLITE_FULL
        return Store::Failure::Full;
    }
    if (code == 8 || code == 10 || code == 14 || text.contains(u"readonly"_s)) { // READONLY, IOERR, CANTOPEN
        return Store::Failure::Unavailable;
    }
    return Store::Failure::Other;
}

bool exec(QSqlDatabase& db, const QString& sql, QString* error, QSqlError* sqlError = nullptr)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        if (error) {
            *error = describe(query.lastError());
        }
        if (sqlError) {
            *sqlError = query.lastError();
        }
        return false;
    }
    return true;
}

} // namespace

Store::~Store()
{
    QMutexLocker lock(&m_namesMutex);
    for (const QString& name : std::as_const(m_connectionNames)) {
        QSqlDatabase::removeDatabase(name);
    }
}

std::unique_ptr<Store> Store::open(const QString& path, QString* error)
{
    std::unique_ptr<Store> store(new Store);
    store->m_path = path;
    store->m_instance = nextInstance.fetch_add(1);
    store->m_new = !QFileInfo::exists(path);
    // Created empty with mode 0600 first: SQLite gives its WAL and shared
    // memory files the mode of the database file.
    if (store->m_new && !SecureFile::create(path, {}, error)) {
        return nullptr;
    }
    QSqlDatabase db = store->connection(error);
    if (!db.isOpen()) {
        return nullptr;
    }
    if (!store->migrate(db, error)) {
        return nullptr;
    }
    return store;
}

QSqlDatabase Store::connection(QString* error)
{
    QHash<quint64, QString>& names = threadConnectionNames();
    if (const auto it = names.constFind(m_instance); it != names.cend()) {
        return QSqlDatabase::database(*it, false);
    }
    const QString name = u"appint-store-%1-%2"_s.arg(m_instance).arg(nextConnection.fetch_add(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    db.setDatabaseName(m_path);
    if (!db.open()) {
        if (error) {
            *error = tr("cannot open the store %1: %2").arg(m_path, describe(db.lastError()));
        }
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return {};
    }
    // WAL lets readers run beside the writer; FULL syncs the WAL on every
    // commit, so an acknowledged write survives power loss.
    QString pragmaError;
    if (!exec(db, u"PRAGMA busy_timeout = %1"_s.arg(BusyTimeoutMs), &pragmaError)
        || !exec(db, u"PRAGMA journal_mode = WAL"_s, &pragmaError)
        || !exec(db, u"PRAGMA synchronous = FULL"_s, &pragmaError)
        || !exec(db, u"PRAGMA foreign_keys = ON"_s, &pragmaError)) {
        if (error) {
            *error = tr("cannot configure the store %1: %2").arg(m_path, pragmaError);
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return {};
    }
    names.insert(m_instance, name);
    QMutexLocker lock(&m_namesMutex);
    m_connectionNames.append(name);
    return db;
}

void Store::releaseThreadConnection()
{
    const QString name = threadConnectionNames().take(m_instance);
    if (name.isEmpty()) {
        return;
    }
    QSqlDatabase::removeDatabase(name);
    QMutexLocker lock(&m_namesMutex);
    m_connectionNames.removeAll(name);
}

bool Store::migrate(QSqlDatabase& db, QString* error)
{
    QSqlQuery versionQuery(db);
    if (!versionQuery.exec(u"PRAGMA user_version"_s) || !versionQuery.next()) {
        if (error) {
            *error = tr("%1 is not an SQLite database: %2").arg(m_path, describe(versionQuery.lastError()));
        }
        return false;
    }
    int version = versionQuery.value(0).toInt();
    versionQuery.finish();
    m_versionOnOpen = version;
    if (version > SchemaVersion) {
        if (error) {
            *error = tr("%1 has schema version %2, newer than this server understands (%3); use a newer "
                        "appint-server")
                         .arg(m_path)
                         .arg(version)
                         .arg(SchemaVersion);
        }
        return false;
    }
    while (version < SchemaVersion) {
        if (!db.transaction()) {
            if (error) {
                *error = describe(db.lastError());
            }
            return false;
        }
        QString stepError;
        bool ok = true;
        for (const QString& sql : migrations().at(version)) {
            if (!exec(db, sql, &stepError)) {
                ok = false;
                break;
            }
        }
        ok = ok && exec(db, u"PRAGMA user_version = %1"_s.arg(version + 1), &stepError);
        if (!ok || !db.commit()) {
            db.rollback();
            if (error) {
                *error = tr("cannot migrate %1 to schema version %2: %3")
                             .arg(m_path)
                             .arg(version + 1)
                             .arg(stepError.isEmpty() ? describe(db.lastError()) : stepError);
            }
            return false;
        }
        ++version;
    }
    return true;
}

std::optional<Store::Snapshot> Store::load(QString* error)
{
    QSqlDatabase db = connection(error);
    if (!db.isOpen()) {
        return std::nullopt;
    }
    Snapshot snapshot;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const auto fail = [&](const QSqlQuery& q) {
        if (error) {
            *error = tr("cannot read the store: %1").arg(describe(q.lastError()));
        }
        return std::nullopt;
    };
    if (!query.exec(u"SELECT client_id, client_name, purpose, grant_types, access, redirect_uris, user_id, roles,"
                    " access_token_lifetime, refresh_token_lifetime, client_secret_expires_at,"
                    " client_id_issued_at, secret_hash, secret_issued_at, secret_retrievable, sealed_secret"
                    " FROM clients"_s)) {
        return fail(query);
    }
    while (query.next()) {
        StoredClient stored;
        Client& c = stored.client;
        c.clientId = query.value(0).toString();
        c.clientName = query.value(1).toString();
        c.purpose = purposeFromId(query.value(2).toString()).value_or(Purpose::Technical);
        c.grantTypes = stringListFromJson(query.value(3).toString());
        c.access = stringListFromJson(query.value(4).toString());
        c.redirectUris = stringListFromJson(query.value(5).toString());
        c.userId = query.value(6).toString();
        c.roles = rolesFromJson(query.value(7).toString());
        c.accessTokenLifetime = query.value(8).toLongLong();
        c.refreshTokenLifetime = query.value(9).toLongLong();
        c.clientSecretExpiresAt = query.value(10).toLongLong();
        c.clientIdIssuedAt = query.value(11).toLongLong();
        stored.secretHash = query.value(12).toByteArray();
        stored.secretIssuedAt = query.value(13).toLongLong();
        c.secretRetrievable = query.value(14).toBool();
        stored.sealedSecret = query.value(15).toByteArray();
        snapshot.clients.append(std::move(stored));
    }
    if (!query.exec(u"SELECT space_id, name FROM spaces ORDER BY space_id"_s)) {
        return fail(query);
    }
    while (query.next()) {
        snapshot.spaces.append(Space{query.value(0).toString(), query.value(1).toString()});
    }
    if (!query.exec(u"SELECT role_id, name, description, spaces FROM roles ORDER BY role_id"_s)) {
        return fail(query);
    }
    while (query.next()) {
        Role role;
        role.roleId = query.value(0).toString();
        role.name = query.value(1).toString();
        role.description = query.value(2).toString();
        role.scope = RoleScope::Scoped;
        role.spaces = stringListFromJson(query.value(3).toString());
        snapshot.roles.append(role);
    }
    if (!query.exec(u"SELECT key, value FROM meta"_s)) {
        return fail(query);
    }
    while (query.next()) {
        snapshot.meta.insert(query.value(0).toString(), query.value(1).toString());
    }
    if (!query.exec(u"SELECT jti, expires_at FROM revoked_tokens"_s)) {
        return fail(query);
    }
    while (query.next()) {
        snapshot.revokedTokens.insert(query.value(0).toString(), query.value(1).toLongLong());
    }
    if (!query.exec(u"SELECT id, user_name, given_name, family_name, display_name, emails, active, roles,"
                    " password_hash, created, last_modified, version, tokens_valid_since FROM users"_s)) {
        return fail(query);
    }
    while (query.next()) {
        TenantUser user;
        user.id = query.value(0).toString();
        user.userName = query.value(1).toString();
        user.givenName = query.value(2).toString();
        user.familyName = query.value(3).toString();
        user.displayName = query.value(4).toString();
        user.emails = emailsFromJson(query.value(5).toString());
        user.active = query.value(6).toBool();
        user.roles = rolesFromJson(query.value(7).toString());
        user.passwordHash = query.value(8).toByteArray();
        user.created = query.value(9).toLongLong();
        user.lastModified = query.value(10).toLongLong();
        user.version = query.value(11).toLongLong();
        user.tokensValidSince = query.value(12).toLongLong();
        snapshot.users.append(std::move(user));
    }
    return snapshot;
}

Store::Failure Store::lastFailure()
{
    return lastWriteFailure;
}

bool Store::write(const std::function<bool(Writer&)>& body, QString* error)
{
    lastWriteFailure = Failure::None;
    QSqlDatabase db = connection(error);
    if (!db.isOpen()) {
        lastWriteFailure = Failure::Unavailable;
        return false;
    }
    // IMMEDIATE: wait for (at most the busy timeout) and take the write lock
    // before any statement runs, so a busy store fails before anything is
    // written rather than halfway.
    QSqlError sqlError;
    if (!exec(db, u"BEGIN IMMEDIATE"_s, error, &sqlError)) {
        lastWriteFailure = classify(sqlError);
        return false;
    }
    bool ok = false;
    QString writerError;
    {
        Writer writer(db);
        ok = body(writer);
        writerError = writer.lastError();
        sqlError = writer.lastSqlError();
    }
    if (ok && exec(db, u"COMMIT"_s, error, &sqlError)) {
        return true;
    }
    if (error && !writerError.isEmpty()) {
        *error = writerError;
    }
    lastWriteFailure = classify(sqlError);
    exec(db, u"ROLLBACK"_s, nullptr);
    return false;
}

std::optional<AuditRecords> Store::audit(qint64 from, qint64 to, QString* error)
{
    QSqlDatabase db = connection(error);
    if (!db.isOpen()) {
        return std::nullopt;
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT time, actor, action, target, detail FROM audit WHERE time >= ? AND time < ?"
                  " ORDER BY time, id"_s);
    query.addBindValue(from);
    query.addBindValue(to);
    if (!query.exec()) {
        if (error) {
            *error = describe(query.lastError());
        }
        return std::nullopt;
    }
    AuditRecords records;
    while (query.next()) {
        records.append(AuditRecord{query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
                                   query.value(3).toString(), query.value(4).toString()});
    }
    return records;
}

namespace {

const QString RefreshTokenColumns = u"token_hash, family_id, client_id, user_name, user_id, scope, family_issued_at,"
                                    " issued_at, expires_at, retired, access_jti, access_expires_at"_s;

StoredRefreshToken refreshTokenFrom(const QSqlQuery& query)
{
    StoredRefreshToken token;
    token.tokenHash = query.value(0).toByteArray();
    token.familyId = query.value(1).toString();
    token.clientId = query.value(2).toString();
    token.userName = query.value(3).toString();
    token.userId = query.value(4).toString();
    token.scope = query.value(5).toString();
    token.familyIssuedAt = query.value(6).toLongLong();
    token.issuedAt = query.value(7).toLongLong();
    token.expiresAt = query.value(8).toLongLong();
    token.retired = query.value(9).toBool();
    token.accessJti = query.value(10).toString();
    token.accessExpiresAt = query.value(11).toLongLong();
    return token;
}

} // namespace

std::optional<StoredRefreshTokens> Store::refreshTokens(const QString& column, const QVariant& value, QString* error)
{
    QSqlDatabase db = connection(error);
    if (!db.isOpen()) {
        return std::nullopt;
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT %1 FROM refresh_tokens WHERE %2 = ?"_s.arg(RefreshTokenColumns, column));
    query.addBindValue(value);
    if (!query.exec()) {
        if (error) {
            *error = describe(query.lastError());
        }
        return std::nullopt;
    }
    StoredRefreshTokens tokens;
    while (query.next()) {
        tokens.append(refreshTokenFrom(query));
    }
    return tokens;
}

std::optional<StoredRefreshTokens> Store::refreshToken(const QByteArray& tokenHash, QString* error)
{
    return refreshTokens(u"token_hash"_s, tokenHash, error);
}

std::optional<StoredRefreshTokens> Store::refreshTokenFamily(const QString& familyId, QString* error)
{
    return refreshTokens(u"family_id"_s, familyId, error);
}

Store::Writer::Writer(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QSqlQuery& Store::Writer::prepared(const QString& sql)
{
    auto it = m_queries.find(sql);
    if (it == m_queries.end()) {
        auto query = std::make_unique<QSqlQuery>(m_db);
        query->prepare(sql);
        it = m_queries.emplace(sql, std::move(query)).first;
    }
    return *it->second;
}

bool Store::Writer::run(QSqlQuery& query)
{
    if (!query.exec()) {
        m_sqlError = query.lastError();
        m_error = describe(m_sqlError);
        return false;
    }
    m_rowsAffected = query.numRowsAffected();
    return true;
}

bool Store::Writer::execute(const QString& sql, const QVariantList& values)
{
    QSqlQuery& query = prepared(sql);
    for (qsizetype i = 0; i < values.size(); ++i) {
        query.bindValue(int(i), values.at(i));
    }
    return run(query);
}

bool Store::Writer::writeClient(const QString& sql, const StoredClient& stored)
{
    const Client& c = stored.client;
    QSqlQuery& query = prepared(sql);
    query.bindValue(u":client_id"_s, c.clientId);
    query.bindValue(u":client_name"_s, notNull(c.clientName));
    query.bindValue(u":purpose"_s, purposeId(c.purpose));
    query.bindValue(u":grant_types"_s, toJsonText(c.grantTypes));
    query.bindValue(u":access"_s, toJsonText(c.access));
    query.bindValue(u":redirect_uris"_s, toJsonText(c.redirectUris));
    query.bindValue(u":user_id"_s, c.userId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(c.userId));
    query.bindValue(u":roles"_s, rolesToJson(c.roles));
    query.bindValue(u":access_token_lifetime"_s, c.accessTokenLifetime);
    query.bindValue(u":refresh_token_lifetime"_s, c.refreshTokenLifetime);
    query.bindValue(u":client_secret_expires_at"_s, c.clientSecretExpiresAt);
    query.bindValue(u":client_id_issued_at"_s, c.clientIdIssuedAt);
    query.bindValue(u":secret_hash"_s, stored.secretHash);
    query.bindValue(u":secret_issued_at"_s, stored.secretIssuedAt);
    query.bindValue(u":secret_retrievable"_s, c.secretRetrievable ? 1 : 0);
    query.bindValue(u":sealed_secret"_s,
                    stored.sealedSecret.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>())
                                                  : QVariant(stored.sealedSecret));
    return run(query);
}

bool Store::Writer::insertClient(const StoredClient& client)
{
    return writeClient(u"INSERT INTO clients (client_id, client_name, purpose, grant_types, access, redirect_uris,"
                       " user_id, roles, access_token_lifetime, refresh_token_lifetime, client_secret_expires_at,"
                       " client_id_issued_at, secret_hash, secret_issued_at, secret_retrievable, sealed_secret)"
                       " VALUES (:client_id, :client_name, :purpose, :grant_types, :access, :redirect_uris,"
                       " :user_id, :roles, :access_token_lifetime, :refresh_token_lifetime,"
                       " :client_secret_expires_at, :client_id_issued_at, :secret_hash, :secret_issued_at,"
                       " :secret_retrievable, :sealed_secret)"_s,
                       client);
}

bool Store::Writer::updateClient(const StoredClient& client)
{
    const bool ok = writeClient(u"UPDATE clients SET client_name = :client_name, purpose = :purpose,"
                                " grant_types = :grant_types, access = :access, redirect_uris = :redirect_uris,"
                                " user_id = :user_id, roles = :roles, access_token_lifetime = :access_token_lifetime,"
                                " refresh_token_lifetime = :refresh_token_lifetime,"
                                " client_secret_expires_at = :client_secret_expires_at,"
                                " client_id_issued_at = :client_id_issued_at, secret_hash = :secret_hash,"
                                " secret_issued_at = :secret_issued_at, secret_retrievable = :secret_retrievable,"
                                " sealed_secret = :sealed_secret WHERE client_id = :client_id"_s,
                                client);
    if (ok && m_rowsAffected != 1) {
        m_error = tr("client %1 is not in the store").arg(client.client.clientId);
        return false;
    }
    return ok;
}

bool Store::Writer::deleteClient(const QString& clientId)
{
    return execute(u"DELETE FROM refresh_tokens WHERE client_id = ?"_s, {clientId})
        && execute(u"DELETE FROM clients WHERE client_id = ?"_s, {clientId});
}

bool Store::Writer::insertRole(const Role& role)
{
    return execute(u"INSERT INTO roles (role_id, name, description, spaces) VALUES (?, ?, ?, ?)"_s,
                   {role.roleId, notNull(role.name), notNull(role.description), toJsonText(role.spaces)});
}

bool Store::Writer::deleteRole(const QString& roleId)
{
    return execute(u"DELETE FROM roles WHERE role_id = ?"_s, {roleId});
}

bool Store::Writer::insertSpace(const Space& space)
{
    return execute(u"INSERT INTO spaces (space_id, name) VALUES (?, ?)"_s, {space.spaceId, notNull(space.name)});
}

bool Store::Writer::deleteSpace(const QString& spaceId)
{
    return execute(u"DELETE FROM spaces WHERE space_id = ?"_s, {spaceId});
}

bool Store::Writer::appendAudit(const AuditRecord& record)
{
    return execute(
        u"INSERT INTO audit (time, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)"_s,
        {record.time, notNull(record.actor), notNull(record.action), notNull(record.target), notNull(record.detail)});
}

bool Store::Writer::insertRevokedToken(const QString& jti, const QString& clientId, qint64 expiresAt)
{
    return execute(u"INSERT OR IGNORE INTO revoked_tokens (jti, client_id, expires_at) VALUES (?, ?, ?)"_s,
                   {jti, clientId, expiresAt});
}

bool Store::Writer::pruneRevokedTokens(qint64 now)
{
    return execute(u"DELETE FROM revoked_tokens WHERE expires_at <= ?"_s, {now});
}

bool Store::Writer::insertIdentityProvider(const IdentityProvider& idp)
{
    QJsonArray certificates;
    for (const Certificate& certificate : idp.certificates) {
        certificates.append(QString::fromLatin1(certificate.der.toBase64()));
    }
    return execute(u"INSERT INTO identity_providers (idp_id, name, entity_id, certificates, created_at)"
                   " VALUES (?, ?, ?, ?, ?)"_s,
                   {idp.idpId, notNull(idp.name), idp.entityId,
                    QString::fromUtf8(QJsonDocument(certificates).toJson(QJsonDocument::Compact)), idp.createdAt});
}

bool Store::Writer::deleteIdentityProvider(const QString& idpId)
{
    return execute(u"DELETE FROM identity_providers WHERE idp_id = ?"_s, {idpId});
}

bool Store::Writer::insertSamlAssertionId(const QString& idHash, qint64 expiresAt)
{
    return execute(u"INSERT INTO saml_assertion_ids (id_hash, expires_at) VALUES (?, ?)"_s, {idHash, expiresAt});
}

bool Store::Writer::pruneSamlAssertionIds(qint64 now)
{
    return execute(u"DELETE FROM saml_assertion_ids WHERE expires_at < ?"_s, {now});
}

std::optional<QList<IdentityProvider>> Store::loadIdentityProviders(QString* error)
{
    QSqlDatabase db = connection(error);
    if (!db.isOpen()) {
        return std::nullopt;
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT idp_id, name, entity_id, certificates, created_at FROM identity_providers"
                    " ORDER BY created_at, idp_id"_s)) {
        if (error) {
            *error = tr("cannot read the identity providers: %1").arg(describe(query.lastError()));
        }
        return std::nullopt;
    }
    QList<IdentityProvider> list;
    while (query.next()) {
        IdentityProvider idp;
        idp.idpId = query.value(0).toString();
        idp.name = query.value(1).toString();
        idp.entityId = query.value(2).toString();
        for (const QString& der : stringListFromJson(query.value(3).toString())) {
            QString problem;
            if (auto certificate = Certificate::fromDer(QByteArray::fromBase64(der.toLatin1()), &problem)) {
                idp.certificates.append(std::move(*certificate));
            } else if (error) {
                *error = tr("identity provider %1 has a damaged certificate: %2").arg(idp.idpId, problem);
                return std::nullopt;
            }
        }
        idp.createdAt = query.value(4).toLongLong();
        list.append(std::move(idp));
    }
    return list;
}

std::optional<QHash<QString, qint64>> Store::loadSamlAssertionIds(QString* error)
{
    QSqlDatabase db = connection(error);
    if (!db.isOpen()) {
        return std::nullopt;
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT id_hash, expires_at FROM saml_assertion_ids"_s)) {
        if (error) {
            *error = tr("cannot read the SAML assertion IDs: %1").arg(describe(query.lastError()));
        }
        return std::nullopt;
    }
    QHash<QString, qint64> ids;
    while (query.next()) {
        ids.insert(query.value(0).toString(), query.value(1).toLongLong());
    }
    return ids;
}

bool Store::Writer::insertRefreshToken(const StoredRefreshToken& token)
{
    return execute(
        u"INSERT INTO refresh_tokens (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s.arg(RefreshTokenColumns),
        {token.tokenHash, token.familyId, token.clientId, notNull(token.userName), notNull(token.userId),
         notNull(token.scope), token.familyIssuedAt, token.issuedAt, token.expiresAt, token.retired ? 1 : 0,
         notNull(token.accessJti), token.accessExpiresAt});
}

bool Store::Writer::retireRefreshToken(const QByteArray& tokenHash, bool* retired)
{
    const bool ok
        = execute(u"UPDATE refresh_tokens SET retired = 1 WHERE token_hash = ? AND retired = 0"_s, {tokenHash});
    *retired = ok && m_rowsAffected == 1;
    return ok;
}

bool Store::Writer::deleteRefreshTokenFamily(const QString& familyId)
{
    return execute(u"DELETE FROM refresh_tokens WHERE family_id = ?"_s, {familyId});
}

bool Store::Writer::pruneRefreshTokens(qint64 now)
{
    return execute(u"DELETE FROM refresh_tokens WHERE expires_at <= ?"_s, {now});
}

bool Store::Writer::setMeta(const QString& key, const QString& value)
{
    return execute(u"INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"_s, {key, value});
}

bool Store::Writer::writeUser(const QString& sql, const TenantUser& user)
{
    QSqlQuery& query = prepared(sql);
    query.bindValue(u":id"_s, user.id);
    query.bindValue(u":user_name"_s, user.userName);
    query.bindValue(u":given_name"_s, notNull(user.givenName));
    query.bindValue(u":family_name"_s, notNull(user.familyName));
    query.bindValue(u":display_name"_s, notNull(user.displayName));
    query.bindValue(u":emails"_s, emailsToJson(user.emails));
    query.bindValue(u":active"_s, user.active ? 1 : 0);
    query.bindValue(u":roles"_s, rolesToJson(user.roles));
    query.bindValue(u":password_hash"_s, user.passwordHash.isNull() ? QByteArray("") : user.passwordHash);
    query.bindValue(u":created"_s, user.created);
    query.bindValue(u":last_modified"_s, user.lastModified);
    query.bindValue(u":version"_s, user.version);
    query.bindValue(u":tokens_valid_since"_s, user.tokensValidSince);
    return run(query);
}

bool Store::Writer::insertUser(const TenantUser& user)
{
    return writeUser(u"INSERT INTO users (id, user_name, given_name, family_name, display_name, emails, active,"
                     " roles, password_hash, created, last_modified, version, tokens_valid_since)"
                     " VALUES (:id, :user_name, :given_name, :family_name, :display_name, :emails, :active,"
                     " :roles, :password_hash, :created, :last_modified, :version, :tokens_valid_since)"_s,
                     user);
}

bool Store::Writer::updateUser(const TenantUser& user)
{
    const bool ok = writeUser(u"UPDATE users SET user_name = :user_name, given_name = :given_name,"
                              " family_name = :family_name, display_name = :display_name, emails = :emails,"
                              " active = :active, roles = :roles, password_hash = :password_hash,"
                              " created = :created, last_modified = :last_modified, version = :version,"
                              " tokens_valid_since = :tokens_valid_since WHERE id = :id"_s,
                              user);
    if (ok && m_rowsAffected != 1) {
        m_error = tr("user %1 is not in the store").arg(user.id);
        return false;
    }
    return ok;
}

bool Store::Writer::deleteUser(const QString& id)
{
    return execute(u"DELETE FROM users WHERE id = ?"_s, {id});
}

} // namespace appint
