#include "service/TokenCacheFile.h"

#include "service/OutputFile.h"
#include "service/TokenCache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QStandardPaths>

#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

// Far more than any real cache; a bigger file is not ours.
constexpr qint64 MaximumFileSize = 4 * 1024 * 1024;
constexpr int LockTimeoutMs = 5000;

bool sameName(const QString& a, const QString& b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

QJsonObject toJson(const CachedToken& entry)
{
    return QJsonObject{
        {u"name"_s, entry.name},
        {u"tokenUrl"_s, entry.tokenUrl},
        {u"clientId"_s, entry.clientId},
        {u"scope"_s, entry.scope},
        {u"resource"_s, entry.resource},
        {u"audience"_s, entry.audience},
        {u"fingerprint"_s, entry.fingerprint},
        {u"accessToken"_s, entry.token.value.toString()},
        {u"tokenType"_s, entry.token.tokenType},
        {u"expiresIn"_s, entry.token.expiresIn},
        {u"obtainedAt"_s, entry.token.obtainedAt},
        {u"grantedScope"_s, entry.token.scope},
        {u"hits"_s, entry.hits},
        {u"fetches"_s, entry.fetches},
    };
}

std::optional<CachedToken> fromJson(const QJsonObject& object)
{
    CachedToken entry;
    entry.name = object[u"name"_s].toString();
    entry.tokenUrl = object[u"tokenUrl"_s].toString();
    entry.clientId = object[u"clientId"_s].toString();
    entry.scope = object[u"scope"_s].toString();
    entry.resource = object[u"resource"_s].toString();
    entry.audience = object[u"audience"_s].toString();
    entry.fingerprint = object[u"fingerprint"_s].toString();
    entry.token.value = Secret(object[u"accessToken"_s].toString());
    entry.token.tokenType = object[u"tokenType"_s].toString();
    entry.token.expiresIn = object[u"expiresIn"_s].toInteger();
    entry.token.obtainedAt = object[u"obtainedAt"_s].toInteger();
    entry.token.scope = object[u"grantedScope"_s].toString();
    entry.hits = object[u"hits"_s].toInt();
    entry.fetches = object[u"fetches"_s].toInt();
    if (entry.name.isEmpty() || entry.fingerprint.isEmpty() || entry.token.value.isEmpty() || entry.token.expiresIn <= 0
        || entry.token.obtainedAt <= 0) {
        return std::nullopt;
    }
    return entry;
}

} // namespace

qint64 CachedToken::renewAt() const
{
    return token.expiresAt() - TokenCache::renewalMargin(token.expiresIn);
}

// The QLockFile beside the cache file, held for one read or read-modify-write.
class TokenCacheFile::Lock
{
public:
    explicit Lock(const QString& path)
        : m_file(path + u".lock"_s)
    {
        m_locked = m_file.tryLock(LockTimeoutMs);
    }
    bool locked() const { return m_locked; }

private:
    QLockFile m_file;
    bool m_locked = false;
};

TokenCacheFile::TokenCacheFile(const QString& path)
    : m_path(path.isEmpty() ? defaultPath() : path)
{
}

QString TokenCacheFile::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation) + u"/appint/token-cache.json"_s;
}

QString TokenCacheFile::fingerprint(const OutboundCredential& credential)
{
    OutboundCredential shape = credential;
    shape.name.clear();
    shape.description.clear();
    shape.connectionTimeoutSeconds = OutboundCredential::DefaultTimeoutSeconds;
    shape.readTimeoutSeconds = OutboundCredential::DefaultTimeoutSeconds;
    // QJsonObject keeps its keys sorted: the same fields give the same bytes.
    const QByteArray bytes
        = QJsonDocument(QJsonObject::fromVariantMap(shape.toSettings())).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

void TokenCacheFile::warn(const QString& message)
{
    // Once per problem and instance: a read-modify-write reads the file twice.
    if (!m_reported.contains(message)) {
        m_reported.insert(message);
        m_warnings.append(message);
    }
}

QStringList TokenCacheFile::takeWarnings()
{
    return std::exchange(m_warnings, {});
}

bool TokenCacheFile::ensureFolder()
{
    const QString folder = QFileInfo(m_path).absolutePath();
    const QByteArray encoded = QFile::encodeName(folder);
    if (!QFileInfo::exists(folder)) {
        if (!QDir().mkpath(folder)) {
            warn(tr("The token cache folder %1 cannot be created; tokens are not cached.").arg(folder));
            return false;
        }
        ::chmod(encoded.constData(), S_IRWXU);
    }
    struct stat info
    {
    };
    if (::lstat(encoded.constData(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != ::geteuid()
        || (info.st_mode & 0077) != 0) {
        warn(tr("The token cache folder %1 is not a folder only you can use; tokens are not cached.").arg(folder));
        return false;
    }
    return true;
}

TokenCacheFile::Content TokenCacheFile::read()
{
    Content content;
    const QByteArray encoded = QFile::encodeName(m_path);
    const int fd = ::open(encoded.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT) {
            warn(tr("The token cache %1 was ignored: it cannot be opened as a file of yours.").arg(m_path));
            content.usable = false;
        }
        return content;
    }
    struct stat info
    {
    };
    QString problem;
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        problem = tr("The token cache %1 was ignored: it is not a regular file.").arg(m_path);
    } else if (info.st_uid != ::geteuid()) {
        problem = tr("The token cache %1 was ignored: it belongs to another user.").arg(m_path);
    } else if ((info.st_mode & 0077) != 0) {
        problem = tr("The token cache %1 was ignored: others may read it (mode %2, not 0600).")
                      .arg(m_path)
                      .arg(info.st_mode & 0777, 4, 8, QLatin1Char('0'));
    } else if (info.st_size > MaximumFileSize) {
        problem = tr("The token cache %1 was ignored: it is too big to be one.").arg(m_path);
    }
    if (!problem.isEmpty()) {
        ::close(fd);
        warn(problem);
        content.usable = false;
        return content;
    }
    QFile file;
    QByteArray bytes;
    if (file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        bytes = file.read(MaximumFileSize + 1);
    } else {
        ::close(fd);
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    wipeBytes(bytes);
    const QJsonObject root = document.object();
    if (error.error != QJsonParseError::NoError || !document.isObject() || root[u"version"_s].toInt() != FormatVersion
        || !root[u"entries"_s].isArray()) {
        warn(tr("The token cache %1 was ignored: it is not a token cache this version can read.").arg(m_path));
        content.usable = false;
        return content;
    }
    for (const QJsonValue& value : root[u"entries"_s].toArray()) {
        if (auto entry = fromJson(value.toObject())) {
            content.entries.append(*entry);
        }
    }
    return content;
}

bool TokenCacheFile::write(const QList<CachedToken>& entries, bool replaceUnusable)
{
    const QByteArray encoded = QFile::encodeName(m_path);
    if (replaceUnusable) {
        // Replaced, never written through: it may be a link or someone else's.
        struct stat info
        {
        };
        if (::lstat(encoded.constData(), &info) == 0 && ::unlink(encoded.constData()) != 0) {
            warn(tr("The token cache %1 cannot be replaced; tokens are not cached.").arg(m_path));
            return false;
        }
    }
    QJsonArray array;
    for (const CachedToken& entry : entries) {
        array.append(toJson(entry));
    }
    QByteArray bytes = QJsonDocument(QJsonObject{{u"version"_s, FormatVersion}, {u"entries"_s, array}})
                           .toJson(QJsonDocument::Indented);
    const QString problem = OutputFile::write(m_path, bytes, true);
    wipeBytes(bytes);
    if (!problem.isEmpty()) {
        warn(tr("The token cache cannot be written: %1").arg(problem));
        return false;
    }
    return true;
}

std::optional<AccessToken> TokenCacheFile::take(const OutboundCredential& credential, qint64 now)
{
    if (!ensureFolder()) {
        return std::nullopt;
    }
    const Lock lock(m_path);
    if (!lock.locked()) {
        warn(tr("The token cache %1 is locked by another program; it is not used this time.").arg(m_path));
        return std::nullopt;
    }
    Content content = read();
    if (!content.usable) {
        return std::nullopt;
    }
    const QString wanted = fingerprint(credential);
    for (CachedToken& entry : content.entries) {
        if (sameName(entry.name, credential.name) && entry.fingerprint == wanted && !entry.token.isExpiredAt(now)
            && now < entry.renewAt()) {
            ++entry.hits;
            const AccessToken token = entry.token;
            write(content.entries, false);
            return token;
        }
    }
    return std::nullopt;
}

bool TokenCacheFile::store(const OutboundCredential& credential, const AccessToken& token, qint64 now)
{
    if (token.expiresIn <= 0 || token.value.isEmpty()) {
        return false; // nothing says how long it may be reused
    }
    if (!ensureFolder()) {
        return false;
    }
    const Lock lock(m_path);
    if (!lock.locked()) {
        warn(tr("The token cache %1 is locked by another program; it is not used this time.").arg(m_path));
        return false;
    }
    const Content content = read();
    CachedToken stored;
    stored.name = credential.name;
    stored.tokenUrl = credential.tokenServiceUrl;
    stored.clientId = credential.clientId;
    stored.scope = credential.scope;
    stored.resource = credential.resource;
    stored.audience = credential.audience;
    stored.fingerprint = fingerprint(credential);
    stored.token = token;
    stored.token.otherFields = {};
    stored.fetches = 1;
    QList<CachedToken> kept;
    for (const CachedToken& entry : content.entries) {
        if (sameName(entry.name, credential.name)) {
            if (entry.fingerprint == stored.fingerprint) {
                stored.hits = entry.hits;
                stored.fetches = entry.fetches + 1;
            }
        } else if (!entry.token.isExpiredAt(now)) {
            kept.append(entry);
        }
    }
    kept.append(stored);
    return write(kept, !content.usable);
}

bool TokenCacheFile::drop(const QString& name)
{
    if (!ensureFolder()) {
        return false;
    }
    const Lock lock(m_path);
    if (!lock.locked()) {
        warn(tr("The token cache %1 is locked by another program; it is not used this time.").arg(m_path));
        return false;
    }
    Content content = read();
    const qsizetype removed
        = content.entries.removeIf([&name](const CachedToken& entry) { return sameName(entry.name, name); });
    if (!content.usable) {
        write({}, true);
        return false;
    }
    if (removed > 0) {
        write(content.entries, false);
    }
    return removed > 0;
}

QList<CachedToken> TokenCacheFile::entries()
{
    if (!QFileInfo::exists(m_path) || !ensureFolder()) {
        return {};
    }
    const Lock lock(m_path);
    if (!lock.locked()) {
        warn(tr("The token cache %1 is locked by another program; it is not used this time.").arg(m_path));
        return {};
    }
    const Content content = read();
    return content.usable ? content.entries : QList<CachedToken>();
}

std::optional<CachedToken> TokenCacheFile::entry(const QString& name)
{
    for (const CachedToken& entry : entries()) {
        if (sameName(entry.name, name)) {
            return entry;
        }
    }
    return std::nullopt;
}

} // namespace appint
