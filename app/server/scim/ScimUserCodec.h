#pragma once

#include "server/tenant/Outcome.h"
#include "server/tenant/TenantUser.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>
#include <variant>

namespace appint::scim {

inline const QString SchemaUser = QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User");
inline const QString SchemaRoles = QStringLiteral("urn:appint:params:scim:schemas:extension:roles:2.0:User");
inline const QString SchemaPatchOp = QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp");
inline const QString SchemaListResponse = QStringLiteral("urn:ietf:params:scim:api:messages:2.0:ListResponse");
inline const QString SchemaError = QStringLiteral("urn:ietf:params:scim:api:messages:2.0:Error");

} // namespace appint::scim

namespace appint {

// The SCIM 2.0 User resource (RFC 7643 §4.1 subset of api.md, plus the roles
// extension) to and from a TenantUser, and PATCH operations (RFC 7644
// §3.5.2). Attribute names are matched case-insensitively, as RFC 7643 §2.1
// asks. The password is write-only: read from requests, never written.
class ScimUserCodec
{
    Q_DECLARE_TR_FUNCTIONS(ScimUserCodec)

public:
    // Why a request cannot be used: HTTP status (400 mostly), RFC 7644
    // §3.12 scimType, and a sentence.
    struct Failure
    {
        int status = 400;
        QString scimType;
        QString detail;
    };

    // A full resource (POST, PUT): the fields and, if one was sent, the
    // password.
    struct Resource
    {
        TenantUser fields;
        std::optional<QString> password;
    };

    struct Operation
    {
        enum class Op { Add, Replace, Remove };
        Op op = Op::Add;
        QString path; // as sent; empty: none
        QJsonValue value; // Undefined when not sent
    };

    struct Patch
    {
        QList<Operation> operations;
        std::optional<QString> password; // the last password an operation sets
    };

    // The resource as RFC 7643 shows it, with meta.location = `location`.
    static QJsonObject toJson(const TenantUser& user, const QString& location);

    static std::variant<Resource, Failure> fromJson(const QJsonObject& body);
    static std::variant<Patch, Failure> parsePatch(const QJsonObject& body);
    // Applies the operations, in order, to a copy of `current` (status
    // Invalid with the scimType in `code` when one does not apply).
    static Outcome<TenantUser> apply(const Patch& patch, const TenantUser& current);
};

} // namespace appint
