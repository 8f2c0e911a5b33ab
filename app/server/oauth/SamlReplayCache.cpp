#include "server/oauth/SamlReplayCache.h"

#include "server/crypto/Crypto.h"
#include "server/storage/Store.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace appint {

Q_LOGGING_CATEGORY(lcReplay, "appint.server.saml", QtInfoMsg)

namespace {

constexpr qint64 StorePruneInterval = 60;

} // namespace

SamlReplayCache::SamlReplayCache(Store& store)
    : m_store(store)
{
}

QString SamlReplayCache::key(const QString&, const QString& assertionId)
{
    // One ID is used once, whichever provider issued it (stricter than per
    // issuer). Only a hash is kept.
    return QString::fromLatin1(Crypto::sha256(assertionId.toUtf8()).toHex());
}

bool SamlReplayCache::load(qint64 now, QString* error)
{
    QString pruneError;
    if (!m_store.write([now](Store::Writer& w) { return w.pruneSamlAssertionIds(now); }, &pruneError)) {
        qCWarning(lcReplay) << "cannot prune expired SAML assertion IDs:" << pruneError;
    }
    auto ids = m_store.loadSamlAssertionIds(error);
    if (!ids) {
        return false;
    }
    QMutexLocker lock(&m_mutex);
    m_ids = std::move(*ids);
    pruneLocked(now);
    m_lastStorePrune = now;
    return true;
}

void SamlReplayCache::pruneLocked(qint64 now)
{
    m_ids.removeIf([now](const QHash<QString, qint64>::iterator it) { return it.value() < now; });
}

SamlReplayCache::Result SamlReplayCache::consume(const QString& issuer, const QString& assertionId, qint64 expiresAt,
                                                 qint64 now)
{
    const QString id = key(issuer, assertionId);
    QMutexLocker lock(&m_mutex);
    if (const auto it = m_ids.constFind(id); it != m_ids.cend() && it.value() >= now) {
        return Result::Replayed;
    }
    if (m_ids.size() >= MaximumEntries) {
        pruneLocked(now);
        if (m_ids.size() >= MaximumEntries) {
            qCWarning(lcReplay) << "the SAML replay cache is full:" << m_ids.size() << "live assertion IDs";
            return Result::Full;
        }
    }
    const bool prune = now - m_lastStorePrune >= StorePruneInterval;
    QString error;
    const bool written = m_store.write(
        [&](Store::Writer& w) {
            return (!prune || w.pruneSamlAssertionIds(now)) && w.insertSamlAssertionId(id, expiresAt);
        },
        &error);
    if (!written) {
        // An expired entry of the same ID may still be stored: clear it and retry once.
        const bool retried = m_store.write(
            [&](Store::Writer& w) { return w.pruneSamlAssertionIds(now) && w.insertSamlAssertionId(id, expiresAt); },
            &error);
        if (!retried) {
            qCWarning(lcReplay) << "cannot record a SAML assertion ID:" << error;
            return Result::Failed;
        }
    }
    if (prune) {
        m_lastStorePrune = now;
        pruneLocked(now);
    }
    m_ids.insert(id, expiresAt);
    return Result::Fresh;
}

qsizetype SamlReplayCache::size() const
{
    QMutexLocker lock(&m_mutex);
    return m_ids.size();
}

} // namespace appint
