#include "service/AccessToken.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace appint {

qint64 AccessToken::expiresAt() const
{
    return expiresIn > 0 ? obtainedAt + expiresIn : 0;
}

bool AccessToken::isExpiredAt(qint64 now) const
{
    const qint64 at = expiresAt();
    return at != 0 && now >= at;
}

QJsonObject AccessToken::toResponseJson() const
{
    QJsonObject object = otherFields;
    object.insert(u"access_token"_s, value.toString());
    if (!tokenType.isEmpty()) {
        object.insert(u"token_type"_s, tokenType);
    }
    if (expiresIn > 0) {
        object.insert(u"expires_in"_s, expiresIn);
    }
    if (!scope.isEmpty()) {
        object.insert(u"scope"_s, scope);
    }
    return object;
}

std::optional<QJsonObject> AccessToken::claims() const
{
    QByteArray token = value.utf8();
    const auto result = decodeJwtClaims(token);
    wipeBytes(token);
    return result;
}

std::optional<QJsonObject> AccessToken::decodeJwtClaims(const QByteArray& token)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3 || parts.at(0).isEmpty() || parts.at(1).isEmpty()) {
        return std::nullopt;
    }
    const auto options
        = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals | QByteArray::AbortOnBase64DecodingErrors;
    const auto header = QByteArray::fromBase64Encoding(parts.at(0), options);
    const auto payload = QByteArray::fromBase64Encoding(parts.at(1), options);
    if (!header || !payload) {
        return std::nullopt;
    }
    const QJsonDocument headerDocument = QJsonDocument::fromJson(*header);
    const QJsonDocument payloadDocument = QJsonDocument::fromJson(*payload);
    if (!headerDocument.isObject() || !headerDocument.object().contains(u"alg"_s) || !payloadDocument.isObject()) {
        return std::nullopt;
    }
    return payloadDocument.object();
}

} // namespace appint
