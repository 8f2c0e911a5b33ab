#pragma once

#include "cli/CliFailure.h"
#include "core/Secret.h"
#include "service/TenantProfile.h"

#include <QCoreApplication>

namespace appint {

class CliContext;

// appint login --browser: a user's sign-in through the browser with an
// Interactive Usage client (service BrowserSignIn: authorization code + PKCE
// on a loopback port). Prints the authorization URL on standard error and
// opens it unless told not to, waits for the browser, then verifies the
// sign-in by reading the tenant with a renewed token and saves: the client
// secret (KeychainKeys::tenantCredentials) and the newest refresh token
// (KeychainKeys::refreshToken) in the keychain, the profile with the user's
// name in the settings. The access token is never stored.
class BrowserLogin
{
    Q_DECLARE_TR_FUNCTIONS(BrowserLogin)

public:
    struct Options
    {
        TenantProfile profile; // URL and client ID; the display name may be empty
        Secret clientSecret;
        bool openBrowser = true;
        int timeoutSeconds = 300;
        quint16 redirectPort = 0; // 0: an ephemeral port
    };

    static int run(const Options& options, CliContext& context);
};

} // namespace appint
