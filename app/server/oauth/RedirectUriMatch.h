#pragma once

#include <QString>

namespace appint {

// Whether a redirect_uri of an authorization request matches an Interactive
// Usage client's registered one (api.md): equal; or, when the registered
// one ends in "/**", starting with everything before the "**" (and with no
// dot segments, which could climb out of that prefix); or, when the
// registered one is an http loopback URI (127.0.0.1, [::1], localhost), the
// same with any port (RFC 8252 §7.3). A redirect_uri with a fragment, user
// info or a scheme other than the registered one never matches.
class RedirectUriMatch
{
public:
    static bool matches(const QString& registered, const QString& given);
    static bool isLoopback(const QString& uri);
};

} // namespace appint
