#include "server/oauth/Jwt.h"

#include "server/crypto/Crypto.h"
#include "server/oauth/SigningKey.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace appint {

QByteArray Jwt::encodedHeader(const SigningKey& key)
{
    const QJsonObject header{{u"alg"_s, u"ES256"_s}, {u"typ"_s, u"at+jwt"_s}, {u"kid"_s, key.keyId()}};
    return Crypto::toBase64Url(QJsonDocument(header).toJson(QJsonDocument::Compact));
}

QByteArray Jwt::sign(const QByteArray& header, const QJsonObject& claims, const SigningKey& key)
{
    QByteArray token = header;
    token += '.';
    token += Crypto::toBase64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray signature = key.sign(token);
    if (signature.isEmpty()) {
        return {};
    }
    token += '.';
    token += Crypto::toBase64Url(signature);
    return token;
}

std::optional<QJsonObject> Jwt::verify(QByteArrayView token, const SigningKey& key)
{
    if (token.isEmpty() || token.size() > MaximumLength) {
        return std::nullopt;
    }
    const qsizetype first = token.indexOf('.');
    const qsizetype second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (second < 0 || token.indexOf('.', second + 1) >= 0) {
        return std::nullopt;
    }
    const auto header = Crypto::fromBase64Url(token.first(first));
    const auto payload = Crypto::fromBase64Url(token.sliced(first + 1, second - first - 1));
    const auto signature = Crypto::fromBase64Url(token.sliced(second + 1));
    if (!header || !payload || !signature) {
        return std::nullopt;
    }
    QJsonParseError error;
    const QJsonDocument headerJson = QJsonDocument::fromJson(*header, &error);
    if (error.error != QJsonParseError::NoError || !headerJson.isObject()) {
        return std::nullopt;
    }
    const QJsonObject h = headerJson.object();
    if (h.value(u"alg"_s).toString() != u"ES256"_s || h.value(u"kid"_s).toString() != key.keyId()
        || h.contains(u"crit"_s)) {
        return std::nullopt;
    }
    if (!key.verify(token.first(second), *signature)) {
        return std::nullopt;
    }
    const QJsonDocument claims = QJsonDocument::fromJson(*payload, &error);
    if (error.error != QJsonParseError::NoError || !claims.isObject()) {
        return std::nullopt;
    }
    return claims.object();
}

} // namespace appint
