#include "core/ClientRules.h"

#include "core/Duration.h"
#include "core/OAuthNames.h"

#include <QDateTime>
#include <QSet>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

qsizetype codePointCount(const QString& text)
{
    qsizetype count = 0;
    for (QChar c : text) {
        if (!c.isLowSurrogate()) {
            ++count;
        }
    }
    return count;
}

bool hasControlCharacter(const QString& text)
{
    for (QChar c : text) {
        if (c.category() == QChar::Other_Control) {
            return true;
        }
    }
    return false;
}

bool isIdCharacter(QChar c)
{
    return (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_';
}

bool isIdSyntax(const QString& id, qsizetype maxLength)
{
    if (id.isEmpty() || id.size() > maxLength) {
        return false;
    }
    return std::all_of(id.cbegin(), id.cend(), isIdCharacter);
}

QDateTime utc(qint64 now)
{
    return QDateTime::fromSecsSinceEpoch(now, Qt::UTC);
}

QString rangeText(const LifetimeRange& range)
{
    return ClientRules::tr("between %1 and %2 (%3–%4 seconds)")
        .arg(formatDuration(range.minimum), formatDuration(range.maximum))
        .arg(range.minimum)
        .arg(range.maximum);
}

FieldErrors one(const QString& field, const QString& message)
{
    return FieldErrors{FieldError{field, message}};
}

} // namespace

bool ClientRules::hasAccess(Purpose purpose)
{
    return purpose == Purpose::Api;
}

bool ClientRules::hasRedirectUri(Purpose purpose)
{
    return purpose == Purpose::Interactive;
}

bool ClientRules::hasUserId(Purpose purpose)
{
    return purpose == Purpose::Technical;
}

bool ClientRules::hasRoles(Purpose purpose)
{
    return purpose == Purpose::Technical;
}

bool ClientRules::hasExpiry(Purpose purpose)
{
    return purpose == Purpose::Technical;
}

bool ClientRules::hasRefreshToken(Purpose purpose)
{
    return purpose != Purpose::Technical;
}

bool ClientRules::grantTypeSelectable(Purpose purpose)
{
    return purpose == Purpose::Api;
}

QStringList ClientRules::defaultGrantTypes(Purpose purpose)
{
    switch (purpose) {
    case Purpose::Interactive:
        return {oauth::GrantAuthorizationCode, oauth::GrantRefreshToken};
    case Purpose::Api:
    case Purpose::Technical:
        return {oauth::GrantClientCredentials};
    }
    Q_UNREACHABLE();
}

QStringList ClientRules::selectableGrantTypes(Purpose purpose)
{
    if (purpose == Purpose::Api) {
        return {oauth::GrantClientCredentials, oauth::GrantSaml2Bearer};
    }
    return defaultGrantTypes(purpose);
}

QStringList ClientRules::accessValues()
{
    return {oauth::AccessUserProvisioning, oauth::AccessContentNetwork};
}

QString ClientRules::accessDisplayName(const QString& access)
{
    if (access == oauth::AccessUserProvisioning) {
        return tr("User Provisioning");
    }
    if (access == oauth::AccessContentNetwork) {
        return tr("Analytics Content Network Interaction");
    }
    return access;
}

QString ClientRules::grantTypeDisplayName(const QString& grantType)
{
    if (grantType == oauth::GrantClientCredentials) {
        return tr("Client Credentials");
    }
    if (grantType == oauth::GrantSaml2Bearer) {
        return tr("SAML2.0 Bearer");
    }
    if (grantType == oauth::GrantAuthorizationCode) {
        return tr("Authorization Code");
    }
    if (grantType == oauth::GrantRefreshToken) {
        return tr("Refresh Token");
    }
    return grantType;
}

LifetimeRange ClientRules::accessTokenLifetime(Purpose purpose)
{
    if (purpose == Purpose::Technical) {
        return {3600, SecondsPerDay, SecondsPerDay};
    }
    return {60, SecondsPerDay, 3600};
}

std::optional<LifetimeRange> ClientRules::refreshTokenLifetime(Purpose purpose)
{
    if (!hasRefreshToken(purpose)) {
        return std::nullopt;
    }
    return LifetimeRange{60, 180 * SecondsPerDay, 30 * SecondsPerDay};
}

qint64 ClientRules::minimumExpiry(qint64 now)
{
    return now + MinimumExpirySeconds;
}

qint64 ClientRules::maximumExpiry(qint64 now)
{
    return utc(now).addYears(MaximumExpiryYears).toSecsSinceEpoch();
}

qint64 ClientRules::defaultExpiry(qint64 now)
{
    return utc(now).addMonths(DefaultExpiryMonths).toSecsSinceEpoch();
}

Client ClientRules::withDefaults(Purpose purpose, qint64 now)
{
    Client client;
    client.purpose = purpose;
    client.grantTypes = defaultGrantTypes(purpose);
    client.accessTokenLifetime = accessTokenLifetime(purpose).defaultValue;
    if (const auto refresh = refreshTokenLifetime(purpose)) {
        client.refreshTokenLifetime = refresh->defaultValue;
    }
    if (hasExpiry(purpose)) {
        client.clientSecretExpiresAt = defaultExpiry(now);
    }
    return client;
}

FieldErrors ClientRules::checkName(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        return one(FieldName, tr("Enter a name."));
    }
    if (codePointCount(trimmed) > NameMaxLength) {
        return one(FieldName, tr("The name can have at most %n character(s).", nullptr, int(NameMaxLength)));
    }
    if (hasControlCharacter(trimmed)) {
        return one(FieldName, tr("The name cannot contain line breaks or other control characters."));
    }
    return {};
}

FieldErrors ClientRules::checkGrantTypes(Purpose purpose, const QStringList& grantTypes)
{
    switch (purpose) {
    case Purpose::Interactive: {
        const QSet<QString> given(grantTypes.cbegin(), grantTypes.cend());
        const bool codeOnly = given == QSet<QString>{oauth::GrantAuthorizationCode};
        const bool codeAndRefresh = given == QSet<QString>{oauth::GrantAuthorizationCode, oauth::GrantRefreshToken};
        if (given.size() != grantTypes.size() || !(codeOnly || codeAndRefresh)) {
            return one(FieldGrantTypes,
                       tr("Interactive Usage clients always use the authorization code grant (with refresh tokens)."));
        }
        return {};
    }
    case Purpose::Technical:
        if (grantTypes != QStringList{oauth::GrantClientCredentials}) {
            return one(FieldGrantTypes, tr("Technical User clients always use Client Credentials."));
        }
        return {};
    case Purpose::Api:
        if (grantTypes.size() != 1 || !selectableGrantTypes(purpose).contains(grantTypes.constFirst())) {
            return one(FieldGrantTypes, tr("Choose one grant: Client Credentials or SAML2.0 Bearer."));
        }
        return {};
    }
    Q_UNREACHABLE();
}

FieldErrors ClientRules::checkAccess(Purpose purpose, const QStringList& access)
{
    if (!hasAccess(purpose)) {
        if (!access.isEmpty()) {
            return one(FieldAccess, tr("Access applies only to API Access clients."));
        }
        return {};
    }
    if (access.isEmpty()) {
        return one(FieldAccess, tr("Select at least one access."));
    }
    FieldErrors errors;
    QSet<QString> seen;
    for (const QString& value : access) {
        if (!accessValues().contains(value)) {
            errors.append({FieldAccess, tr("Unknown access \"%1\"; use %2.").arg(value, accessValues().join(u", "_s))});
        } else if (seen.contains(value)) {
            errors.append({FieldAccess, tr("Access \"%1\" is listed twice.").arg(value)});
        }
        seen.insert(value);
    }
    return errors;
}

FieldErrors ClientRules::checkRedirectUris(Purpose purpose, const QStringList& uris)
{
    if (!hasRedirectUri(purpose)) {
        if (!uris.isEmpty()) {
            return one(FieldRedirectUris, tr("Redirect URIs apply only to Interactive Usage clients."));
        }
        return {};
    }
    if (uris.isEmpty() || (uris.size() == 1 && uris.constFirst().trimmed().isEmpty())) {
        return one(FieldRedirectUris, tr("Enter a redirect URI."));
    }
    if (uris.size() != 1) {
        return one(FieldRedirectUris, tr("Enter exactly one redirect URI."));
    }
    const QString& uri = uris.constFirst();
    if (uri.size() > RedirectUriMaxLength) {
        return one(FieldRedirectUris,
                   tr("The redirect URI can have at most %n character(s).", nullptr, int(RedirectUriMaxLength)));
    }
    QString base = uri;
    if (base.endsWith(u"/**"_s)) {
        base.chop(2); // keep the slash: "https://host/**" checks "https://host/"
    }
    if (base.contains(u'*')) {
        return one(FieldRedirectUris, tr("A wildcard is allowed only as a trailing /**."));
    }
    const QUrl url(base, QUrl::StrictMode);
    const bool webScheme = url.scheme() == u"http"_s || url.scheme() == u"https"_s;
    const bool absolute = url.isValid() && !url.isRelative() && !base.contains(u' ')
        && (webScheme ? !url.host().isEmpty() : !url.path().isEmpty() || !url.host().isEmpty());
    if (!absolute) {
        return one(FieldRedirectUris,
                   tr("\"%1\" is not an absolute URI (for example https://app.example.com/callback).").arg(uri));
    }
    if (url.hasFragment()) {
        return one(FieldRedirectUris, tr("A redirect URI cannot contain a fragment (#…)."));
    }
    return {};
}

FieldErrors ClientRules::checkUserId(Purpose purpose, const QString& userId, const RuleContext& context)
{
    if (!hasUserId(purpose)) {
        if (!userId.isEmpty()) {
            return one(FieldUserId, tr("A user ID applies only to Technical User clients."));
        }
        return {};
    }
    if (userId.isEmpty()) {
        return one(FieldUserId, tr("Enter a user ID."));
    }
    if (userId.size() > UserIdMaxLength) {
        return one(FieldUserId, tr("The user ID can have at most %n character(s).", nullptr, int(UserIdMaxLength)));
    }
    if (!isValidUserIdSyntax(userId)) {
        return one(FieldUserId, tr("The user ID can contain only uppercase letters, numbers and underscores."));
    }
    if (context.userIdTaken && context.userIdTaken(userId)) {
        return one(FieldUserId, tr("The user ID %1 is already taken; user IDs are unique in the tenant.").arg(userId));
    }
    return {};
}

FieldErrors ClientRules::checkRoles(Purpose purpose, const RoleAssignments& roles, const RuleContext& context)
{
    if (!hasRoles(purpose)) {
        if (!roles.isEmpty()) {
            return one(FieldRoles, tr("Roles apply only to Technical User clients."));
        }
        return {};
    }
    if (roles.isEmpty()) {
        return one(FieldRoles, tr("Select at least one role."));
    }
    FieldErrors errors;
    QSet<QString> seenRoles;
    for (const RoleAssignment& assignment : roles) {
        if (assignment.roleId.isEmpty()) {
            errors.append({FieldRoles, tr("Every role needs a role_id.")});
            continue;
        }
        if (seenRoles.contains(assignment.roleId)) {
            errors.append({FieldRoles, tr("Role %1 is listed twice.").arg(assignment.roleId)});
            continue;
        }
        seenRoles.insert(assignment.roleId);
        QSet<QString> seenSpaces;
        for (const QString& space : assignment.spaces) {
            if (seenSpaces.contains(space)) {
                errors.append({FieldRoles, tr("Space %2 is listed twice for role %1.").arg(assignment.roleId, space)});
            }
            seenSpaces.insert(space);
        }
        if (!context.roles) {
            continue;
        }
        const Role* role = findRole(*context.roles, assignment.roleId);
        if (!role) {
            errors.append({FieldRoles, tr("Role %1 does not exist.").arg(assignment.roleId)});
        } else if (role->scope == RoleScope::Global) {
            if (!assignment.spaces.isEmpty()) {
                errors.append({FieldRoles,
                               tr("Role %1 is a global role and cannot be limited to spaces.").arg(assignment.roleId)});
            }
        } else if (assignment.spaces.isEmpty()) {
            errors.append({FieldRoles, tr("Select at least one space for the scoped role %1.").arg(assignment.roleId)});
        } else {
            for (const QString& space : assignment.spaces) {
                if (!role->spaces.contains(space)) {
                    errors.append({FieldRoles,
                                   tr("Space %2 is not one of the spaces of role %1.").arg(assignment.roleId, space)});
                }
            }
        }
    }
    return errors;
}

FieldErrors ClientRules::checkAccessTokenLifetime(Purpose purpose, qint64 seconds)
{
    const LifetimeRange range = accessTokenLifetime(purpose);
    if (seconds < range.minimum || seconds > range.maximum) {
        return one(FieldAccessTokenLifetime, tr("The token lifetime must be %1.").arg(rangeText(range)));
    }
    return {};
}

FieldErrors ClientRules::checkRefreshTokenLifetime(Purpose purpose, qint64 seconds)
{
    const auto range = refreshTokenLifetime(purpose);
    if (!range) {
        if (seconds != 0) {
            return one(FieldRefreshTokenLifetime,
                       tr("Refresh tokens apply only to Interactive Usage and API Access clients."));
        }
        return {};
    }
    if (seconds < range->minimum || seconds > range->maximum) {
        return one(FieldRefreshTokenLifetime, tr("The refresh token lifetime must be %1.").arg(rangeText(*range)));
    }
    return {};
}

FieldErrors ClientRules::checkExpiry(Purpose purpose, qint64 expiresAt, qint64 now)
{
    if (!hasExpiry(purpose)) {
        if (expiresAt != 0) {
            return one(FieldExpiresAt, tr("Only Technical User clients expire; use 0 (never)."));
        }
        return {};
    }
    if (expiresAt < minimumExpiry(now)) {
        return one(FieldExpiresAt, tr("Choose an expiry date at least 7 days from now."));
    }
    if (expiresAt > maximumExpiry(now)) {
        return one(FieldExpiresAt, tr("Choose an expiry date at most 20 years from now."));
    }
    return {};
}

QStringList ClientRules::checkedFields()
{
    return {FieldName,
            FieldGrantTypes,
            FieldAccess,
            FieldRedirectUris,
            FieldUserId,
            FieldRoles,
            FieldAccessTokenLifetime,
            FieldRefreshTokenLifetime,
            FieldExpiresAt};
}

FieldErrors ClientRules::checkFields(const Client& client, const RuleContext& context, const QStringList& fields)
{
    FieldErrors errors;
    const Purpose purpose = client.purpose;
    for (const QString& field : fields) {
        if (field == FieldName) {
            errors += checkName(client.clientName);
        } else if (field == FieldGrantTypes) {
            errors += checkGrantTypes(purpose, client.grantTypes);
        } else if (field == FieldAccess) {
            errors += checkAccess(purpose, client.access);
        } else if (field == FieldRedirectUris) {
            errors += checkRedirectUris(purpose, client.redirectUris);
        } else if (field == FieldUserId) {
            errors += checkUserId(purpose, client.userId, context);
        } else if (field == FieldRoles) {
            errors += checkRoles(purpose, client.roles, context);
        } else if (field == FieldAccessTokenLifetime) {
            errors += checkAccessTokenLifetime(purpose, client.accessTokenLifetime);
        } else if (field == FieldRefreshTokenLifetime) {
            errors += checkRefreshTokenLifetime(purpose, client.refreshTokenLifetime);
        } else if (field == FieldExpiresAt) {
            errors += checkExpiry(purpose, client.clientSecretExpiresAt, context.now);
        }
    }
    return errors;
}

FieldErrors ClientRules::check(const Client& client, const RuleContext& context)
{
    return checkFields(client, context, checkedFields());
}

bool ClientRules::isValidUserIdSyntax(const QString& userId)
{
    return isIdSyntax(userId, UserIdMaxLength);
}

bool ClientRules::isValidSpaceId(const QString& spaceId)
{
    return isIdSyntax(spaceId, 20);
}

} // namespace appint
