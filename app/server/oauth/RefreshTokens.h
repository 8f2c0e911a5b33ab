#pragma once

#include "server/storage/StoredRefreshToken.h"

#include <QByteArray>
#include <QMutex>
#include <QString>

#include <optional>

namespace appint {

class Store;

// The refresh tokens of the authorization code flow: opaque 256-bit random
// values, of which the store keeps only an HMAC-SHA-256 under a server key
// (a fast keyed hash is enough for 256-bit random tokens). Rotation retires
// the token presented and adds the next one to its family in one
// transaction; presenting a retired token ends the family. Thread-safe.
class RefreshTokens
{
public:
    RefreshTokens(Store& store, QByteArray hashKey);

    static QString newToken();
    QByteArray hashOf(const QString& token) const;

    // The stored record of `token`, or std::nullopt if unknown (or the store
    // failed: then *error is set).
    std::optional<StoredRefreshToken> find(const QString& token, QString* error) const;
    // Stores `token` (its hash is filled in).
    bool insert(const QString& token, StoredRefreshToken record, QString* error);

    enum class Rotation { Rotated, AlreadyRetired, Failed };
    // Retires `presented` and stores `next` as `nextToken`, atomically.
    // AlreadyRetired when a concurrent refresh retired it first.
    Rotation rotate(const QString& presented, const QString& nextToken, StoredRefreshToken next, QString* error);

    // Deletes every token of the family; returns the access tokens issued in
    // it (for revocation), or std::nullopt if the store failed.
    std::optional<StoredRefreshTokens> endFamily(const QString& familyId, QString* error);
    // Forgets tokens that expired.
    bool prune(qint64 now, QString* error);

private:
    Store& m_store;
    const QByteArray m_hashKey;
    QMutex m_writeMutex;
};

} // namespace appint
