#pragma once

#include "core/OAuthNames.h"
#include "core/RoleAssignment.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <algorithm>
#include <memory>

namespace appint {

// One e-mail address of a user (SCIM "emails" item).
struct UserEmail
{
    QString value;
    bool primary = false;

    friend bool operator==(const UserEmail&, const UserEmail&) = default;
};

using UserEmails = QList<UserEmail>;

// A tenant user (api.md "Users (SCIM 2.0)"): a person who signs in through an
// Interactive Usage client or for whom the SAML bearer grant acts. userName
// shares the namespace of technical users' user_id. The password hash never
// leaves the server: no serialisation of a user writes it.
struct TenantUser
{
    QString id; // server-made UUID, never changes
    QString userName; // ^[A-Z0-9_]{1,20}$, unique across users and technical users
    QString givenName;
    QString familyName;
    QString displayName;
    UserEmails emails;
    bool active = true;
    RoleAssignments roles; // may be empty
    QByteArray passwordHash; // Argon2id PHC string; empty: no password, cannot sign in
    qint64 created = 0;
    qint64 lastModified = 0;
    qint64 version = 1; // grows with every change (SCIM meta.version, ETag)
    // Tokens (access and refresh) issued before this moment are inactive:
    // set when the user is created and moved past "now" when the user is
    // deactivated or the password changes.
    qint64 tokensValidSince = 0;

    friend bool operator==(const TenantUser&, const TenantUser&) = default;

    // Holds the global role DW_ADMINISTRATOR.
    bool holdsAdministrator() const
    {
        return std::any_of(roles.cbegin(), roles.cend(), [](const RoleAssignment& role) {
            return role.roleId == oauth::RoleAdministrator && role.spaces.isEmpty();
        });
    }
    bool isActiveAdministrator() const { return active && holdsAdministrator(); }
    // The SCIM meta.version / ETag value: W/"<version>".
    QString etag() const { return QStringLiteral("W/\"%1\"").arg(version); }
};

using UserRecord = std::shared_ptr<const TenantUser>;

} // namespace appint
