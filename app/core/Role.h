#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace appint {

enum class RoleScope { Global, Scoped };

// A role of the tenant's catalogue. Global roles grant tenant-wide privileges;
// scoped roles grant them in some spaces, listed in `spaces`.
struct Role
{
    QString roleId;
    QString name;
    QString description;
    RoleScope scope = RoleScope::Global;
    QStringList spaces;
    bool standard = false; // one of the built-in global roles, cannot be deleted

    friend bool operator==(const Role&, const Role&) = default;

    QJsonObject toJson() const;
    static Role fromJson(const QJsonObject& object);
};

using Roles = QList<Role>;

// The role with that id, or nullptr.
const Role* findRole(const Roles& roles, const QString& roleId);

} // namespace appint
