#pragma once

#include <QJsonArray>
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
    // "DW_VIEWER", or "FINANCE_VIEWER (FINANCE, SALES)" for a scoped role.
    QString displayText() const;

    // api.md's "roles" array, and back.
    static QJsonArray toJsonArray(const QList<RoleAssignment>& roles);
    static QList<RoleAssignment> fromJsonArray(const QJsonArray& array);
    // Each role's displayText(), joined by `separator`.
    static QString joinedText(const QList<RoleAssignment>& roles, QStringView separator = u", ");
};

using RoleAssignments = QList<RoleAssignment>;

} // namespace appint
