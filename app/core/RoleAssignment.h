#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace appint {

// One role held by a technical user: a global role (no spaces) or a scoped role
// limited to some of its spaces. JSON: {"role_id"} or {"role_id", "spaces"}.
struct RoleAssignment
{
    QString roleId;
    QStringList spaces;

    friend bool operator==(const RoleAssignment&, const RoleAssignment&) = default;

    QJsonObject toJson() const;
    static RoleAssignment fromJson(const QJsonObject& object);
};

using RoleAssignments = QList<RoleAssignment>;

} // namespace appint
