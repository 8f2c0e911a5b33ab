#pragma once

#include "core/ClientRules.h"
#include "core/RoleRules.h"
#include "core/Space.h"

namespace appint::test {

// A tenant's role catalogue: the standard global roles and two scoped roles.
inline Roles sampleRoles()
{
    using namespace Qt::StringLiterals;
    Roles roles = RoleRules::standardRoles();
    Role sales;
    sales.roleId = u"SALES_MODELER"_s;
    sales.name = u"Sales Modeler"_s;
    sales.description = u"Models sales data."_s;
    sales.scope = RoleScope::Scoped;
    sales.spaces = {u"SALES"_s, u"HR"_s, u"FINANCE"_s};
    roles.append(sales);
    Role reader;
    reader.roleId = u"SPACE_READER"_s;
    reader.name = u"Space Reader"_s;
    reader.scope = RoleScope::Scoped;
    reader.spaces = {u"SALES"_s};
    roles.append(reader);
    return roles;
}

inline Spaces sampleSpaces()
{
    using namespace Qt::StringLiterals;
    return {{u"SALES"_s, u"Sales"_s}, {u"HR"_s, u"Human Resources"_s}, {u"FINANCE"_s, u"Finance"_s}};
}

} // namespace appint::test
