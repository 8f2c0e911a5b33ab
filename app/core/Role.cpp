#include "core/Role.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace appint {

QJsonObject Role::toJson() const
{
    QJsonObject object{
        {u"role_id"_s, roleId},
        {u"name"_s, name},
        {u"description"_s, description},
        {u"scope"_s, scope == RoleScope::Global ? u"global"_s : u"scoped"_s},
    };
    if (scope == RoleScope::Scoped) {
        object.insert(u"spaces"_s, QJsonArray::fromStringList(spaces));
    }
    return object;
}

Role Role::fromJson(const QJsonObject& object)
{
    Role role;
    role.roleId = object.value(u"role_id"_s).toString();
    role.name = object.value(u"name"_s).toString();
    role.description = object.value(u"description"_s).toString();
    role.scope = object.value(u"scope"_s).toString() == u"scoped"_s ? RoleScope::Scoped : RoleScope::Global;
    for (const QJsonValue& space : object.value(u"spaces"_s).toArray()) {
        role.spaces.append(space.toString());
    }
    return role;
}

const Role* findRole(const Roles& roles, const QString& roleId)
{
    for (const Role& role : roles) {
        if (role.roleId == roleId) {
            return &role;
        }
    }
    return nullptr;
}

} // namespace appint
