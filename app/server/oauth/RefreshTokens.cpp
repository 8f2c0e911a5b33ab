#include "server/oauth/RefreshTokens.h"

#include "server/crypto/Crypto.h"
#include "server/storage/Store.h"

namespace appint {

RefreshTokens::RefreshTokens(Store& store, QByteArray hashKey)
    : m_store(store)
    , m_hashKey(std::move(hashKey))
{
}

QString RefreshTokens::newToken()
{
    return Crypto::randomToken(32);
}

QByteArray RefreshTokens::hashOf(const QString& token) const
{
    return Crypto::hmacSha256(m_hashKey, token.toUtf8());
}

std::optional<StoredRefreshToken> RefreshTokens::find(const QString& token, QString* error) const
{
    if (token.isEmpty() || token.size() > 512) {
        return std::nullopt;
    }
    const auto found = m_store.refreshToken(hashOf(token), error);
    if (!found || found->isEmpty()) {
        return std::nullopt;
    }
    return found->constFirst();
}

bool RefreshTokens::insert(const QString& token, StoredRefreshToken record, QString* error)
{
    record.tokenHash = hashOf(token);
    QMutexLocker lock(&m_writeMutex);
    return m_store.write([&](Store::Writer& w) { return w.insertRefreshToken(record); }, error);
}

RefreshTokens::Rotation RefreshTokens::rotate(const QString& presented, const QString& nextToken,
                                              StoredRefreshToken next, QString* error)
{
    next.tokenHash = hashOf(nextToken);
    const QByteArray presentedHash = hashOf(presented);
    bool retired = false;
    bool lostRace = false;
    QMutexLocker lock(&m_writeMutex);
    const bool ok = m_store.write(
        [&](Store::Writer& w) {
            if (!w.retireRefreshToken(presentedHash, &retired)) {
                return false;
            }
            if (!retired) {
                lostRace = true; // another refresh retired it first: store nothing
                return false;
            }
            return w.insertRefreshToken(next);
        },
        error);
    if (ok) {
        return Rotation::Rotated;
    }
    return lostRace ? Rotation::AlreadyRetired : Rotation::Failed;
}

std::optional<StoredRefreshTokens> RefreshTokens::endFamily(const QString& familyId, QString* error)
{
    QMutexLocker lock(&m_writeMutex);
    auto family = m_store.refreshTokenFamily(familyId, error);
    if (!family) {
        return std::nullopt;
    }
    if (!m_store.write([&](Store::Writer& w) { return w.deleteRefreshTokenFamily(familyId); }, error)) {
        return std::nullopt;
    }
    return family;
}

bool RefreshTokens::prune(qint64 now, QString* error)
{
    QMutexLocker lock(&m_writeMutex);
    return m_store.write([&](Store::Writer& w) { return w.pruneRefreshTokens(now); }, error);
}

} // namespace appint
