#include "server/oauth/TenantUserDirectory.h"

#include "server/tenant/Users.h"

namespace appint {

namespace {

SignInUser toSignInUser(const TenantUser& user)
{
    return SignInUser{user.id, user.userName, user.active, user.roles};
}

} // namespace

TenantUserDirectory::TenantUserDirectory(const Users& users)
    : m_users(users)
{
}

UserDirectory::PasswordCheck TenantUserDirectory::checkPassword(const QString& userName, const QString& password,
                                                                SignInUser* user) const
{
    UserRecord record;
    const QByteArray utf8 = password.toUtf8();
    const Users::PasswordCheck check = m_users.checkPassword(userName.toUpper(), utf8, &record);
    if (record && user) {
        *user = toSignInUser(*record);
    }
    switch (check) {
    case Users::PasswordCheck::Ok:
        return record ? PasswordCheck::Ok : PasswordCheck::Wrong;
    case Users::PasswordCheck::Disabled:
        return PasswordCheck::Disabled;
    case Users::PasswordCheck::Wrong:
        break;
    }
    return PasswordCheck::Wrong;
}

std::optional<SignInUser> TenantUserDirectory::activeUser(const QString& userName) const
{
    const UserRecord record = m_users.userByName(userName);
    if (!record || !record->active) {
        return std::nullopt;
    }
    return toSignInUser(*record);
}

bool TenantUserDirectory::isTokenActive(const QString& userName, qint64 issuedAt) const
{
    return m_users.isUserTokenActive(userName, issuedAt);
}

} // namespace appint
