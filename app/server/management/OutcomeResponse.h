#pragma once

#include "server/http/HttpResponse.h"
#include "server/tenant/Outcome.h"

#include <algorithm>

namespace appint {

// The problem+json answer for a tenant operation that failed (api.md
// "Errors"; 503 with Retry-After for a busy or unavailable store, 507 for a
// full disk). Shared by every /api/v1 endpoint.
template <typename T>
HttpResponse outcomeProblem(const Outcome<T>& outcome)
{
    switch (outcome.status) {
    case OutcomeStatus::Invalid:
        return HttpResponse::problem(422, outcome.detail, outcome.errors);
    case OutcomeStatus::NotFound:
        return HttpResponse::problem(404, outcome.detail, outcome.errors);
    case OutcomeStatus::Forbidden:
        return HttpResponse::problem(403, outcome.detail, outcome.errors);
    case OutcomeStatus::Conflict:
        return HttpResponse::problem(409, outcome.detail, outcome.errors);
    case OutcomeStatus::Unavailable: {
        HttpResponse response = HttpResponse::problem(503, outcome.detail);
        response.withHeader("Retry-After", QByteArray::number(std::max<qint64>(1, outcome.retryAfter)));
        return response;
    }
    case OutcomeStatus::InsufficientStorage:
        return HttpResponse::problem(507, outcome.detail);
    case OutcomeStatus::PreconditionFailed:
        return HttpResponse::problem(412, outcome.detail, outcome.errors);
    case OutcomeStatus::Failed:
    case OutcomeStatus::Ok:
        break;
    }
    return HttpResponse::problem(500, outcome.detail);
}

} // namespace appint
