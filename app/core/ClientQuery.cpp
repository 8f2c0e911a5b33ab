#include "core/ClientQuery.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

QString statusId(ClientQuery::Status status)
{
    switch (status) {
    case ClientQuery::Status::Any:
        return {};
    case ClientQuery::Status::Active:
        return u"active"_s;
    case ClientQuery::Status::Expiring:
        return u"expiring"_s;
    case ClientQuery::Status::Expired:
        return u"expired"_s;
    }
    Q_UNREACHABLE();
}

std::optional<qint64> parseCount(const QString& text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 0 || text.size() > 18 || text.startsWith(u'+')) {
        return std::nullopt;
    }
    return value;
}

// -1, 0, 1 comparison of one field.
int compareField(const QString& field, const Client& a, const Client& b, qint64 now)
{
    const auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
    if (field == u"client_name"_s) {
        const int c = QString::compare(a.clientName, b.clientName, Qt::CaseInsensitive);
        return c != 0 ? (c < 0 ? -1 : 1) : cmp(a.clientName, b.clientName);
    }
    if (field == u"client_id"_s) {
        return cmp(a.clientId, b.clientId);
    }
    if (field == u"purpose"_s) {
        return cmp(purposeId(a.purpose), purposeId(b.purpose));
    }
    if (field == u"user_id"_s) {
        return cmp(a.userId, b.userId);
    }
    if (field == u"access_token_lifetime"_s) {
        return cmp(a.accessTokenLifetime, b.accessTokenLifetime);
    }
    if (field == u"refresh_token_lifetime"_s) {
        return cmp(a.refreshTokenLifetime, b.refreshTokenLifetime);
    }
    if (field == u"client_secret_expires_at"_s) {
        return cmp(a.clientSecretExpiresAt, b.clientSecretExpiresAt);
    }
    if (field == u"client_id_issued_at"_s) {
        return cmp(a.clientIdIssuedAt, b.clientIdIssuedAt);
    }
    if (field == u"status"_s) {
        return cmp(expiryStateId(a.expiryStateAt(now)), expiryStateId(b.expiryStateAt(now)));
    }
    if (field == u"secret_retrievable"_s) {
        return cmp(a.secretRetrievable, b.secretRetrievable);
    }
    return 0;
}

} // namespace

QStringList ClientQuery::sortableFields()
{
    return {u"client_name"_s,
            u"client_id"_s,
            u"purpose"_s,
            u"user_id"_s,
            u"access_token_lifetime"_s,
            u"refresh_token_lifetime"_s,
            u"client_secret_expires_at"_s,
            u"client_id_issued_at"_s,
            u"status"_s,
            u"secret_retrievable"_s};
}

QUrlQuery ClientQuery::toUrlQuery() const
{
    QUrlQuery query;
    if (!changedSince.isEmpty()) {
        query.addQueryItem(u"changed_since"_s, QString::fromUtf8(QUrl::toPercentEncoding(changedSince)));
        query.addQueryItem(u"limit"_s, QString::number(limit));
        return query;
    }
    if (!text.isEmpty()) {
        query.addQueryItem(u"q"_s, QString::fromUtf8(QUrl::toPercentEncoding(text)));
    }
    if (purpose) {
        query.addQueryItem(u"purpose"_s, purposeId(*purpose));
    }
    if (status != Status::Any) {
        query.addQueryItem(u"status"_s, statusId(status));
    }
    query.addQueryItem(u"sort"_s, (descending ? u"-"_s : QString()) + sortField);
    query.addQueryItem(u"offset"_s, QString::number(offset));
    query.addQueryItem(u"limit"_s, QString::number(limit));
    return query;
}

ClientQuery::Parsed ClientQuery::fromQueryString(const QString& encodedQuery)
{
    QString formDecoded = encodedQuery;
    formDecoded.replace(u'+', u"%20"_s);
    const QUrlQuery urlQuery(formDecoded);
    Parsed result;
    ClientQuery& query = result.query;
    const QStringList known{u"q"_s, u"purpose"_s, u"status"_s, u"sort"_s, u"offset"_s, u"limit"_s, u"changed_since"_s};
    QStringList seen;
    const auto items = urlQuery.queryItems(QUrl::FullyDecoded);
    for (const auto& [key, value] : items) {
        if (!known.contains(key)) {
            result.errors.append({key, tr("Unknown query parameter; use %1.").arg(known.join(u", "_s))});
            continue;
        }
        if (seen.contains(key)) {
            result.errors.append({key, tr("Give this parameter once.")});
            continue;
        }
        seen.append(key);
        if (key == u"q"_s) {
            if (value.size() > MaximumTextLength) {
                result.errors.append(
                    {key, tr("The search text can have at most %n character(s).", nullptr, int(MaximumTextLength))});
            }
            query.text = value;
        } else if (key == u"purpose"_s) {
            if (!value.isEmpty()) {
                query.purpose = purposeFromId(value);
                if (!query.purpose) {
                    result.errors.append({key, tr("Use interactive, api or technical.")});
                }
            }
        } else if (key == u"status"_s) {
            if (value == u"active"_s) {
                query.status = Status::Active;
            } else if (value == u"expiring"_s) {
                query.status = Status::Expiring;
            } else if (value == u"expired"_s) {
                query.status = Status::Expired;
            } else if (!value.isEmpty()) {
                result.errors.append({key, tr("Use active, expiring or expired.")});
            }
        } else if (key == u"sort"_s) {
            const bool descending = value.startsWith(u'-');
            const QString field = descending ? value.mid(1) : value;
            if (!sortableFields().contains(field)) {
                result.errors.append({key,
                                      tr("Sort by one of %1, with - in front for descending order.")
                                          .arg(sortableFields().join(u", "_s))});
            } else {
                query.sortField = field;
                query.descending = descending;
            }
        } else if (key == u"offset"_s) {
            const auto offset = parseCount(value);
            if (!offset) {
                result.errors.append({key, tr("Must be a whole number of 0 or more.")});
            } else {
                query.offset = *offset;
            }
        } else if (key == u"limit"_s) {
            const auto limit = parseCount(value);
            if (!limit || *limit > MaximumLimit) {
                result.errors.append({key, tr("Must be a whole number from 0 to %1.").arg(MaximumLimit)});
            } else {
                query.limit = *limit;
            }
        } else if (key == u"changed_since"_s) {
            const bool wellFormed
                = !value.isEmpty() && value.size() <= 64 && std::all_of(value.cbegin(), value.cend(), [](QChar c) {
                      return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'z') || c == u'-';
                  });
            if (!wellFormed) {
                result.errors.append({key, tr("Give the revision of an earlier list answer.")});
            } else {
                query.changedSince = value;
            }
        }
    }
    if (seen.contains(u"changed_since"_s)) {
        for (const QString& other : {u"q"_s, u"purpose"_s, u"status"_s, u"sort"_s, u"offset"_s}) {
            if (seen.contains(other)) {
                result.errors.append({other,
                                      tr("Does not combine with changed_since, which lists every change in "
                                         "revision order; page on with the revision of each answer.")});
            }
        }
    }
    return result;
}

bool ClientQuery::matches(const Client& client, qint64 now) const
{
    if (purpose && client.purpose != *purpose) {
        return false;
    }
    const ExpiryState state = client.expiryStateAt(now);
    switch (status) {
    case Status::Any:
        break;
    case Status::Active:
        if (state == ExpiryState::Expired) {
            return false;
        }
        break;
    case Status::Expiring:
        if (state != ExpiryState::Expiring) {
            return false;
        }
        break;
    case Status::Expired:
        if (state != ExpiryState::Expired) {
            return false;
        }
        break;
    }
    if (text.isEmpty()) {
        return true;
    }
    return client.clientName.contains(text, Qt::CaseInsensitive) || client.clientId.contains(text, Qt::CaseInsensitive)
        || client.userId.contains(text, Qt::CaseInsensitive);
}

bool ClientQuery::lessThan(const Client& a, const Client& b, qint64 now) const
{
    int c = compareField(sortField, a, b, now);
    if (descending) {
        c = -c;
    }
    if (c != 0) {
        return c < 0;
    }
    return a.clientId < b.clientId;
}

} // namespace appint
