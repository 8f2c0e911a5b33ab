#pragma once

#include "core/FieldError.h"

#include <QNetworkReply>
#include <QString>

#include <utility>
#include <variant>

namespace appint {

// What became of a service call. Every failure reaches the caller typed,
// never as a silent empty result.
enum class ResultStatus {
    Ok,
    Network, // no connection: refused, host not found, unreachable, reset
    Tls, // the TLS handshake failed (certificate, protocol)
    Timeout, // connecting or waiting for the answer took too long
    Authentication, // 401, or the OAuth error invalid_client / unauthorized_client
    Forbidden, // 403
    Validation, // 400 or 422 with field errors, or bad input refused before sending
    Conflict, // 409
    NotFound, // 404
    RateLimited, // 429 (retryAfter says how long to wait)
    Server, // 5xx
    Protocol, // an answer that does not follow the API (wrong JSON, missing fields)
    Cancelled, // the call was cancelled before it finished
    SignInEnded, // a user's refresh token was refused (invalid_grant): sign in again
};

// Everything of a Result except its payload.
struct ResultInfo
{
    ResultStatus status = ResultStatus::Ok;
    QString message; // translated, for people; empty when Ok
    FieldErrors fieldErrors; // Validation (and a Conflict caused by one field)
    int httpStatus = 0; // 0 when no HTTP answer arrived
    QString oauthError; // RFC 6749 §5.2 "error", e.g. invalid_client
    QString oauthErrorDescription;
    qint64 retryAfter = 0; // seconds to wait before trying again (RateLimited, 503, backoff)
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError; // Network, Tls, Timeout

    bool ok() const { return status == ResultStatus::Ok; }
};

// One answer of a service call: a status and, when ok(), the value.
template <typename T>
struct Result : ResultInfo
{
    T value{};

    static Result success(T payload)
    {
        Result result;
        result.value = std::move(payload);
        return result;
    }
    static Result failure(ResultStatus status, QString message)
    {
        Result result;
        result.status = status;
        result.message = std::move(message);
        return result;
    }
    // The failure of another call, carried over with an empty value.
    static Result failure(const ResultInfo& info)
    {
        Result result;
        static_cast<ResultInfo&>(result) = info;
        return result;
    }
};

// The result of a call without payload (delete, ...).
using Empty = std::monostate;
using EmptyResult = Result<Empty>;

// A short English id of the status ("ok", "network", ...), for logs and the
// command line's machine-readable output. Not for people: use message.
QString resultStatusId(ResultStatus status);

} // namespace appint
