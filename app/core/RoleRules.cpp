#include "core/RoleRules.h"

#include "core/ClientRules.h"
#include "core/OAuthNames.h"

#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

// Reads an optional or required string member; appends a field error when the
// type is wrong or a required value is missing.
QString readText(const QJsonObject& body, const QString& field, qsizetype maxLength, bool required, FieldErrors& errors)
{
    const QJsonValue value = body.value(field);
    if (value.isUndefined() || value.isNull()) {
        if (required) {
            errors.append({field, RoleRules::tr("This field is required.")});
        }
        return {};
    }
    if (!value.isString()) {
        errors.append({field, RoleRules::tr("Must be a string.")});
        return {};
    }
    const QString text = value.toString().trimmed();
    if (required && text.isEmpty()) {
        errors.append({field, RoleRules::tr("This field is required.")});
    } else if (text.size() > maxLength) {
        errors.append({field, RoleRules::tr("Can have at most %n character(s).", nullptr, int(maxLength))});
    }
    return text;
}

void rejectUnknown(const QJsonObject& body, const QStringList& known, FieldErrors& errors)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key())) {
            errors.append({it.key(), RoleRules::tr("Unknown field.")});
        }
    }
}

} // namespace

Roles RoleRules::standardRoles()
{
    const auto make = [](const QString& id, const QString& name, const QString& description) {
        Role role;
        role.roleId = id;
        role.name = name;
        role.description = description;
        role.scope = RoleScope::Global;
        role.standard = true;
        return role;
    };
    return {
        make(oauth::RoleAdministrator, tr("DW Administrator"),
             tr("Administers the tenant: users, roles, clients and system settings.")),
        make(u"DW_SPACE_ADMINISTRATOR"_s, tr("DW Space Administrator"),
             tr("Creates spaces and manages their members and settings.")),
        make(u"DW_INTEGRATOR"_s, tr("DW Integrator"), tr("Creates and runs connections and data flows.")),
        make(u"DW_MODELER"_s, tr("DW Modeler"), tr("Creates tables, views and analytic models.")),
        make(u"DW_VIEWER"_s, tr("DW Viewer"), tr("Views objects and data, changes nothing.")),
        make(u"DW_CONSUMER"_s, tr("DW Consumer"), tr("Consumes exposed data in analytic clients.")),
    };
}

bool RoleRules::isStandardRole(const QString& roleId)
{
    const Roles roles = standardRoles();
    return findRole(roles, roleId) != nullptr;
}

bool RoleRules::isValidRoleId(const QString& roleId)
{
    if (roleId.isEmpty() || roleId.size() > RoleIdMaxLength) {
        return false;
    }
    return std::all_of(roleId.cbegin(), roleId.cend(), [](QChar c) {
        return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_'
            || c == u'.' || c == u'-';
    });
}

RoleRules::Parsed<Role> RoleRules::parseRole(const QJsonObject& body, const Roles& roles, const Spaces& spaces)
{
    Parsed<Role> result;
    FieldErrors& errors = result.errors;
    rejectUnknown(body, {u"role_id"_s, u"name"_s, u"description"_s, u"scope"_s, u"spaces"_s}, errors);

    Role& role = result.value;
    role.scope = RoleScope::Scoped;
    const QJsonValue id = body.value(u"role_id"_s);
    if (!id.isString() || !isValidRoleId(id.toString())) {
        errors.append(
            {u"role_id"_s, tr("Enter a role ID of 1 to %1 letters, digits, '_', '.' or '-'.").arg(RoleIdMaxLength)});
    } else {
        role.roleId = id.toString();
    }
    role.name = readText(body, u"name"_s, NameMaxLength, true, errors);
    role.description = readText(body, u"description"_s, DescriptionMaxLength, false, errors);

    const QJsonValue scope = body.value(u"scope"_s);
    if (!scope.isUndefined() && !scope.isNull() && scope != QJsonValue(u"scoped"_s)) {
        errors.append({u"scope"_s, tr("Only scoped roles can be added; the global roles are built in.")});
    }

    const QJsonValue spaceList = body.value(u"spaces"_s);
    if (!spaceList.isArray() || spaceList.toArray().isEmpty()) {
        errors.append({u"spaces"_s, tr("A scoped role needs a non-empty array of space IDs.")});
    } else {
        QSet<QString> seen;
        for (const QJsonValue& space : spaceList.toArray()) {
            const QString spaceId = space.toString();
            const bool exists
                = std::any_of(spaces.cbegin(), spaces.cend(), [&](const Space& s) { return s.spaceId == spaceId; });
            if (!space.isString()) {
                errors.append({u"spaces"_s, tr("Space IDs must be strings.")});
            } else if (!exists) {
                errors.append({u"spaces"_s, tr("Space %1 does not exist.").arg(spaceId)});
            } else if (seen.contains(spaceId)) {
                errors.append({u"spaces"_s, tr("Space %1 is listed twice.").arg(spaceId)});
            } else {
                role.spaces.append(spaceId);
            }
            seen.insert(spaceId);
        }
    }

    if (errors.isEmpty() && findRole(roles, role.roleId)) {
        errors.append({u"role_id"_s, tr("A role with the ID %1 already exists.").arg(role.roleId)});
        result.conflict = true;
    }
    return result;
}

RoleRules::Parsed<Space> RoleRules::parseSpace(const QJsonObject& body, const Spaces& spaces)
{
    Parsed<Space> result;
    FieldErrors& errors = result.errors;
    rejectUnknown(body, {u"space_id"_s, u"name"_s}, errors);

    const QJsonValue id = body.value(u"space_id"_s);
    if (!id.isString() || !ClientRules::isValidSpaceId(id.toString())) {
        errors.append({u"space_id"_s, tr("Enter a space ID of 1 to 20 uppercase letters, digits or underscores.")});
    } else {
        result.value.spaceId = id.toString();
    }
    result.value.name = readText(body, u"name"_s, NameMaxLength, true, errors);

    const bool exists = std::any_of(spaces.cbegin(), spaces.cend(),
                                    [&](const Space& s) { return s.spaceId == result.value.spaceId; });
    if (errors.isEmpty() && exists) {
        errors.append({u"space_id"_s, tr("A space with the ID %1 already exists.").arg(result.value.spaceId)});
        result.conflict = true;
    }
    return result;
}

} // namespace appint
