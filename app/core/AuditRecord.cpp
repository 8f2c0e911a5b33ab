#include "core/AuditRecord.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
QByteArray csvField(const QString& value)
{
    QByteArray bytes = value.toUtf8();
    // Cells that a spreadsheet would run as a formula are prefixed with a quote.
    if (!bytes.isEmpty() && QByteArrayView("=+-@\t\r").contains(bytes.at(0))) {
        bytes.prepend('\'');
    }
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        bytes.replace("\"", "\"\"");
        return '"' + bytes + '"';
    }
    return bytes;
}
} // namespace

QJsonObject AuditRecord::toJson() const
{
    return QJsonObject{
        {u"time"_s, time}, {u"actor"_s, actor}, {u"action"_s, action}, {u"target"_s, target}, {u"detail"_s, detail}};
}

AuditRecord AuditRecord::fromJson(const QJsonObject& object)
{
    return AuditRecord{object.value(u"time"_s).toInteger(), object.value(u"actor"_s).toString(),
                       object.value(u"action"_s).toString(), object.value(u"target"_s).toString(),
                       object.value(u"detail"_s).toString()};
}

QByteArray AuditRecord::csvHeader()
{
    return "time,actor,action,target,detail\r\n";
}

QByteArray AuditRecord::toCsvRow() const
{
    const QString iso = QDateTime::fromSecsSinceEpoch(time, Qt::UTC).toString(Qt::ISODate);
    return csvField(iso) + ',' + csvField(actor) + ',' + csvField(action) + ',' + csvField(target) + ','
        + csvField(detail) + "\r\n";
}

} // namespace appint
