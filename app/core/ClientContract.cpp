#include "core/ClientContract.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(ClientContract)
};

// An integral JSON number within [minimum, maximum]; absent counts as 0.
bool integralWithin(const QJsonValue& value, qint64 minimum, qint64 maximum, qint64* out)
{
    if (value.isUndefined() || value.isNull()) {
        *out = 0;
        return minimum <= 0;
    }
    if (!value.isDouble()) {
        return false;
    }
    const double number = value.toDouble();
    if (!(number >= double(minimum) && number <= double(maximum)) || number != double(qint64(number))) {
        return false;
    }
    *out = qint64(number);
    return true;
}

bool stringListOrAbsent(const QJsonValue& value)
{
    if (value.isUndefined() || value.isNull()) {
        return true;
    }
    if (!value.isArray()) {
        return false;
    }
    const QJsonArray array = value.toArray();
    return std::all_of(array.begin(), array.end(), [](const QJsonValue& item) { return item.isString(); });
}

} // namespace

std::optional<Client> ClientContract::fromServerJson(const QJsonValue& value, QString* problem)
{
    const auto refuse = [problem](const QString& why) {
        if (problem) {
            *problem = why;
        }
        return std::optional<Client>();
    };
    if (!value.isObject()) {
        return refuse(Tr::tr("an item is not a client object"));
    }
    const QJsonObject object = value.toObject();
    const QJsonValue id = object.value(u"client_id"_s);
    if (!id.isString() || id.toString().trimmed().isEmpty()) {
        return refuse(Tr::tr("a client has no client_id"));
    }
    const QJsonValue name = object.value(u"client_name"_s);
    if (!name.isString() && !name.isUndefined() && !name.isNull()) {
        return refuse(Tr::tr("a client_name is not text"));
    }
    if (!purposeFromId(object.value(u"purpose"_s).toString())) {
        return refuse(Tr::tr("a client has an unknown purpose"));
    }
    const QJsonValue status = object.value(u"status"_s);
    if (!status.isUndefined()) {
        const QString text = status.toString();
        if (text != u"active"_s && text != u"expired"_s && text != u"expiring"_s) {
            return refuse(Tr::tr("a client has an unknown status"));
        }
    }
    qint64 number = 0;
    for (const QString& key : {u"access_token_lifetime"_s, u"refresh_token_lifetime"_s}) {
        if (!integralWithin(object.value(key), 0, ClientContract::MaximumLifetimeSeconds, &number)) {
            return refuse(Tr::tr("a client's %1 is out of range").arg(key));
        }
    }
    for (const QString& key : {u"client_secret_expires_at"_s, u"client_id_issued_at"_s}) {
        if (!integralWithin(object.value(key), 0, ClientContract::MaximumTimestamp, &number)) {
            return refuse(Tr::tr("a client's %1 is out of range").arg(key));
        }
    }
    for (const QString& key : {u"grant_types"_s, u"access"_s, u"redirect_uris"_s}) {
        if (!stringListOrAbsent(object.value(key))) {
            return refuse(Tr::tr("a client's %1 is not a list of text").arg(key));
        }
    }
    return Client::fromJson(object);
}

} // namespace appint
