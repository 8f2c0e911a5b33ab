#pragma once

#include "server/crypto/Certificate.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace appint {

// A trusted SAML 2.0 identity provider (api.md, "SAML 2.0 bearer grant"):
// assertions whose Issuer is its entity ID and that one of its certificates
// signed are accepted.
struct IdentityProvider
{
    QString idpId;
    QString name;
    QString entityId;
    QList<Certificate> certificates;
    qint64 createdAt = 0;

    // {"idp_id", "name", "entity_id", "certificates": [...]}, certificate
    // flags computed at `now`.
    QJsonObject toJson(qint64 now) const
    {
        QJsonArray list;
        for (const Certificate& certificate : certificates) {
            list.append(certificate.toJson(now));
        }
        return QJsonObject{{QStringLiteral("idp_id"), idpId},
                           {QStringLiteral("name"), name},
                           {QStringLiteral("entity_id"), entityId},
                           {QStringLiteral("certificates"), list},
                           {QStringLiteral("created_at"), createdAt}};
    }
};

} // namespace appint
