#include "core/User.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace appint {

QString User::primaryEmail() const
{
    for (const Email& email : emails) {
        if (email.primary) {
            return email.value;
        }
    }
    return emails.isEmpty() ? QString() : emails.constFirst().value;
}

QString User::shownName() const
{
    if (!displayName.isEmpty()) {
        return displayName;
    }
    return QStringList{givenName, familyName}.filter(QRegularExpression(u"\\S"_s)).join(u' ');
}

QJsonObject User::toScimJson() const
{
    QJsonArray emailArray;
    for (const Email& email : emails) {
        emailArray.append(QJsonObject{{u"value"_s, email.value}, {u"primary"_s, email.primary}});
    }
    QJsonObject json{
        {u"schemas"_s, QJsonArray{SchemaUser, SchemaRoles}},
        {u"userName"_s, userName},
        {u"active"_s, active},
        {u"emails"_s, emailArray},
        {SchemaRoles, QJsonObject{{u"roles"_s, RoleAssignment::toJsonArray(roles)}}},
    };
    QJsonObject name;
    if (!givenName.isEmpty()) {
        name.insert(u"givenName"_s, givenName);
    }
    if (!familyName.isEmpty()) {
        name.insert(u"familyName"_s, familyName);
    }
    if (!name.isEmpty()) {
        json.insert(u"name"_s, name);
    }
    if (!displayName.isEmpty()) {
        json.insert(u"displayName"_s, displayName);
    }
    return json;
}

std::optional<User> User::fromScimJson(const QJsonObject& object, QString* problem)
{
    const auto fail = [problem](const QString& text) {
        if (problem) {
            *problem = text;
        }
        return std::nullopt;
    };
    const QJsonValue id = object.value(u"id"_s);
    const QJsonValue userName = object.value(u"userName"_s);
    if (!id.isString() || id.toString().isEmpty()) {
        return fail(tr("a user has no id"));
    }
    if (!userName.isString() || userName.toString().isEmpty()) {
        return fail(tr("the user %1 has no userName").arg(id.toString().left(100)));
    }
    User user;
    user.id = id.toString();
    user.userName = userName.toString();
    const QJsonObject name = object.value(u"name"_s).toObject();
    user.givenName = name.value(u"givenName"_s).toString();
    user.familyName = name.value(u"familyName"_s).toString();
    user.displayName = object.value(u"displayName"_s).toString();
    user.active = object.value(u"active"_s).toBool(true);
    for (const QJsonValue& value : object.value(u"emails"_s).toArray()) {
        const QJsonObject email = value.toObject();
        if (email.value(u"value"_s).isString()) {
            user.emails.append({email.value(u"value"_s).toString(), email.value(u"primary"_s).toBool()});
        }
    }
    user.roles = RoleAssignment::fromJsonArray(object.value(SchemaRoles).toObject().value(u"roles"_s).toArray());
    user.version = object.value(u"meta"_s).toObject().value(u"version"_s).toString();
    return user;
}

} // namespace appint
