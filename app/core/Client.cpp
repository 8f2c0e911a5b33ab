#include "core/Client.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
QStringList stringList(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& item : value.toArray()) {
        list.append(item.toString());
    }
    return list;
}
} // namespace

bool Client::isExpiredAt(qint64 now) const
{
    return clientSecretExpiresAt != 0 && now >= clientSecretExpiresAt;
}

ExpiryState Client::expiryStateAt(qint64 now) const
{
    if (clientSecretExpiresAt == 0) {
        return ExpiryState::Active;
    }
    if (now >= clientSecretExpiresAt) {
        return ExpiryState::Expired;
    }
    if (clientSecretExpiresAt - now <= ExpiringWindowSeconds) {
        return ExpiryState::Expiring;
    }
    return ExpiryState::Active;
}

QString expiryStateId(ExpiryState state)
{
    return state == ExpiryState::Expired ? u"expired"_s : u"active"_s;
}

QJsonObject Client::toJson(qint64 now) const
{
    return QJsonObject{
        {u"client_id"_s, clientId},
        {u"client_name"_s, clientName},
        {u"purpose"_s, purposeId(purpose)},
        {u"grant_types"_s, QJsonArray::fromStringList(grantTypes)},
        {u"access"_s, QJsonArray::fromStringList(access)},
        {u"redirect_uris"_s, QJsonArray::fromStringList(redirectUris)},
        {u"user_id"_s, userId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(userId)},
        {u"roles"_s, RoleAssignment::toJsonArray(roles)},
        {u"access_token_lifetime"_s, accessTokenLifetime},
        {u"refresh_token_lifetime"_s, refreshTokenLifetime},
        {u"client_secret_expires_at"_s, clientSecretExpiresAt},
        {u"client_id_issued_at"_s, clientIdIssuedAt},
        {u"status"_s, expiryStateId(expiryStateAt(now))},
        {u"secret_retrievable"_s, secretRetrievable},
    };
}

Client Client::fromJson(const QJsonObject& object)
{
    Client client;
    client.clientId = object.value(u"client_id"_s).toString();
    client.clientName = object.value(u"client_name"_s).toString();
    client.purpose = purposeFromId(object.value(u"purpose"_s).toString()).value_or(Purpose::Technical);
    client.grantTypes = stringList(object.value(u"grant_types"_s));
    client.access = stringList(object.value(u"access"_s));
    client.redirectUris = stringList(object.value(u"redirect_uris"_s));
    client.userId = object.value(u"user_id"_s).toString();
    client.roles = RoleAssignment::fromJsonArray(object.value(u"roles"_s).toArray());
    client.accessTokenLifetime = object.value(u"access_token_lifetime"_s).toInteger();
    client.refreshTokenLifetime = object.value(u"refresh_token_lifetime"_s).toInteger();
    client.clientSecretExpiresAt = object.value(u"client_secret_expires_at"_s).toInteger();
    client.clientIdIssuedAt = object.value(u"client_id_issued_at"_s).toInteger();
    client.secretRetrievable = object.value(u"secret_retrievable"_s).toBool();
    return client;
}

} // namespace appint
