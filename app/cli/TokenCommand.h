#pragma once

#include "cli/CliFailure.h"
#include "cli/Command.h"
#include "core/OutboundCredential.h"
#include "service/AccessToken.h"
#include "service/Result.h"

#include <variant>

namespace appint {

// appint token --credential NAME [--fresh | --drop-cache]
// appint token --token-url URL --client-id ID (--client-secret-env VAR | --client-secret-stdin)
//              [--auth body|header] [--scope S] [--resource R] [--audience A]
//              [--param body|header|url:KEY=VALUE]...
// Either form with --saml-assertion FILE|-: the SAML 2.0 bearer grant
// (RFC 7522) instead of client credentials, with the token URL of the
// tenant's OAuth2SAML token URL; such tokens belong to a user and are never
// cached.
//
// Fetches an access token with the client-credentials grant (TokenClient) and
// prints the token response as JSON on standard output. A saved outbound
// credential comes from the settings (OutboundCredentialSettings) and its
// secret from the keychain; an ad hoc one from the options, checked with
// OutboundCredentialRules before anything is sent (a custom parameter named
// client_id, client_secret or grant_type is refused).
//
// A saved credential's token is kept in the user's token cache file
// (TokenCacheFile, shared with other processes and the console) and reused
// while it is not due for renewal; --fresh fetches and caches a new one,
// --drop-cache forgets it. Ad hoc tokens are never cached.
class TokenCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(TokenCommand)

public:
    Help help() const override;
    void addOptions(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, CliContext& context) const override;

    // The ad hoc credential the options describe, without its secret; a usage
    // failure when they do not describe a valid one.
    static std::variant<OutboundCredential, CliFailure> adHocCredential(const QCommandLineParser& parser);
    // "body:KEY=VALUE", "header:KEY=VALUE", "url:KEY=VALUE".
    static std::variant<CustomParameter, CliFailure> parseParameter(const QString& text);
    // The SAML assertion of --saml-assertion: a file, or standard input for
    // "-"; at most MaximumAssertionSize bytes, not empty.
    static std::variant<Secret, CliFailure> readAssertion(const QString& path);

    static constexpr qsizetype MaximumAssertionSize = 512 * 1024;

private:
    int runSaved(const QCommandLineParser& parser, CliContext& context) const;
    static Result<AccessToken> fetch(const OutboundCredential& credential, const OutboundSecrets& secrets,
                                     const Secret& samlAssertion, CliContext& context);
    static int failed(const Result<AccessToken>& token, CliContext& context);
    static int printToken(const AccessToken& token, CliContext& context);
};

} // namespace appint
