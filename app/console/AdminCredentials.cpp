#include "console/AdminCredentials.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace appint {

bool AdminCredentials::load(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read the administrator credentials %1: %2").arg(path, file.errorString());
        return false;
    }
    QByteArray bytes = file.readAll();
    QJsonParseError parseError;
    QJsonObject object = QJsonDocument::fromJson(bytes, &parseError).object();
    wipeBytes(bytes);
    if (parseError.error != QJsonParseError::NoError) {
        *error = tr("%1 is not a JSON file like bootstrap-admin.json: %2").arg(path, parseError.errorString());
        return false;
    }
    QString secret = object.value(u"client_secret"_s).toString();
    clientId = object.value(u"client_id"_s).toString();
    const QString tokenText = object.value(u"token_url"_s).toString();
    tokenUrl = QUrl(tokenText, QUrl::StrictMode);
    object = QJsonObject();
    if (clientId.isEmpty() || secret.isEmpty()) {
        wipeString(secret);
        *error = tr("%1 needs \"client_id\" and \"client_secret\", as in bootstrap-admin.json.").arg(path);
        return false;
    }
    const QString scheme = tokenUrl.scheme().toLower();
    if (!tokenText.isEmpty()
        && (!tokenUrl.isValid() || tokenUrl.host().isEmpty() || (scheme != u"https"_s && scheme != u"http"_s))) {
        wipeString(secret);
        *error = tr("The \"token_url\" of %1 is not an http or https URL.").arg(path);
        return false;
    }
    clientSecret = Secret(secret);
    wipeString(secret);
    return true;
}

} // namespace appint
