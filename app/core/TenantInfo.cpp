#include "core/TenantInfo.h"

using namespace Qt::StringLiterals;

namespace appint {

QJsonObject TenantInfo::toJson() const
{
    return QJsonObject{
        {u"tenant_name"_s, tenantName},
        {u"issuer"_s, issuer},
        {u"authorization_url"_s, authorizationUrl},
        {u"token_url"_s, tokenUrl},
        {u"saml_token_url"_s, samlTokenUrl},
        {u"saml_audience"_s, samlAudience},
    };
}

TenantInfo TenantInfo::fromJson(const QJsonObject& object)
{
    TenantInfo info;
    info.tenantName = object.value(u"tenant_name"_s).toString();
    info.issuer = object.value(u"issuer"_s).toString();
    info.authorizationUrl = object.value(u"authorization_url"_s).toString();
    info.tokenUrl = object.value(u"token_url"_s).toString();
    info.samlTokenUrl = object.value(u"saml_token_url"_s).toString();
    info.samlAudience = object.value(u"saml_audience"_s).toString();
    return info;
}

} // namespace appint
