#pragma once

#include "core/FieldError.h"
#include "core/Role.h"
#include "core/RoleAssignment.h"

#include <QCoreApplication>
#include <QStringList>

namespace appint {

// The rules for tenant users (api.md "Users (SCIM 2.0)"), named by their SCIM
// attribute ("userName", "name.givenName", "emails", "password", "roles").
// One implementation for the server (the authority) and any screen that
// edits users. Where api.md is silent the limits are the ones docs/server.md
// lists.
class UserRules
{
    Q_DECLARE_TR_FUNCTIONS(UserRules)

public:
    static constexpr qsizetype UserNameMaxLength = 20;
    static constexpr qsizetype NameMaxLength = 100; // givenName, familyName, displayName
    static constexpr qsizetype EmailMaxLength = 254; // RFC 5321 path limit
    static constexpr qsizetype MaximumEmails = 10;
    static constexpr qsizetype PasswordMinLength = 12; // characters (code points)
    static constexpr qsizetype PasswordMaxBytes = 1024; // UTF-8 bytes: bounds the hash input

    static inline const QString FieldUserName = QStringLiteral("userName");
    static inline const QString FieldGivenName = QStringLiteral("name.givenName");
    static inline const QString FieldFamilyName = QStringLiteral("name.familyName");
    static inline const QString FieldDisplayName = QStringLiteral("displayName");
    static inline const QString FieldEmails = QStringLiteral("emails");
    static inline const QString FieldPassword = QStringLiteral("password");
    static inline const QString FieldActive = QStringLiteral("active");
    static inline const QString FieldRoles = QStringLiteral("roles");

    // ^[A-Z0-9_]{1,20}$, the pattern of technical users' user_id.
    static FieldErrors checkUserName(const QString& userName);
    // A free-text name: at most NameMaxLength characters, no control characters.
    static FieldErrors checkName(const QString& field, const QString& text);
    // Each value an address "local@domain" without spaces, no duplicates
    // (case-insensitively), at most one primary, at most MaximumEmails.
    static FieldErrors checkEmails(const QStringList& values, qsizetype primaryCount);
    static bool isPlausibleEmail(const QString& value);
    // At least PasswordMinLength characters, at most PasswordMaxBytes bytes.
    // The message never repeats the password.
    static FieldErrors checkPassword(const QString& password);
    // The item rules of a technical user's roles (ClientRules); a user may
    // hold none. With `catalogue` null only the shape is checked.
    static FieldErrors checkRoles(const RoleAssignments& roles, const Roles* catalogue);
};

} // namespace appint
