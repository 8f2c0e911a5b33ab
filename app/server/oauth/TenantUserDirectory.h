#pragma once

#include "server/oauth/UserDirectory.h"

namespace appint {

class Users;

// The sign-in seam over the tenant's users (server/tenant/Users). User names
// are upper case by rule, so what a person types is upper-cased first.
class TenantUserDirectory final : public UserDirectory
{
public:
    explicit TenantUserDirectory(const Users& users);

    PasswordCheck checkPassword(const QString& userName, const QString& password, SignInUser* user) const override;
    std::optional<SignInUser> activeUser(const QString& userName) const override;
    bool isTokenActive(const QString& userName, qint64 issuedAt) const override;

private:
    const Users& m_users;
};

} // namespace appint
