#include "core/TenantUrl.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace appint {

QString TenantUrl::normalized(QStringView tenantUrl)
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

bool TenantUrl::sameOrigin(const QUrl& a, const QUrl& b)
{
    const auto defaultPort = [](const QUrl& url) {
        const QString scheme = url.scheme().toLower();
        return scheme == u"https"_s ? 443 : scheme == u"http"_s ? 80 : -1;
    };
    if (!a.isValid() || !b.isValid() || a.host().isEmpty() || b.host().isEmpty()) {
        return false;
    }
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && a.port(defaultPort(a)) == b.port(defaultPort(b));
}

} // namespace appint
