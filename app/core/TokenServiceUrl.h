#pragma once

#include "core/OutboundCredential.h"

#include <QCoreApplication>
#include <QUrl>

namespace appint {

// Seed 004 tokenServiceURLType. Dedicated: the URL as it is. Common: the
// placeholder {tenant} is replaced by the subdomain; a URL without the
// placeholder gets the subdomain as its first host label:
//   https://authentication.us10.hana.ondemand.com/oauth/token, mytenant
//     -> https://mytenant.authentication.us10.hana.ondemand.com/oauth/token
class TokenServiceUrl
{
    Q_DECLARE_TR_FUNCTIONS(TokenServiceUrl)

public:
    static inline const QString TenantPlaceholder = QStringLiteral("{tenant}");

    struct Resolved
    {
        QUrl url; // valid when error is empty
        QString error; // translated, for people
    };

    static Resolved resolve(const QString& url, TokenServiceUrlType type, const QString& subdomain);
    static Resolved resolve(const OutboundCredential& credential);

    // A subdomain fit to be a host label: 1–63 letters, digits and hyphens,
    // neither starting nor ending with a hyphen.
    static bool isValidSubdomain(const QString& subdomain);
};

} // namespace appint
