#pragma once

#include "core/Secret.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace appint {

// Seed 004 tokenServiceURLType: a token URL that serves one tenant, or one that
// serves many and is resolved with the subdomain (TokenServiceUrl).
enum class TokenServiceUrlType { Dedicated, Common };

// Seed 003 "Client Authentication": client_id and client_secret as body
// parameters (the default, seed 004 addClientCredentialsInBody=true) or as a
// Basic Authorization header ("Send as Request Header").
enum class ClientAuthentication { Body, Header };

// Seed 003 "Send as Part of".
enum class ParameterLocation { Body, Header, Url };

struct CustomParameter
{
    QString key;
    QString value;
    ParameterLocation sendAs = ParameterLocation::Body;

    friend bool operator==(const CustomParameter&, const CustomParameter&) = default;
};

using CustomParameters = QList<CustomParameter>;
// Ordered key/value pairs (tokenServiceURL.headers.*, .queries.*, tokenService.body.*).
using PropertyList = QList<QPair<QString, QString>>;

// The secret parts of an outbound credential. They never live in an
// OutboundCredential: the keychain stores them, the token client receives them
// per request.
struct OutboundSecrets
{
    Secret clientSecret;
    Secret tokenServicePassword;
};

// An "OAuth2 Client Credentials" artifact (seed 003) with the destination
// properties of seed 004: what it takes to fetch an access token with the
// client-credentials grant from someone's token service. Plain data without
// secrets; OutboundCredentialRules checks it, TokenClient sends it.
struct OutboundCredential
{
    static constexpr int DefaultTimeoutSeconds = 10;
    static constexpr int MaximumConnectionTimeoutSeconds = 60;
    static constexpr int MaximumReadTimeoutSeconds = 600;

    QString name; // the alias: the key of the token cache and of the keychain entry
    QString description;
    QString tokenServiceUrl;
    TokenServiceUrlType urlType = TokenServiceUrlType::Dedicated;
    QString subdomain; // Common only
    QString clientId;
    ClientAuthentication clientAuthentication = ClientAuthentication::Body;
    // tokenServiceUser / tokenServicePassword: Basic authentication towards
    // the token service; when the user is set it takes priority over the
    // client credentials (seed 004).
    QString tokenServiceUser;
    QString scope;
    QString resource; // RFC 8707
    QString audience;
    QString contentType = formContentType();
    CustomParameters customParameters; // seed 003
    PropertyList tokenServiceHeaders; // tokenServiceURL.headers.<key>
    PropertyList tokenServiceQueries; // tokenServiceURL.queries.<key>
    PropertyList tokenServiceBody; // tokenService.body.<key>
    int connectionTimeoutSeconds = DefaultTimeoutSeconds;
    int readTimeoutSeconds = DefaultTimeoutSeconds;

    friend bool operator==(const OutboundCredential&, const OutboundCredential&) = default;

    static QString formContentType();
    static QString jsonContentType();

    // Seed 004: 0–60 s and 0–600 s; a value outside falls back to 10 s. 0 means
    // no limit, as for the Java clients the seed describes.
    int effectiveConnectionTimeoutSeconds() const;
    int effectiveReadTimeoutSeconds() const;
    // Whether the Basic header carries tokenServiceUser (priority) rather than
    // the client credentials, or no Basic header is sent at all.
    bool usesTokenServiceUser() const;
    bool sendsBasicHeader() const;
    // Whether the body is JSON (Content Type application/json) rather than a form.
    bool sendsJsonBody() const;

    // The flat property map of seed 004 (Name, tokenServiceURL,
    // tokenServiceURLType, clientId, tokenService.addClientCredentialsInBody,
    // tokenServiceURL.headers.<key>, ...), with the seed 003 extras (description,
    // subdomain, customParameters). Never contains a secret: clientSecret and
    // tokenServicePassword are not written, and fromSettings ignores them.
    QVariantMap toSettings() const;
    static OutboundCredential fromSettings(const QVariantMap& settings);

    // Keys of the seed 004 property map that hold secrets.
    static QStringList secretSettingKeys();
};

using OutboundCredentials = QList<OutboundCredential>;

QString parameterLocationId(ParameterLocation location); // "body", "header", "url"
std::optional<ParameterLocation> parameterLocationFromId(const QString& id);

} // namespace appint
