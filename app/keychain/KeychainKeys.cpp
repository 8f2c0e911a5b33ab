#include "keychain/KeychainKeys.h"

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

QString KeychainKeys::tenantCredentials(QStringView tenantUrl, QStringView clientId)
{
    return u"tenant:"_s + tenantUrl + u':' + escapePart(clientId);
}

QString KeychainKeys::clientSecret(QStringView tenantUrl, QStringView clientId)
{
    return u"client:"_s + tenantUrl + u':' + escapePart(clientId);
}

QString KeychainKeys::refreshToken(QStringView tenantUrl, QStringView clientId)
{
    return u"refresh:"_s + tenantUrl + u':' + escapePart(clientId);
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
