#pragma once

#include "core/RoleAssignment.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace appint {

// A person of the tenant as the SCIM 2.0 Users endpoints show it (api.md,
// "Users (SCIM 2.0)"): what the console reads and edits. The password is
// write-only and never part of this value.
struct User
{
    Q_DECLARE_TR_FUNCTIONS(User)

public:
    struct Email
    {
        QString value;
        bool primary = false;

        friend bool operator==(const Email&, const Email&) = default;
    };

    QString id; // server-made
    QString userName;
    QString givenName;
    QString familyName;
    QString displayName;
    QList<Email> emails;
    bool active = true;
    RoleAssignments roles;
    QString version; // meta.version, an entity tag

    friend bool operator==(const User&, const User&) = default;

    // The primary address, else the first, else empty.
    QString primaryEmail() const;
    // displayName, else "givenName familyName", else empty.
    QString shownName() const;

    // The SCIM resource for POST and PUT (without id, meta and password).
    QJsonObject toScimJson() const;
    // A resource the server sent; nullopt with `problem` (a translated
    // phrase) when it lacks id or userName or has them of the wrong type.
    static std::optional<User> fromScimJson(const QJsonObject& object, QString* problem = nullptr);

    // The SCIM schema URNs this value speaks.
    static inline const QString SchemaUser = QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User");
    static inline const QString SchemaRoles = QStringLiteral("urn:appint:params:scim:schemas:extension:roles:2.0:User");
};

using Users = QList<User>;

} // namespace appint
