#pragma once

#include "core/FieldError.h"

#include <QString>

namespace appint {

// How a tenant operation ended; the HTTP layer maps it to a status code.
enum class OutcomeStatus {
    Ok,
    Invalid, // 422: validation failed
    NotFound, // 404
    Forbidden, // 403
    Conflict, // 409
    PreconditionFailed, // 412: an If-Match version no longer holds
    Failed, // 500: the store could not write
};

template <typename T>
struct Outcome
{
    OutcomeStatus status = OutcomeStatus::Ok;
    T value{};
    QString detail; // a sentence for the problem's "detail"
    FieldErrors errors; // for Invalid, and for a Conflict caused by one field
    QString code = {}; // optional refinement for the protocol layer (a SCIM scimType, ...)

    bool ok() const { return status == OutcomeStatus::Ok; }

    static Outcome success(T value) { return Outcome{OutcomeStatus::Ok, std::move(value), {}, {}, {}}; }
    static Outcome failure(OutcomeStatus status, QString detail, FieldErrors errors = {}, QString code = {})
    {
        return Outcome{status, T{}, std::move(detail), std::move(errors), std::move(code)};
    }
};

} // namespace appint
