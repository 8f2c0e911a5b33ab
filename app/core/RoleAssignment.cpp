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

} // namespace appint
