#include "server/scim/ScimUserCodec.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

using Failure = ScimUserCodec::Failure;
using Op = ScimUserCodec::Operation::Op;

const QString CorePrefix = u"urn:ietf:params:scim:schemas:core:2.0:user:"_s;
constexpr qsizetype MaximumOperations = 100;

struct Problem
{
    QString scimType;
    QString detail;
};
using Result = std::optional<Problem>; // nullopt: fine

Problem invalid(const QString& detail)
{
    return Problem{u"invalidValue"_s, detail};
}

QString isoTime(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

// The member of `object` whose name equals `name` case-insensitively.
QJsonValue member(const QJsonObject& object, const QString& name)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0) {
            return it.value();
        }
    }
    return QJsonValue(QJsonValue::Undefined);
}

bool absent(const QJsonValue& value)
{
    return value.isUndefined() || value.isNull();
}

// A string attribute: null means empty; anything but a string is a problem.
Result readString(const QJsonValue& value, const QString& attribute, QString* out, bool trim = true)
{
    if (absent(value)) {
        *out = QString();
        return std::nullopt;
    }
    if (!value.isString()) {
        return invalid(ScimUserCodec::tr("%1 must be a string.").arg(attribute));
    }
    *out = trim ? value.toString().trimmed() : value.toString();
    return std::nullopt;
}

// A boolean; the strings "true" and "false" are taken too (some provisioning
// clients send them).
Result readBool(const QJsonValue& value, const QString& attribute, bool* out)
{
    if (value.isBool()) {
        *out = value.toBool();
        return std::nullopt;
    }
    if (value.isString()) {
        const QString text = value.toString().toLower();
        if (text == u"true"_s || text == u"false"_s) {
            *out = text == u"true"_s;
            return std::nullopt;
        }
    }
    return invalid(ScimUserCodec::tr("%1 must be true or false.").arg(attribute));
}

Result readEmail(const QJsonValue& item, qsizetype index, UserEmail* out)
{
    if (!item.isObject()) {
        return invalid(ScimUserCodec::tr("emails item %1 must be an object with a value.").arg(index + 1));
    }
    const QJsonObject object = item.toObject();
    const QJsonValue value = member(object, u"value"_s);
    if (!value.isString()) {
        return invalid(ScimUserCodec::tr("emails item %1 needs a value string.").arg(index + 1));
    }
    out->value = value.toString().trimmed();
    out->primary = false;
    const QJsonValue primary = member(object, u"primary"_s);
    if (!absent(primary)) {
        if (const Result problem = readBool(primary, u"emails.primary"_s, &out->primary)) {
            return problem;
        }
    }
    return std::nullopt;
}

// An emails value: an array of items, or (for PATCH add) one item.
Result readEmails(const QJsonValue& value, UserEmails* out)
{
    out->clear();
    if (absent(value)) {
        return std::nullopt;
    }
    const QJsonArray items = value.isObject() ? QJsonArray{value} : value.toArray();
    if (!value.isArray() && !value.isObject()) {
        return invalid(ScimUserCodec::tr("emails must be an array of {\"value\", \"primary\"} objects."));
    }
    for (qsizetype i = 0; i < items.size(); ++i) {
        UserEmail email;
        if (const Result problem = readEmail(items.at(i), i, &email)) {
            return problem;
        }
        out->append(email);
    }
    return std::nullopt;
}

Result readRoleItem(const QJsonValue& item, qsizetype index, RoleAssignment* out)
{
    const QString bad = ScimUserCodec::tr("roles item %1 must be an object with a role_id string and an optional "
                                          "spaces array of strings.")
                            .arg(index + 1);
    if (!item.isObject()) {
        return invalid(bad);
    }
    const QJsonObject object = item.toObject();
    *out = RoleAssignment{};
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        if (key == u"role_id"_s && it.value().isString()) {
            out->roleId = it.value().toString();
        } else if (key == u"spaces"_s && it.value().isArray()) {
            for (const QJsonValue& space : it.value().toArray()) {
                if (!space.isString()) {
                    return invalid(bad);
                }
                out->spaces.append(space.toString());
            }
        } else if (key == u"spaces"_s && it.value().isNull()) {
            continue;
        } else if (key == u"role_id"_s || key == u"spaces"_s) {
            return invalid(bad);
        } else {
            return invalid(ScimUserCodec::tr("roles item %1 has an unknown field \"%2\".").arg(index + 1).arg(key));
        }
    }
    if (out->roleId.isEmpty()) {
        return invalid(bad);
    }
    return std::nullopt;
}

// A roles value: an array of items, or (for PATCH add) one item.
Result readRoles(const QJsonValue& value, RoleAssignments* out)
{
    out->clear();
    if (absent(value)) {
        return std::nullopt;
    }
    if (!value.isArray() && !value.isObject()) {
        return invalid(ScimUserCodec::tr("roles must be an array of {\"role_id\", \"spaces\"} objects."));
    }
    const QJsonArray items = value.isObject() ? QJsonArray{value} : value.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        RoleAssignment role;
        if (const Result problem = readRoleItem(items.at(i), i, &role)) {
            return problem;
        }
        out->append(role);
    }
    return std::nullopt;
}

// The extension object {"roles": [...]}.
Result readRolesExtension(const QJsonValue& value, RoleAssignments* out)
{
    if (absent(value)) {
        out->clear();
        return std::nullopt;
    }
    if (!value.isObject()) {
        return invalid(ScimUserCodec::tr("%1 must be an object {\"roles\": [...]}.").arg(scim::SchemaRoles));
    }
    return readRoles(member(value.toObject(), u"roles"_s), out);
}

// Merges `added` into `roles`: an item for a role already held replaces it.
void addRoles(RoleAssignments& roles, const RoleAssignments& added)
{
    for (const RoleAssignment& role : added) {
        const auto it = std::find_if(roles.begin(), roles.end(),
                                     [&](const RoleAssignment& held) { return held.roleId == role.roleId; });
        if (it != roles.end()) {
            *it = role;
        } else {
            roles.append(role);
        }
    }
}

void addEmails(UserEmails& emails, const UserEmails& added)
{
    for (const UserEmail& email : added) {
        if (email.primary) {
            for (UserEmail& other : emails) {
                other.primary = false; // RFC 7643: a new primary takes the flag from the old one
            }
        }
        const auto it = std::find_if(emails.begin(), emails.end(), [&](const UserEmail& held) {
            return held.value.compare(email.value, Qt::CaseInsensitive) == 0;
        });
        if (it != emails.end()) {
            *it = email;
        } else {
            emails.append(email);
        }
    }
}

// Strips the core schema URN from a path ("urn:...:User:userName" -> "userName").
QString withoutCorePrefix(const QString& path)
{
    return path.startsWith(CorePrefix, Qt::CaseInsensitive) ? path.mid(CorePrefix.size()) : path;
}

// A value filter inside a path: attr[sub eq "value"].
struct ValueFilter
{
    QString attribute; // lower case, e.g. "emails", or the roles path
    QString subAttribute; // lower case: "value", "role_id"
    QString value;
};

std::optional<ValueFilter> parseValueFilter(const QString& path, Result* problem)
{
    static const QRegularExpression pattern(uR"(^([^\[\]]+)\[\s*([A-Za-z_]+)\s+eq\s+("(?:[^"\\]|\\.)*")\s*\]$)"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    if (!path.contains(u'[')) {
        return std::nullopt;
    }
    const QRegularExpressionMatch match = pattern.match(path);
    if (!match.hasMatch()) {
        *problem = Problem{u"invalidPath"_s,
                           ScimUserCodec::tr("The path \"%1\" is not supported; a value filter takes the form "
                                             "attribute[subAttribute eq \"value\"].")
                               .arg(path.left(200))};
        return std::nullopt;
    }
    const QJsonArray literal = QJsonDocument::fromJson(u"[%1]"_s.arg(match.captured(3)).toUtf8()).array();
    if (!literal.at(0).isString()) {
        *problem = Problem{u"invalidFilter"_s, ScimUserCodec::tr("The value filter's string is not valid JSON.")};
        return std::nullopt;
    }
    return ValueFilter{withoutCorePrefix(match.captured(1)).toLower(), match.captured(2).toLower(),
                       literal.at(0).toString()};
}

const QString RolesPathLower = (scim::SchemaRoles + u":roles"_s).toLower();
const QString RolesUrnLower = scim::SchemaRoles.toLower();

// One operation on one attribute (path already without the core prefix).
Result applyTo(TenantUser& user, Op op, const QString& rawPath, const QJsonValue& value)
{
    const QString path = withoutCorePrefix(rawPath).toLower();
    const bool remove = op == Op::Remove;
    const bool replace = op == Op::Replace;
    if (!remove && value.isUndefined()) {
        return invalid(ScimUserCodec::tr("The operation on \"%1\" needs a value.").arg(rawPath.left(200)));
    }

    Result problem;
    if (const auto filter = parseValueFilter(rawPath, &problem)) {
        if (filter->attribute == u"emails"_s && filter->subAttribute == u"value"_s) {
            const auto matches
                = [&](const UserEmail& e) { return e.value.compare(filter->value, Qt::CaseInsensitive) == 0; };
            if (std::none_of(user.emails.cbegin(), user.emails.cend(), matches)) {
                return Problem{u"noTarget"_s,
                               ScimUserCodec::tr("No e-mail address matches %1.").arg(rawPath.left(200))};
            }
            if (remove) {
                user.emails.removeIf(matches);
                return std::nullopt;
            }
            UserEmails replacement;
            if (const Result bad = readEmails(value, &replacement)) {
                return bad;
            }
            user.emails.removeIf(matches);
            addEmails(user.emails, replacement);
            return std::nullopt;
        }
        if (filter->attribute == RolesPathLower && filter->subAttribute == u"role_id"_s) {
            const auto matches = [&](const RoleAssignment& r) { return r.roleId == filter->value; };
            if (std::none_of(user.roles.cbegin(), user.roles.cend(), matches)) {
                return Problem{u"noTarget"_s,
                               ScimUserCodec::tr("The user does not hold the role %1.").arg(filter->value.left(100))};
            }
            if (remove) {
                user.roles.removeIf(matches);
                return std::nullopt;
            }
            RoleAssignments replacement;
            if (const Result bad = readRoles(value, &replacement)) {
                return bad;
            }
            user.roles.removeIf(matches);
            addRoles(user.roles, replacement);
            return std::nullopt;
        }
        return Problem{u"invalidPath"_s,
                       ScimUserCodec::tr("The value filter in \"%1\" is not supported; filter emails by value or "
                                         "roles by role_id.")
                           .arg(rawPath.left(200))};
    }
    if (problem) {
        return problem;
    }

    if (path == u"username"_s) {
        if (remove) {
            return invalid(ScimUserCodec::tr("userName is required and cannot be removed."));
        }
        return readString(value, u"userName"_s, &user.userName, false);
    }
    if (path == u"displayname"_s) {
        return remove ? (user.displayName.clear(), Result{}) : readString(value, u"displayName"_s, &user.displayName);
    }
    if (path == u"name.givenname"_s) {
        return remove ? (user.givenName.clear(), Result{}) : readString(value, u"name.givenName"_s, &user.givenName);
    }
    if (path == u"name.familyname"_s) {
        return remove ? (user.familyName.clear(), Result{}) : readString(value, u"name.familyName"_s, &user.familyName);
    }
    if (path == u"name"_s) {
        if (remove) {
            user.givenName.clear();
            user.familyName.clear();
            return std::nullopt;
        }
        if (!value.isObject()) {
            return invalid(ScimUserCodec::tr("name must be an object {\"givenName\", \"familyName\"}."));
        }
        // RFC 7644 §3.5.2.1/3: sub-attributes not given are left unchanged.
        const QJsonObject name = value.toObject();
        const QJsonValue given = member(name, u"givenName"_s);
        const QJsonValue family = member(name, u"familyName"_s);
        if (!given.isUndefined()) {
            if (const Result bad = readString(given, u"name.givenName"_s, &user.givenName)) {
                return bad;
            }
        }
        if (!family.isUndefined()) {
            if (const Result bad = readString(family, u"name.familyName"_s, &user.familyName)) {
                return bad;
            }
        }
        return std::nullopt;
    }
    if (path == u"active"_s) {
        if (remove) {
            return invalid(ScimUserCodec::tr("active cannot be removed; replace it with true or false."));
        }
        return readBool(value, u"active"_s, &user.active);
    }
    if (path == u"password"_s) {
        if (remove) {
            return invalid(ScimUserCodec::tr("password cannot be removed; replace it with a new one."));
        }
        return std::nullopt; // set through Patch::password
    }
    if (path == u"emails"_s) {
        if (remove) {
            user.emails.clear();
            return std::nullopt;
        }
        UserEmails emails;
        if (const Result bad = readEmails(value, &emails)) {
            return bad;
        }
        if (replace) {
            user.emails = emails;
        } else {
            addEmails(user.emails, emails);
        }
        return std::nullopt;
    }
    if (path == RolesPathLower || path == RolesUrnLower) {
        if (remove) {
            user.roles.clear();
            return std::nullopt;
        }
        RoleAssignments roles;
        const Result bad = path == RolesUrnLower ? readRolesExtension(value, &roles) : readRoles(value, &roles);
        if (bad) {
            return bad;
        }
        if (replace) {
            user.roles = roles;
        } else {
            addRoles(user.roles, roles);
        }
        return std::nullopt;
    }
    if (path == u"id"_s || path == u"meta"_s || path.startsWith(u"meta."_s) || path == u"schemas"_s) {
        return Problem{u"mutability"_s, ScimUserCodec::tr("%1 is read-only.").arg(rawPath.left(100))};
    }
    return Problem{u"invalidPath"_s,
                   ScimUserCodec::tr("The attribute \"%1\" is not supported; PATCH changes "
                                     "userName, name, displayName, emails, active, password "
                                     "and %2:roles.")
                       .arg(rawPath.left(200), scim::SchemaRoles)};
}

// The password an add or replace sets, if any (with `path`, or inside a
// pathless value object).
Result passwordOf(const ScimUserCodec::Operation& operation, std::optional<QString>* password)
{
    if (operation.op == Op::Remove) {
        return std::nullopt;
    }
    QJsonValue value(QJsonValue::Undefined);
    if (operation.path.isEmpty()) {
        value = member(operation.value.toObject(), u"password"_s);
    } else if (withoutCorePrefix(operation.path).compare(u"password"_s, Qt::CaseInsensitive) == 0) {
        value = operation.value;
    }
    if (value.isUndefined()) {
        return std::nullopt;
    }
    if (!value.isString()) {
        return invalid(ScimUserCodec::tr("password must be a string."));
    }
    *password = value.toString();
    return std::nullopt;
}

} // namespace

QJsonObject ScimUserCodec::toJson(const TenantUser& user, const QString& location)
{
    QJsonArray emails;
    for (const UserEmail& email : user.emails) {
        emails.append(QJsonObject{{u"value"_s, email.value}, {u"primary"_s, email.primary}});
    }
    QJsonObject name;
    if (!user.givenName.isEmpty()) {
        name.insert(u"givenName"_s, user.givenName);
    }
    if (!user.familyName.isEmpty()) {
        name.insert(u"familyName"_s, user.familyName);
    }
    QJsonObject json{
        {u"schemas"_s, QJsonArray{scim::SchemaUser, scim::SchemaRoles}},
        {u"id"_s, user.id},
        {u"userName"_s, user.userName},
        {u"active"_s, user.active},
        {u"emails"_s, emails},
        {scim::SchemaRoles, QJsonObject{{u"roles"_s, RoleAssignment::toJsonArray(user.roles)}}},
        {u"meta"_s,
         QJsonObject{{u"resourceType"_s, u"User"_s},
                     {u"created"_s, isoTime(user.created)},
                     {u"lastModified"_s, isoTime(user.lastModified)},
                     {u"location"_s, location},
                     {u"version"_s, user.etag()}}},
    };
    if (!name.isEmpty()) {
        json.insert(u"name"_s, name);
    }
    if (!user.displayName.isEmpty()) {
        json.insert(u"displayName"_s, user.displayName);
    }
    return json;
}

std::variant<ScimUserCodec::Resource, ScimUserCodec::Failure> ScimUserCodec::fromJson(const QJsonObject& body)
{
    const auto fail = [](const Problem& problem) { return Failure{400, problem.scimType, problem.detail}; };
    const QJsonValue schemas = member(body, u"schemas"_s);
    const QJsonArray schemaList = schemas.toArray();
    const bool hasCore = std::any_of(schemaList.begin(), schemaList.end(), [](const QJsonValue& v) {
        return v.toString().compare(scim::SchemaUser, Qt::CaseInsensitive) == 0;
    });
    if (!schemas.isArray() || !hasCore) {
        return Failure{400, u"invalidSyntax"_s, tr("schemas must be an array that holds %1.").arg(scim::SchemaUser)};
    }
    Resource resource;
    TenantUser& user = resource.fields;
    const QJsonValue userName = member(body, u"userName"_s);
    if (absent(userName)) {
        return Failure{400, u"invalidValue"_s, tr("userName is required.")};
    }
    if (const Result bad = readString(userName, u"userName"_s, &user.userName, false)) {
        return fail(*bad);
    }
    const QJsonValue name = member(body, u"name"_s);
    if (!absent(name)) {
        if (!name.isObject()) {
            return fail(invalid(tr("name must be an object {\"givenName\", \"familyName\"}.")));
        }
        if (const Result bad
            = readString(member(name.toObject(), u"givenName"_s), u"name.givenName"_s, &user.givenName)) {
            return fail(*bad);
        }
        if (const Result bad
            = readString(member(name.toObject(), u"familyName"_s), u"name.familyName"_s, &user.familyName)) {
            return fail(*bad);
        }
    }
    if (const Result bad = readString(member(body, u"displayName"_s), u"displayName"_s, &user.displayName)) {
        return fail(*bad);
    }
    if (const Result bad = readEmails(member(body, u"emails"_s), &user.emails)) {
        return fail(*bad);
    }
    const QJsonValue active = member(body, u"active"_s);
    user.active = true;
    if (!absent(active)) {
        if (const Result bad = readBool(active, u"active"_s, &user.active)) {
            return fail(*bad);
        }
    }
    const QJsonValue password = member(body, u"password"_s);
    if (!absent(password)) {
        if (!password.isString()) {
            return fail(invalid(tr("password must be a string.")));
        }
        resource.password = password.toString();
    }
    if (const Result bad = readRolesExtension(member(body, scim::SchemaRoles), &user.roles)) {
        return fail(*bad);
    }
    return resource;
}

std::variant<ScimUserCodec::Patch, ScimUserCodec::Failure> ScimUserCodec::parsePatch(const QJsonObject& body)
{
    const QJsonArray schemas = member(body, u"schemas"_s).toArray();
    const bool patchOp = std::any_of(schemas.begin(), schemas.end(), [](const QJsonValue& v) {
        return v.toString().compare(scim::SchemaPatchOp, Qt::CaseInsensitive) == 0;
    });
    if (!patchOp) {
        return Failure{400, u"invalidSyntax"_s, tr("schemas must be an array that holds %1.").arg(scim::SchemaPatchOp)};
    }
    const QJsonValue operations = member(body, u"Operations"_s);
    if (!operations.isArray() || operations.toArray().isEmpty()) {
        return Failure{400, u"invalidSyntax"_s, tr("Operations must be a non-empty array.")};
    }
    if (operations.toArray().size() > MaximumOperations) {
        return Failure{400, u"tooMany"_s, tr("A PATCH may carry at most %1 operations.").arg(MaximumOperations)};
    }
    Patch patch;
    const QJsonArray items = operations.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject()) {
            return Failure{400, u"invalidSyntax"_s, tr("Operation %1 must be an object.").arg(i + 1)};
        }
        const QJsonObject item = items.at(i).toObject();
        Operation operation;
        const QString op = member(item, u"op"_s).toString().toLower();
        if (op == u"add"_s) {
            operation.op = Operation::Op::Add;
        } else if (op == u"replace"_s) {
            operation.op = Operation::Op::Replace;
        } else if (op == u"remove"_s) {
            operation.op = Operation::Op::Remove;
        } else {
            return Failure{400, u"invalidSyntax"_s,
                           tr("Operation %1 needs an op of add, replace or remove.").arg(i + 1)};
        }
        const QJsonValue path = member(item, u"path"_s);
        if (!absent(path) && !path.isString()) {
            return Failure{400, u"invalidPath"_s, tr("The path of operation %1 must be a string.").arg(i + 1)};
        }
        operation.path = path.toString().trimmed();
        operation.value = member(item, u"value"_s);
        if (operation.path.isEmpty()) {
            if (operation.op == Operation::Op::Remove) {
                return Failure{400, u"noTarget"_s, tr("Operation %1 removes without a path.").arg(i + 1)};
            }
            if (!operation.value.isObject()) {
                return Failure{
                    400, u"invalidValue"_s,
                    tr("Operation %1 has no path, so its value must be an object of attributes.").arg(i + 1)};
            }
        }
        if (const Result bad = passwordOf(operation, &patch.password)) {
            return Failure{400, bad->scimType, bad->detail};
        }
        patch.operations.append(operation);
    }
    return patch;
}

Outcome<TenantUser> ScimUserCodec::apply(const Patch& patch, const TenantUser& current)
{
    TenantUser user = current;
    for (const Operation& operation : patch.operations) {
        Result problem;
        if (operation.path.isEmpty()) {
            const QJsonObject attributes = operation.value.toObject();
            for (auto it = attributes.begin(); it != attributes.end() && !problem; ++it) {
                if (it.key().compare(u"schemas"_s, Qt::CaseInsensitive) == 0) {
                    continue;
                }
                problem = applyTo(user, operation.op, it.key(), it.value());
            }
        } else {
            problem = applyTo(user, operation.op, operation.path, operation.value);
        }
        if (problem) {
            return Outcome<TenantUser>::failure(OutcomeStatus::Invalid, problem->detail, {}, problem->scimType);
        }
    }
    return Outcome<TenantUser>::success(user);
}

} // namespace appint
