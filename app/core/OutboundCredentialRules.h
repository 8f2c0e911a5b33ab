#pragma once

#include "core/FieldError.h"
#include "core/OutboundCredential.h"

#include <QCoreApplication>
#include <QStringList>

namespace appint {

// One problem of one row of the custom-parameter table, for the table's own
// error markers. Rows count from 0.
struct CustomParameterProblem
{
    enum class Part { Key, Value, Row };

    qsizetype row = 0;
    Part part = Part::Row;
    QString message;

    friend bool operator==(const CustomParameterProblem&, const CustomParameterProblem&) = default;
};

// The checks of an outbound credential: seed 003's custom-parameter rules and
// the name, URL and field checks that make a token request possible. Field
// errors are named by the keys of OutboundCredential::toSettings() (Name,
// tokenServiceURL, clientId, customParameters, ...) with translated messages;
// an empty list means the value is fine.
class OutboundCredentialRules
{
    Q_DECLARE_TR_FUNCTIONS(OutboundCredentialRules)

public:
    static constexpr qsizetype NameMaxLength = 100;
    static constexpr qsizetype FieldMaxLength = 1024;
    static constexpr qsizetype MaximumCustomParameters = 20;

    static inline const QString FieldName = QStringLiteral("Name");
    static inline const QString FieldDescription = QStringLiteral("Description");
    static inline const QString FieldTokenServiceUrl = QStringLiteral("tokenServiceURL");
    static inline const QString FieldSubdomain = QStringLiteral("subdomain");
    static inline const QString FieldClientId = QStringLiteral("clientId");
    static inline const QString FieldTokenServiceUser = QStringLiteral("tokenServiceUser");
    static inline const QString FieldScope = QStringLiteral("scope");
    static inline const QString FieldResource = QStringLiteral("resource");
    static inline const QString FieldAudience = QStringLiteral("audience");
    static inline const QString FieldContentType = QStringLiteral("contentType");
    static inline const QString FieldCustomParameters = QStringLiteral("customParameters");
    static inline const QString FieldHeaders = QStringLiteral("tokenServiceURL.headers");
    static inline const QString FieldQueries = QStringLiteral("tokenServiceURL.queries");
    static inline const QString FieldBody = QStringLiteral("tokenService.body");

    // Every check below. `takenNames`: names of the other saved credentials.
    static FieldErrors check(const OutboundCredential& credential, const QStringList& takenNames = {});

    static FieldErrors checkName(const QString& name, const QStringList& takenNames = {});
    static FieldErrors checkTokenServiceUrl(const OutboundCredential& credential);
    static FieldErrors checkClientId(const QString& clientId);
    static FieldErrors checkTokenServiceUser(const QString& user);
    static FieldErrors checkScope(const QString& scope);
    static FieldErrors checkResource(const QString& resource);
    static FieldErrors checkAudience(const QString& audience);
    static FieldErrors checkContentType(const QString& contentType);
    // Seed 003: at most 20; key not client_id, client_secret or grant_type; no
    // empty or whitespace-only fields; at most 1024 characters; no duplicate
    // (key, value, sent as) combination. One field error per problem under
    // "customParameters", its message naming the row.
    static FieldErrors checkCustomParameters(const CustomParameters& parameters);
    static QList<CustomParameterProblem> customParameterProblems(const CustomParameters& parameters);
    // tokenServiceURL.headers.*, tokenServiceURL.queries.*, tokenService.body.*
    static FieldErrors checkPropertyLists(const OutboundCredential& credential);

    // Keys the token request sets itself (case-insensitive).
    static bool isReservedParameterKey(const QString& key);
    // Headers the token request sets itself (case-insensitive).
    static bool isReservedHeader(const QString& name);
};

} // namespace appint
