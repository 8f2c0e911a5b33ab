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

} // namespace appint
