#pragma once

#include "core/Client.h"
#include "core/FieldError.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

namespace appint {

// Reads client objects sent to the API (POST and merge-PATCH bodies): JSON
// types, unknown and read-only fields, nulls, defaults. The purpose rules
// themselves are ClientRules'; the server runs both, in that order.
class ClientInput
{
    Q_DECLARE_TR_FUNCTIONS(ClientInput)

public:
    struct Create
    {
        Client client; // with the purpose's defaults for absent fields
        FieldErrors errors; // type, unknown and read-only field errors
        bool purposeKnown = false;
    };

    struct Patch
    {
        Client client; // the existing client with the patch applied
        QStringList changedFields; // patchable fields the body carries
        FieldErrors errors;
    };

    // A POST body. Absent and null fields take the purpose's defaults. Names
    // are trimmed.
    static Create parseCreate(const QJsonObject& body, qint64 now);

    // A JSON merge patch (RFC 7396) against `existing`. A null lifetime goes
    // back to the purpose's default; a null for a field without a default is
    // an error. Read-only fields may be repeated with their current value.
    static Patch parsePatch(const QJsonObject& body, const Client& existing, qint64 now);

    // Fields a PATCH may change.
    static QStringList patchableFields();
    // Fields of the client object that the server makes.
    static QStringList readOnlyFields();
};

} // namespace appint
