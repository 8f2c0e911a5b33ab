#pragma once

#include "core/FieldError.h"
#include "core/Role.h"
#include "core/Space.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace appint {

// Rules for the tenant's role catalogue and spaces: the standard global roles,
// and what POST /api/v1/roles and POST /api/v1/spaces accept.
class RoleRules
{
    Q_DECLARE_TR_FUNCTIONS(RoleRules)

public:
    static constexpr qsizetype RoleIdMaxLength = 64;
    static constexpr qsizetype NameMaxLength = 100;
    static constexpr qsizetype DescriptionMaxLength = 1000;

    template <typename T>
    struct Parsed
    {
        T value;
        FieldErrors errors;
        bool conflict = false; // the errors are a clash with what exists (409)
    };

    // DW_ADMINISTRATOR, DW_SPACE_ADMINISTRATOR, DW_INTEGRATOR, DW_MODELER,
    // DW_VIEWER, DW_CONSUMER: every tenant has them, none can be deleted.
    static Roles standardRoles();
    static bool isStandardRole(const QString& roleId);

    static bool isValidRoleId(const QString& roleId);

    static Parsed<Role> parseRole(const QJsonObject& body, const Roles& roles, const Spaces& spaces);
    static Parsed<Space> parseSpace(const QJsonObject& body, const Spaces& spaces);
};

} // namespace appint
