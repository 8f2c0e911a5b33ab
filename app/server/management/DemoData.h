#pragma once

#include "server/tenant/Tenant.h"

namespace appint {

// What `appint-server --demo` seeds into a new store so that a first look at
// the console shows every state: spaces, scoped roles, and clients of all
// three purposes that are active, legacy (with a retrievable secret) and,
// for technical users, expiring within 14 days and expired; and users,
// one of them deactivated.
class DemoData
{
public:
    struct Content
    {
        QList<Tenant::Seed> clients;
        Spaces spaces;
        Roles roles;
        QList<TenantUser> users; // passwords random and not kept: set one through SCIM to sign in
    };

    static Content make(qint64 now);
};

} // namespace appint
