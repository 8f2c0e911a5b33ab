#pragma once

#include "core/RoleAssignment.h"

#include <QString>

#include <optional>

namespace appint {

// A tenant user as the sign-in page and the user grants see one.
struct SignInUser
{
    QString id; // the user's server-made id (SCIM "id")
    QString userName;
    bool active = false;
    RoleAssignments roles;
};

// What the interactive sign-in needs from the tenant's users: a password
// check and "is this user still there and active". The OAuth side depends
// only on this seam; the tenant's user store implements it.
class UserDirectory
{
public:
    enum class PasswordCheck {
        Ok, // the password is right and the user is active
        Wrong, // unknown user or wrong password (the caller never says which)
        Disabled, // the password is right but the user is deactivated
    };

    virtual ~UserDirectory() = default;

    // Slow on purpose (a memory-hard hash): call it off the HTTP thread.
    virtual PasswordCheck checkPassword(const QString& userName, const QString& password, SignInUser* user) const = 0;
    // The user if it exists and is active; fast (no hash).
    virtual std::optional<SignInUser> activeUser(const QString& userName) const = 0;
    // Whether a token issued for the user at `issuedAt` still counts: the
    // user exists, is active and has not been deactivated (or deleted and
    // made again) since.
    virtual bool isTokenActive(const QString& userName, qint64 issuedAt) const = 0;
};

} // namespace appint
