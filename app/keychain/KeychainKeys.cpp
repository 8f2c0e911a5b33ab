#include "keychain/KeychainKeys.h"

#include <QUrl>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
QString escapePart(QStringView part)
{
    QString escaped;
    escaped.reserve(part.size());
    for (QChar c : part) {
        if (c == u'%') {
            escaped += u"%25"_s;
        } else if (c == u':') {
            escaped += u"%3A"_s;
        } else {
            escaped += c;
        }
    }
    return escaped;
}
} // namespace

QString KeychainKeys::normalizedTenantUrl(QStringView tenantUrl)
{
    const QString trimmed = tenantUrl.trimmed().toString();
    QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty()) {
        return trimmed;
    }
    if ((url.scheme() == u"https"_s && url.port() == 443) || (url.scheme() == u"http"_s && url.port() == 80)) {
        url.setPort(-1);
    }
    url = url.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments | QUrl::RemoveQuery | QUrl::RemoveFragment
                       | QUrl::RemoveUserInfo);
    if (url.path() == u"/"_s) {
        url.setPath(QString());
    }
    return url.toString(QUrl::FullyEncoded);
}

QString KeychainKeys::tenantCredentials(QStringView tenantUrl, QStringView clientId)
{
    return u"tenant:"_s + normalizedTenantUrl(tenantUrl) + u':' + escapePart(clientId);
}

QString KeychainKeys::clientSecret(QStringView tenantUrl, QStringView clientId)
{
    return u"client:"_s + normalizedTenantUrl(tenantUrl) + u':' + escapePart(clientId);
}

QString KeychainKeys::outboundCredential(QStringView name)
{
    return u"outbound:"_s + escapePart(name);
}

QString KeychainKeys::probe()
{
    return u"probe:"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool KeychainKeys::isProbe(QStringView key)
{
    return key.startsWith(u"probe:");
}

} // namespace appint
