#pragma once

#include "core/Client.h"
#include "core/FieldError.h"
#include "core/Role.h"

#include <QCoreApplication>
#include <QStringList>

#include <functional>
#include <optional>

namespace appint {

struct LifetimeRange
{
    qint64 minimum = 0;
    qint64 maximum = 0;
    qint64 defaultValue = 0;
};

// What a rule needs to know beyond the client itself.
struct RuleContext
{
    qint64 now = 0;
    // The tenant's role catalogue. nullptr: roles and spaces are checked for
    // shape only (the console before the catalogue has loaded).
    const Roles* roles = nullptr;
    // Whether a user ID is already used by another client. Empty: not checked.
    std::function<bool(const QString& userId)> userIdTaken;
};

// The purpose rules of seeds 000-002 (api.md, "The client object"): one
// implementation that the server enforces and the console validates with as
// the admin types. Each check returns field errors named by API field with
// translated messages; an empty list means the value is fine.
class ClientRules
{
    Q_DECLARE_TR_FUNCTIONS(ClientRules)

public:
    static constexpr qsizetype NameMaxLength = 100;
    static constexpr qsizetype UserIdMaxLength = 20;
    static constexpr qsizetype RedirectUriMaxLength = 2048;
    static constexpr qint64 MinimumExpirySeconds = 7 * SecondsPerDay;
    static constexpr int MaximumExpiryYears = 20;
    static constexpr int DefaultExpiryMonths = 3;

    // The API field names that the checks name their errors by (api.md).
    static inline const QString FieldName = QStringLiteral("client_name");
    static inline const QString FieldPurpose = QStringLiteral("purpose");
    static inline const QString FieldGrantTypes = QStringLiteral("grant_types");
    static inline const QString FieldAccess = QStringLiteral("access");
    static inline const QString FieldRedirectUris = QStringLiteral("redirect_uris");
    static inline const QString FieldUserId = QStringLiteral("user_id");
    static inline const QString FieldRoles = QStringLiteral("roles");
    static inline const QString FieldAccessTokenLifetime = QStringLiteral("access_token_lifetime");
    static inline const QString FieldRefreshTokenLifetime = QStringLiteral("refresh_token_lifetime");
    static inline const QString FieldExpiresAt = QStringLiteral("client_secret_expires_at");

    // Which fields a purpose has.
    static bool hasAccess(Purpose purpose);
    static bool hasRedirectUri(Purpose purpose);
    static bool hasUserId(Purpose purpose);
    static bool hasRoles(Purpose purpose);
    static bool hasExpiry(Purpose purpose);
    static bool hasRefreshToken(Purpose purpose);
    static bool grantTypeSelectable(Purpose purpose);

    static QStringList defaultGrantTypes(Purpose purpose);
    // The grant types an admin may choose from (one of them).
    static QStringList selectableGrantTypes(Purpose purpose);
    static QStringList accessValues();
    static QString accessDisplayName(const QString& access);
    static QString grantTypeDisplayName(const QString& grantType);

    static LifetimeRange accessTokenLifetime(Purpose purpose);
    static std::optional<LifetimeRange> refreshTokenLifetime(Purpose purpose);
    static qint64 minimumExpiry(qint64 now);
    static qint64 maximumExpiry(qint64 now);
    static qint64 defaultExpiry(qint64 now);

    // A new client of that purpose with every default filled in.
    static Client withDefaults(Purpose purpose, qint64 now);

    static FieldErrors checkName(const QString& name);
    static FieldErrors checkGrantTypes(Purpose purpose, const QStringList& grantTypes);
    static FieldErrors checkAccess(Purpose purpose, const QStringList& access);
    static FieldErrors checkRedirectUris(Purpose purpose, const QStringList& uris);
    static FieldErrors checkUserId(Purpose purpose, const QString& userId, const RuleContext& context);
    static FieldErrors checkRoles(Purpose purpose, const RoleAssignments& roles, const RuleContext& context);
    static FieldErrors checkAccessTokenLifetime(Purpose purpose, qint64 seconds);
    static FieldErrors checkRefreshTokenLifetime(Purpose purpose, qint64 seconds);
    static FieldErrors checkExpiry(Purpose purpose, qint64 expiresAt, qint64 now);

    // The checks of the named API fields ("client_name", "roles", ...).
    static FieldErrors checkFields(const Client& client, const RuleContext& context, const QStringList& fields);
    // Every check: what creating this client requires.
    static FieldErrors check(const Client& client, const RuleContext& context);
    // The fields checkFields understands, in form order.
    static QStringList checkedFields();

    static bool isValidUserIdSyntax(const QString& userId);
    static bool isValidSpaceId(const QString& spaceId);
};

} // namespace appint
