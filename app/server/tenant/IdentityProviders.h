#pragma once

#include "core/Clock.h"
#include "server/tenant/IdentityProvider.h"
#include "server/tenant/Outcome.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QReadWriteLock>

#include <memory>
#include <optional>

namespace appint {

class Store;

// The tenant's trusted SAML identity providers: created from JSON or from
// the provider's SAML metadata, deleted, looked up by entity ID on the grant's
// hot path. Held in memory and written through to the Store (together with
// the audit record, in one transaction) before a change becomes visible.
// Thread-safe.
class IdentityProviders
{
    Q_DECLARE_TR_FUNCTIONS(IdentityProviders)

public:
    using Record = std::shared_ptr<const IdentityProvider>;

    static constexpr qsizetype MaximumProviders = 1000;
    static constexpr qsizetype MaximumCertificates = 10;
    static constexpr qsizetype MaximumEntityIdLength = 1024;
    static constexpr qsizetype MaximumNameLength = 100;

    IdentityProviders(Store& store, const Clock& clock);

    bool load(QString* error);

    QList<Record> list() const; // oldest first
    Record find(const QString& idpId) const;
    Record byEntityId(const QString& entityId) const;

    // {"name", "entity_id", "certificates": ["-----BEGIN CERTIFICATE-----..."]}
    Outcome<IdentityProvider> createFromJson(const QJsonObject& body, const QString& actor);
    // An md:EntityDescriptor: its entityID and the certificates of its
    // IDPSSODescriptor's signing KeyDescriptors; the name is the entity ID.
    Outcome<IdentityProvider> createFromMetadata(QByteArrayView xml, const QString& actor);
    Outcome<bool> remove(const QString& idpId, const QString& actor);

private:
    Outcome<IdentityProvider> add(IdentityProvider idp, const QString& actor);

    Store& m_store;
    const Clock& m_clock;
    QMutex m_writeMutex;
    mutable QReadWriteLock m_lock;
    QList<Record> m_providers; // oldest first
};

} // namespace appint
