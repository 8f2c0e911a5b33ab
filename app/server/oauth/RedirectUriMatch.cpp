#include "server/oauth/RedirectUriMatch.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

constexpr qsizetype MaximumLength = 2048;

bool isLoopbackHost(const QString& host)
{
    return host == u"127.0.0.1"_s || host == u"::1"_s || host == u"localhost"_s;
}

// "http://127.0.0.1:53141/cb" -> "http://127.0.0.1/cb": the port of a
// loopback URI does not count.
QString withoutPort(const QUrl& url)
{
    QUrl copy = url;
    copy.setPort(-1);
    return copy.toString(QUrl::FullyEncoded);
}

bool hasDotSegment(const QString& given)
{
    // Check the path both as sent and percent-decoded ("%2e%2e").
    const QUrl url(given, QUrl::StrictMode);
    for (const QString& path : {url.path(QUrl::FullyEncoded), url.path(QUrl::FullyDecoded)}) {
        const QStringList segments = path.split(u'/');
        for (const QString& segment : segments) {
            if (segment == u"."_s || segment == u".."_s) {
                return true;
            }
        }
    }
    return given.contains(u'\\');
}

bool matchesText(const QString& registered, const QString& given)
{
    if (registered.endsWith(u"/**"_s)) {
        const QString prefix = registered.chopped(2); // keeps the slash
        return given.startsWith(prefix) && !hasDotSegment(given);
    }
    return given == registered;
}

} // namespace

bool RedirectUriMatch::isLoopback(const QString& uri)
{
    const QUrl url(uri, QUrl::StrictMode);
    return url.isValid() && url.scheme() == u"http"_s && isLoopbackHost(url.host());
}

bool RedirectUriMatch::matches(const QString& registered, const QString& given)
{
    if (given.isEmpty() || given.size() > MaximumLength || given.contains(u'#') || given.contains(u' ')) {
        return false;
    }
    const QUrl givenUrl(given, QUrl::StrictMode);
    if (!givenUrl.isValid() || givenUrl.isRelative() || !givenUrl.userInfo().isEmpty()) {
        return false;
    }
    if (matchesText(registered, given)) {
        return true;
    }
    if (!isLoopback(registered)) {
        return false;
    }
    // RFC 8252 §7.3: any port on the registered loopback host.
    QString base = registered;
    const bool wildcard = base.endsWith(u"/**"_s);
    if (wildcard) {
        base.chop(2);
    }
    const QUrl registeredUrl(base, QUrl::StrictMode);
    if (givenUrl.scheme() != u"http"_s || givenUrl.host() != registeredUrl.host()) {
        return false;
    }
    const QString registeredText = withoutPort(registeredUrl) + (wildcard ? u"**"_s : QString());
    return matchesText(registeredText, withoutPort(givenUrl));
}

} // namespace appint
