#include "core/RoleAssignment.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace appint {

QJsonObject RoleAssignment::toJson() const
{
    QJsonObject object{{u"role_id"_s, roleId}};
    if (!spaces.isEmpty()) {
        object.insert(u"spaces"_s, QJsonArray::fromStringList(spaces));
    }
    return object;
}

RoleAssignment RoleAssignment::fromJson(const QJsonObject& object)
{
    RoleAssignment assignment;
    assignment.roleId = object.value(u"role_id"_s).toString();
    for (const QJsonValue& space : object.value(u"spaces"_s).toArray()) {
        assignment.spaces.append(space.toString());
    }
    return assignment;
}

QString RoleAssignment::displayText() const
{
    return spaces.isEmpty() ? roleId : roleId + u" ("_s + spaces.join(u", "_s) + u')';
}

QJsonArray RoleAssignment::toJsonArray(const QList<RoleAssignment>& roles)
{
    QJsonArray array;
    for (const RoleAssignment& role : roles) {
        array.append(role.toJson());
    }
    return array;
}

QList<RoleAssignment> RoleAssignment::fromJsonArray(const QJsonArray& array)
{
    QList<RoleAssignment> roles;
    roles.reserve(array.size());
    for (const QJsonValue& value : array) {
        roles.append(fromJson(value.toObject()));
    }
    return roles;
}

QString RoleAssignment::joinedText(const QList<RoleAssignment>& roles, QStringView separator)
{
    QStringList parts;
    parts.reserve(roles.size());
    for (const RoleAssignment& role : roles) {
        parts.append(role.displayText());
    }
    return parts.join(separator);
}

} // namespace appint
