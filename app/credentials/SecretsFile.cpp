#include "credentials/SecretsFile.h"

#include "core/TenantUrl.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
QUrl httpUrl(const QJsonObject& object, const QString& key)
{
    const QUrl url(object.value(key).toString(), QUrl::StrictMode);
    const bool http = url.scheme() == u"https"_s || url.scheme() == u"http"_s;
    return url.isValid() && http && !url.host().isEmpty() && url.userInfo().isEmpty() ? url : QUrl();
}
} // namespace

SecretsFile::Outcome SecretsFile::read(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return tr("The file %1 cannot be read: %2").arg(path, file.errorString());
    }
    if (file.size() > MaximumSize) {
        return tr("The file %1 is too large to be a connection sheet.").arg(path);
    }
    QByteArray bytes = file.read(MaximumSize + 1);
    Outcome outcome = parse(bytes, path);
    wipeBytes(bytes);
    return outcome;
}

SecretsFile::Outcome SecretsFile::parse(const QByteArray& json, const QString& path)
{
    const auto refuse = [&path](const QString& why) -> Outcome {
        return tr("The file %1 is not a connection sheet: %2").arg(path, why);
    };
    QJsonParseError error;
    QJsonObject object = QJsonDocument::fromJson(json, &error).object();
    if (error.error != QJsonParseError::NoError || object.isEmpty()) {
        return refuse(tr("it is not a JSON object."));
    }
    Contents contents;
    contents.clientId = object.value(u"client_id"_s).toString();
    if (contents.clientId.isEmpty()) {
        return refuse(tr("it has no client_id."));
    }
    const QUrl authorizationUrl = httpUrl(object, u"authorization_url"_s);
    const QUrl tokenUrl = httpUrl(object, u"token_url"_s);
    if (authorizationUrl.isEmpty() || tokenUrl.isEmpty()) {
        return refuse(tr("it has no http(s) authorization_url and token_url."));
    }
    if (!TenantUrl::sameOrigin(authorizationUrl, tokenUrl)) {
        return refuse(tr("its authorization_url and token_url are on different hosts."));
    }
    QUrl tenant = authorizationUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    QString tenantPath = tenant.path();
    if (tenantPath.endsWith(u"/oauth/authorize"_s)) {
        tenantPath.chop(int(QStringLiteral("/oauth/authorize").size()));
    } else {
        tenantPath.clear();
    }
    tenant.setPath(tenantPath);
    contents.tenantUrl = TenantUrl::normalized(tenant.toString());
    QString secret = object.take(u"client_secret"_s).toString();
    contents.clientSecret = Secret(secret);
    wipeString(secret);
    return contents;
}

} // namespace appint
