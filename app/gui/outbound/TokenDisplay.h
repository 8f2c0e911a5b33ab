#pragma once

#include "core/Secret.h"
#include "service/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace appint {

// How the "Test" of an outbound credential shows a token without showing it:
// a mask with the first few characters, the decoded JWT header and claims as
// indented JSON with the times also as dates, and the time left as a
// countdown. Text only, no widgets: TokenTestDialog shows it.
class TokenDisplay
{
    Q_DECLARE_TR_FUNCTIONS(TokenDisplay)

public:
    // Characters of a token shown before the mask: for a JWT the start of its
    // header ("eyJhbG"), which every JWT shares.
    static constexpr int VisiblePrefix = 6;

    // "eyJhbG•••••••• (812 characters)"; "•••••••• (12 characters)" for a
    // token too short to show any of it.
    static QString masked(const Secret& token);

    // The decoded header of a JWT (its first part), without verifying
    // anything; nullopt when the token is not a JWT.
    static std::optional<QJsonObject> jwtHeader(const Secret& token);

    // Indented JSON. Numeric claims that are times (exp, iat, nbf,
    // auth_time, updated_at) get the date in local time as a comment:
    //     "exp": 1750003600,   // 2025-06-15 16:06:40 UTC
    static QString prettyJson(const QJsonObject& object);
    static bool isTimeClaim(const QString& name);

    // "59:12", "1:02:03", "2 days 01:02:03"; "0:00" when nothing is left.
    static QString countdown(qint64 seconds);

    // A few words on why a token request failed, for a table cell: the
    // OAuth error code when there is one ("invalid_client"), else "timed
    // out", "TLS handshake failed", "connection refused", "HTTP 404", ...
    static QString failureSummary(const ResultInfo& result);
};

} // namespace appint
