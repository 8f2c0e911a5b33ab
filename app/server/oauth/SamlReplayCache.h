#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QString>

namespace appint {

class Store;

// The IDs of SAML assertions already used for a grant, each kept (in memory
// and in the Store, so it survives a restart) until the assertion could no
// longer be accepted anyway, and no longer. Bounded: at most MaximumEntries
// live IDs; when full after pruning, new assertions are turned away (the
// grant answers temporarily_unavailable) instead of forgetting live IDs.
// Thread-safe: consume() checks and records atomically.
class SamlReplayCache
{
    Q_DECLARE_TR_FUNCTIONS(SamlReplayCache)

public:
    static constexpr qsizetype MaximumEntries = 100000;

    enum class Result { Fresh, Replayed, Full, Failed };

    explicit SamlReplayCache(Store& store);

    // Loads the live IDs (and drops the expired ones from the store).
    bool load(qint64 now, QString* error);

    // Records `assertionId` (of `issuer`) as used until `expiresAt`: Fresh
    // if it was not used before, Replayed if it was; Full or Failed (the
    // store could not write) leave it unrecorded.
    Result consume(const QString& issuer, const QString& assertionId, qint64 expiresAt, qint64 now);

    qsizetype size() const;

private:
    static QString key(const QString& issuer, const QString& assertionId);
    void pruneLocked(qint64 now);

    Store& m_store;
    mutable QMutex m_mutex;
    QHash<QString, qint64> m_ids; // key -> expires_at
    qint64 m_lastStorePrune = 0;
};

} // namespace appint
