#pragma once

#include "server/tenant/Tenant.h"

namespace appint {

// What `appint-server --demo` seeds into a new store so that a first look at
// the console shows every state: spaces, scoped roles, and clients of all
// three purposes that are active, legacy (with a retrievable secret) and,
// for technical users, expiring within 14 days and expired.
class DemoData
{
public:
    struct Content
    {
        QList<Tenant::Seed> clients;
        Spaces spaces;
        Roles roles;
    };

    static Content make(qint64 now);
};

} // namespace appint
