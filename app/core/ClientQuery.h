#pragma once

#include "core/Client.h"
#include "core/FieldError.h"

#include <QCoreApplication>
#include <QUrlQuery>

#include <optional>

namespace appint {

// The query of GET /api/v1/clients: q, purpose, status, sort, offset, limit,
// changed_since.
// The service layer writes it, the server reads and applies it: one
// definition of what each parameter means.
struct ClientQuery
{
    Q_DECLARE_TR_FUNCTIONS(ClientQuery)

public:
    enum class Status { Any, Active, Expiring, Expired };

    static constexpr qint64 DefaultLimit = 100;
    static constexpr qint64 MaximumLimit = 5000;
    static constexpr qsizetype MaximumTextLength = 256;

    QString text; // q: case-insensitive substring of name, client_id or user_id
    std::optional<Purpose> purpose;
    Status status = Status::Any;
    QString sortField = QStringLiteral("client_name");
    bool descending = false;
    qint64 offset = 0;
    qint64 limit = DefaultLimit;
    // changed_since: the `revision` of an earlier list answer. Asks for the
    // clients changed after it (and the ids of deleted ones) in revision
    // order; q, purpose, status, sort and offset do not combine with it.
    QString changedSince;

    friend bool operator==(const ClientQuery&, const ClientQuery&) = default;

    QUrlQuery toUrlQuery() const;

    struct Parsed;
    // Reads the query part of a URL as sent (percent-encoded). As in HTML
    // forms, '+' stands for a space; a literal plus sign travels as %2B.
    static Parsed fromQueryString(const QString& encodedQuery);

    // Fields `sort` accepts (scalar fields of the client object).
    static QStringList sortableFields();

    // Whether the client passes q, purpose and status at `now`.
    bool matches(const Client& client, qint64 now) const;
    // Strict weak order of `sortField` / `descending`; ties broken by client_id.
    bool lessThan(const Client& a, const Client& b, qint64 now) const;
};

struct ClientQuery::Parsed
{
    ClientQuery query;
    FieldErrors errors; // field = the query parameter
};

} // namespace appint
