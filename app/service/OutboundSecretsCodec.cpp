#include "service/OutboundSecretsCodec.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
const QString KeyClientSecret = u"clientSecret"_s;
const QString KeyPassword = u"tokenServicePassword"_s;
} // namespace

Secret OutboundSecretsCodec::encode(const OutboundSecrets& secrets)
{
    QByteArray clientSecret = secrets.clientSecret.utf8();
    if (secrets.tokenServicePassword.isEmpty() && !clientSecret.startsWith('{')) {
        return Secret::fromUtf8(clientSecret);
    }
    QJsonObject object;
    if (!secrets.clientSecret.isEmpty()) {
        object.insert(KeyClientSecret, QString::fromUtf8(clientSecret));
    }
    wipeBytes(clientSecret);
    if (!secrets.tokenServicePassword.isEmpty()) {
        object.insert(KeyPassword, secrets.tokenServicePassword.toString());
    }
    QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return Secret::fromUtf8(json);
}

OutboundSecrets OutboundSecretsCodec::decode(const Secret& text)
{
    OutboundSecrets secrets;
    QByteArray bytes = text.utf8();
    if (bytes.startsWith('{')) {
        const QJsonDocument document = QJsonDocument::fromJson(bytes);
        const QJsonObject object = document.object();
        const QStringList keys = object.keys();
        const bool onlyKnownStrings
            = document.isObject() && !object.isEmpty()
            && std::all_of(keys.cbegin(), keys.cend(), [&object](const QString& key) {
                   return (key == KeyClientSecret || key == KeyPassword) && object.value(key).isString();
               });
        if (onlyKnownStrings) {
            secrets.clientSecret = Secret(object.value(KeyClientSecret).toString());
            secrets.tokenServicePassword = Secret(object.value(KeyPassword).toString());
            wipeBytes(bytes);
            return secrets;
        }
    }
    secrets.clientSecret = Secret::fromUtf8(bytes);
    return secrets;
}

} // namespace appint
