#pragma once

#include <QJsonObject>
#include <QString>

namespace appint {

// The "OAuth 2.0 Server Information" block of the App Integration page
// (GET /api/v1/tenant).
struct TenantInfo
{
    QString tenantName;
    QString issuer;
    QString authorizationUrl;
    QString tokenUrl;
    QString samlTokenUrl;
    QString samlAudience;

    friend bool operator==(const TenantInfo&, const TenantInfo&) = default;

    QJsonObject toJson() const;
    static TenantInfo fromJson(const QJsonObject& object);
};

} // namespace appint
