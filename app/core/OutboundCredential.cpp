#include "core/OutboundCredential.h"

#include <QVariantList>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
const QString KeyName = u"Name"_s;
const QString KeyDescription = u"Description"_s;
const QString KeyUrl = u"tokenServiceURL"_s;
const QString KeyUrlType = u"tokenServiceURLType"_s;
const QString KeySubdomain = u"subdomain"_s;
const QString KeyClientId = u"clientId"_s;
const QString KeyInBody = u"tokenService.addClientCredentialsInBody"_s;
const QString KeyUser = u"tokenServiceUser"_s;
const QString KeyScope = u"scope"_s;
const QString KeyResource = u"resource"_s;
const QString KeyAudience = u"audience"_s;
const QString KeyContentType = u"contentType"_s;
const QString KeyCustom = u"customParameters"_s;
const QString KeyConnectTimeout = u"tokenServiceURL.ConnectionTimeoutInSeconds"_s;
const QString KeyReadTimeout = u"tokenServiceURL.SocketReadTimeoutInSeconds"_s;
const QString PrefixHeaders = u"tokenServiceURL.headers."_s;
const QString PrefixQueries = u"tokenServiceURL.queries."_s;
const QString PrefixBody = u"tokenService.body."_s;

int timeoutWithin(int seconds, int maximum)
{
    return seconds >= 0 && seconds <= maximum ? seconds : OutboundCredential::DefaultTimeoutSeconds;
}

void putList(QVariantMap& map, const QString& prefix, const PropertyList& list)
{
    for (const auto& [key, value] : list) {
        map.insert(prefix + key, value);
    }
}

int toTimeout(const QVariant& value)
{
    bool ok = false;
    const int seconds = value.toInt(&ok);
    return ok ? seconds : OutboundCredential::DefaultTimeoutSeconds;
}
} // namespace

QString OutboundCredential::formContentType()
{
    return u"application/x-www-form-urlencoded"_s;
}

QString OutboundCredential::jsonContentType()
{
    return u"application/json"_s;
}

int OutboundCredential::effectiveConnectionTimeoutSeconds() const
{
    return timeoutWithin(connectionTimeoutSeconds, MaximumConnectionTimeoutSeconds);
}

int OutboundCredential::effectiveReadTimeoutSeconds() const
{
    return timeoutWithin(readTimeoutSeconds, MaximumReadTimeoutSeconds);
}

bool OutboundCredential::usesTokenServiceUser() const
{
    return !tokenServiceUser.isEmpty();
}

bool OutboundCredential::sendsBasicHeader() const
{
    return usesTokenServiceUser() || clientAuthentication == ClientAuthentication::Header;
}

bool OutboundCredential::sendsJsonBody() const
{
    return contentType.trimmed().section(u';', 0, 0).trimmed().compare(jsonContentType(), Qt::CaseInsensitive) == 0;
}

QVariantMap OutboundCredential::toSettings() const
{
    QVariantMap map;
    map.insert(KeyName, name);
    map.insert(KeyDescription, description);
    map.insert(KeyUrl, tokenServiceUrl);
    map.insert(KeyUrlType, urlType == TokenServiceUrlType::Common ? u"Common"_s : u"Dedicated"_s);
    if (urlType == TokenServiceUrlType::Common) {
        map.insert(KeySubdomain, subdomain);
    }
    map.insert(KeyClientId, clientId);
    map.insert(KeyInBody, clientAuthentication == ClientAuthentication::Body);
    if (!tokenServiceUser.isEmpty()) {
        map.insert(KeyUser, tokenServiceUser);
    }
    const std::pair<const QString&, const QString&> optional[]
        = {{KeyScope, scope}, {KeyResource, resource}, {KeyAudience, audience}};
    for (const auto& [key, value] : optional) {
        if (!value.isEmpty()) {
            map.insert(key, value);
        }
    }
    map.insert(KeyContentType, contentType);
    QVariantList custom;
    for (const CustomParameter& parameter : customParameters) {
        custom.append(QVariantMap{{u"key"_s, parameter.key},
                                  {u"value"_s, parameter.value},
                                  {u"sendAs"_s, parameterLocationId(parameter.sendAs)}});
    }
    if (!custom.isEmpty()) {
        map.insert(KeyCustom, custom);
    }
    putList(map, PrefixHeaders, tokenServiceHeaders);
    putList(map, PrefixQueries, tokenServiceQueries);
    putList(map, PrefixBody, tokenServiceBody);
    map.insert(KeyConnectTimeout, connectionTimeoutSeconds);
    map.insert(KeyReadTimeout, readTimeoutSeconds);
    return map;
}

OutboundCredential OutboundCredential::fromSettings(const QVariantMap& settings)
{
    OutboundCredential credential;
    credential.name = settings.value(KeyName).toString();
    credential.description = settings.value(KeyDescription).toString();
    credential.tokenServiceUrl = settings.value(KeyUrl).toString();
    credential.urlType = settings.value(KeyUrlType).toString().compare(u"Common"_s, Qt::CaseInsensitive) == 0
        ? TokenServiceUrlType::Common
        : TokenServiceUrlType::Dedicated;
    credential.subdomain = settings.value(KeySubdomain).toString();
    credential.clientId = settings.value(KeyClientId).toString();
    const QVariant inBody = settings.value(KeyInBody, true);
    const bool body = inBody.typeId() == QMetaType::QString
        ? inBody.toString().compare(u"false"_s, Qt::CaseInsensitive) != 0
        : inBody.toBool();
    credential.clientAuthentication = body ? ClientAuthentication::Body : ClientAuthentication::Header;
    credential.tokenServiceUser = settings.value(KeyUser).toString();
    credential.scope = settings.value(KeyScope).toString();
    credential.resource = settings.value(KeyResource).toString();
    credential.audience = settings.value(KeyAudience).toString();
    credential.contentType = settings.value(KeyContentType, formContentType()).toString();
    for (const QVariant& item : settings.value(KeyCustom).toList()) {
        const QVariantMap parameter = item.toMap();
        credential.customParameters.append(
            {parameter.value(u"key"_s).toString(), parameter.value(u"value"_s).toString(),
             parameterLocationFromId(parameter.value(u"sendAs"_s).toString()).value_or(ParameterLocation::Body)});
    }
    for (auto it = settings.cbegin(); it != settings.cend(); ++it) {
        if (it.key().startsWith(PrefixHeaders)) {
            credential.tokenServiceHeaders.append({it.key().mid(PrefixHeaders.size()), it.value().toString()});
        } else if (it.key().startsWith(PrefixQueries)) {
            credential.tokenServiceQueries.append({it.key().mid(PrefixQueries.size()), it.value().toString()});
        } else if (it.key().startsWith(PrefixBody)) {
            credential.tokenServiceBody.append({it.key().mid(PrefixBody.size()), it.value().toString()});
        }
    }
    credential.connectionTimeoutSeconds = toTimeout(settings.value(KeyConnectTimeout, DefaultTimeoutSeconds));
    credential.readTimeoutSeconds = toTimeout(settings.value(KeyReadTimeout, DefaultTimeoutSeconds));
    return credential;
}

QStringList OutboundCredential::secretSettingKeys()
{
    return {u"clientSecret"_s, u"tokenServicePassword"_s, u"tokenService.KeyStorePassword"_s};
}

QString parameterLocationId(ParameterLocation location)
{
    switch (location) {
    case ParameterLocation::Body:
        return u"body"_s;
    case ParameterLocation::Header:
        return u"header"_s;
    case ParameterLocation::Url:
        return u"url"_s;
    }
    Q_UNREACHABLE();
}

std::optional<ParameterLocation> parameterLocationFromId(const QString& id)
{
    if (id == u"body"_s) {
        return ParameterLocation::Body;
    }
    if (id == u"header"_s) {
        return ParameterLocation::Header;
    }
    if (id == u"url"_s) {
        return ParameterLocation::Url;
    }
    return std::nullopt;
}

} // namespace appint
