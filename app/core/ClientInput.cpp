#include "core/ClientInput.h"

#include "core/ClientRules.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

enum class Kind { String, StringList, Integer, Roles };

struct FieldSpec
{
    QString name;
    Kind kind;
};

// The writable fields of the client object, in documentation order.
const QList<FieldSpec>& writableFields()
{
    static const QList<FieldSpec> fields{
        {u"client_name"_s, Kind::String},
        {u"grant_types"_s, Kind::StringList},
        {u"access"_s, Kind::StringList},
        {u"redirect_uris"_s, Kind::StringList},
        {u"user_id"_s, Kind::String},
        {u"roles"_s, Kind::Roles},
        {u"access_token_lifetime"_s, Kind::Integer},
        {u"refresh_token_lifetime"_s, Kind::Integer},
        {u"client_secret_expires_at"_s, Kind::Integer},
    };
    return fields;
}

const FieldSpec* findSpec(const QString& name)
{
    for (const FieldSpec& spec : writableFields()) {
        if (spec.name == name) {
            return &spec;
        }
    }
    return nullptr;
}

// A parsed value of any writable field.
struct Value
{
    QString text;
    QStringList list;
    qint64 integer = 0;
    RoleAssignments roles;
};

// Reads `json` as `kind`. Returns an error message, or an empty string.
QString read(const QJsonValue& json, Kind kind, Value* out)
{
    switch (kind) {
    case Kind::String:
        if (!json.isString()) {
            return ClientInput::tr("Must be a string.");
        }
        out->text = json.toString();
        return {};
    case Kind::StringList:
        if (!json.isArray()) {
            return ClientInput::tr("Must be an array of strings.");
        }
        for (const QJsonValue& item : json.toArray()) {
            if (!item.isString()) {
                return ClientInput::tr("Must be an array of strings.");
            }
            out->list.append(item.toString());
        }
        return {};
    case Kind::Integer: {
        constexpr double Limit = 9007199254740992.0; // 2^53: exact in a JSON number
        const double number = json.toDouble();
        if (!json.isDouble() || std::trunc(number) != number || std::fabs(number) > Limit) {
            return ClientInput::tr("Must be a whole number.");
        }
        out->integer = static_cast<qint64>(number);
        return {};
    }
    case Kind::Roles: {
        if (!json.isArray()) {
            return ClientInput::tr("Must be an array of {\"role_id\", \"spaces\"} objects.");
        }
        const QJsonArray items = json.toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString bad = ClientInput::tr("Item %1 must be an object with a role_id string and an optional "
                                                "spaces array of strings.")
                                    .arg(i + 1);
            if (!items.at(i).isObject()) {
                return bad;
            }
            const QJsonObject object = items.at(i).toObject();
            RoleAssignment assignment;
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (it.key() == u"role_id"_s && it.value().isString()) {
                    assignment.roleId = it.value().toString();
                } else if (it.key() == u"spaces"_s && it.value().isArray()) {
                    for (const QJsonValue& space : it.value().toArray()) {
                        if (!space.isString()) {
                            return bad;
                        }
                        assignment.spaces.append(space.toString());
                    }
                } else if (it.key() == u"spaces"_s && it.value().isNull()) {
                    continue;
                } else if (it.key() == u"role_id"_s || it.key() == u"spaces"_s) {
                    return bad;
                } else {
                    return ClientInput::tr("Item %1 has an unknown field \"%2\".").arg(i + 1).arg(it.key());
                }
            }
            if (assignment.roleId.isEmpty()) {
                return bad;
            }
            out->roles.append(assignment);
        }
        return {};
    }
    }
    Q_UNREACHABLE();
}

void assign(Client& client, const QString& field, const Value& value)
{
    if (field == u"client_name"_s) {
        client.clientName = value.text.trimmed();
    } else if (field == u"grant_types"_s) {
        client.grantTypes = value.list;
    } else if (field == u"access"_s) {
        client.access = value.list;
    } else if (field == u"redirect_uris"_s) {
        client.redirectUris = value.list;
    } else if (field == u"user_id"_s) {
        client.userId = value.text;
    } else if (field == u"roles"_s) {
        client.roles = value.roles;
    } else if (field == u"access_token_lifetime"_s) {
        client.accessTokenLifetime = value.integer;
    } else if (field == u"refresh_token_lifetime"_s) {
        client.refreshTokenLifetime = value.integer;
    } else if (field == u"client_secret_expires_at"_s) {
        client.clientSecretExpiresAt = value.integer;
    }
}

// What null means in a merge patch: the purpose's default for lifetimes,
// "nothing" for every other field (which the rules then judge).
void assignNull(Client& client, const QString& field)
{
    const Client defaults = ClientRules::withDefaults(client.purpose, 0);
    if (field == u"access_token_lifetime"_s) {
        client.accessTokenLifetime = defaults.accessTokenLifetime;
    } else if (field == u"refresh_token_lifetime"_s) {
        client.refreshTokenLifetime = defaults.refreshTokenLifetime;
    } else {
        assign(client, field, Value{});
    }
}

QString unknownFieldMessage()
{
    return ClientInput::tr("Unknown field.");
}

} // namespace

QStringList ClientInput::patchableFields()
{
    return {u"client_name"_s,
            u"roles"_s,
            u"access"_s,
            u"redirect_uris"_s,
            u"access_token_lifetime"_s,
            u"refresh_token_lifetime"_s,
            u"client_secret_expires_at"_s};
}

QStringList ClientInput::readOnlyFields()
{
    return {u"client_id"_s, u"client_id_issued_at"_s, u"status"_s, u"secret_retrievable"_s, u"client_secret"_s};
}

ClientInput::Create ClientInput::parseCreate(const QJsonObject& body, qint64 now)
{
    Create result;
    const QJsonValue purposeValue = body.value(u"purpose"_s);
    std::optional<Purpose> purpose;
    if (purposeValue.isUndefined() || purposeValue.isNull()) {
        result.errors.append({u"purpose"_s, tr("Choose a purpose: interactive, api or technical.")});
    } else if (!purposeValue.isString()) {
        result.errors.append({u"purpose"_s, tr("Must be a string.")});
    } else {
        purpose = purposeFromId(purposeValue.toString());
        if (!purpose) {
            result.errors.append(
                {u"purpose"_s,
                 tr("Unknown purpose \"%1\"; use interactive, api or technical.").arg(purposeValue.toString())});
        }
    }
    result.purposeKnown = purpose.has_value();
    result.client = ClientRules::withDefaults(purpose.value_or(Purpose::Technical), now);

    for (auto it = body.begin(); it != body.end(); ++it) {
        const QString& key = it.key();
        if (key == u"purpose"_s) {
            continue;
        }
        if (readOnlyFields().contains(key)) {
            result.errors.append({key, tr("This field is set by the server and cannot be sent.")});
            continue;
        }
        const FieldSpec* spec = findSpec(key);
        if (!spec) {
            result.errors.append({key, unknownFieldMessage()});
            continue;
        }
        if (it.value().isNull()) {
            continue;
        }
        Value value;
        const QString error = read(it.value(), spec->kind, &value);
        if (!error.isEmpty()) {
            result.errors.append({key, error});
            continue;
        }
        assign(result.client, key, value);
    }
    return result;
}

ClientInput::Patch ClientInput::parsePatch(const QJsonObject& body, const Client& existing, qint64 now)
{
    Patch result;
    result.client = existing;
    const QJsonObject current = existing.toJson(now);
    const QStringList patchable = patchableFields();

    for (auto it = body.begin(); it != body.end(); ++it) {
        const QString& key = it.key();
        if (key == u"client_secret"_s) {
            result.errors.append({key,
                                  tr("The secret is made by the server; extend an expired client to get a "
                                     "new one.")});
            continue;
        }
        if (!patchable.contains(key)) {
            if (!current.contains(key)) {
                result.errors.append({key, unknownFieldMessage()});
            } else if (current.value(key) != it.value()) {
                result.errors.append({key, tr("This field cannot be changed once the client exists.")});
            }
            continue;
        }
        result.changedFields.append(key);
        if (it.value().isNull()) {
            assignNull(result.client, key);
            continue;
        }
        Value value;
        const QString error = read(it.value(), findSpec(key)->kind, &value);
        if (!error.isEmpty()) {
            result.errors.append({key, error});
            continue;
        }
        assign(result.client, key, value);
    }
    return result;
}

} // namespace appint
