#include "core/TokenServiceUrl.h"

using namespace Qt::StringLiterals;

namespace appint {

namespace {
TokenServiceUrl::Resolved checked(const QUrl& url)
{
    if (!url.isValid() || url.isRelative() || url.host().isEmpty()) {
        return {{}, TokenServiceUrl::tr("Enter an absolute URL such as https://auth.example.com/oauth/token.")};
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != u"https"_s && scheme != u"http"_s) {
        return {{}, TokenServiceUrl::tr("The token service URL must start with https://.")};
    }
    if (url.hasFragment()) {
        return {{}, TokenServiceUrl::tr("The token service URL cannot have a fragment (#...).")};
    }
    if (!url.userInfo().isEmpty()) {
        return {{}, TokenServiceUrl::tr("Do not put a user or password in the URL; use the token service user.")};
    }
    return {url, {}};
}

// Not an IPv4 or IPv6 address literal.
bool isHostName(const QString& host)
{
    if (host.contains(u':')) {
        return false;
    }
    return !std::all_of(host.cbegin(), host.cend(), [](QChar c) { return c.isDigit() || c == u'.'; });
}
} // namespace

bool TokenServiceUrl::isValidSubdomain(const QString& subdomain)
{
    if (subdomain.isEmpty() || subdomain.size() > 63 || subdomain.startsWith(u'-') || subdomain.endsWith(u'-')) {
        return false;
    }
    return std::all_of(subdomain.cbegin(), subdomain.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-';
    });
}

TokenServiceUrl::Resolved TokenServiceUrl::resolve(const QString& url, TokenServiceUrlType type,
                                                   const QString& subdomain)
{
    const QString text = url.trimmed();
    if (text.isEmpty()) {
        return {{}, tr("Enter the token service URL.")};
    }
    if (type == TokenServiceUrlType::Dedicated) {
        if (text.contains(TenantPlaceholder)) {
            return {{}, tr("The URL contains {tenant}; choose the URL type Common to resolve it.")};
        }
        return checked(QUrl(text, QUrl::StrictMode));
    }
    if (!isValidSubdomain(subdomain)) {
        return {{},
                tr("A Common token service URL needs the subdomain of the tenant (letters, digits and hyphens, "
                   "at most 63).")};
    }
    if (text.contains(TenantPlaceholder)) {
        QString replaced = text;
        replaced.replace(TenantPlaceholder, subdomain);
        return checked(QUrl(replaced, QUrl::StrictMode));
    }
    QUrl parsed(text, QUrl::StrictMode);
    const Resolved base = checked(parsed);
    if (!base.error.isEmpty()) {
        return base;
    }
    if (!isHostName(parsed.host())) {
        return {{},
                tr("A Common token service URL needs a host name, not an IP address, or the {tenant} "
                   "placeholder.")};
    }
    parsed.setHost(subdomain + u'.' + parsed.host());
    return checked(parsed);
}

TokenServiceUrl::Resolved TokenServiceUrl::resolve(const OutboundCredential& credential)
{
    return resolve(credential.tokenServiceUrl, credential.urlType, credential.subdomain);
}

} // namespace appint
