#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace appint {

// One entry of the audit log: which administrator did what to what, and when.
// Never holds a secret.
struct AuditRecord
{
    qint64 time = 0; // Unix seconds
    QString actor; // the administrator's client_id
    QString action; // "client.create", "client.update", ...
    QString target; // the client, role or space id
    QString detail; // a readable summary of what changed

    friend bool operator==(const AuditRecord&, const AuditRecord&) = default;

    QJsonObject toJson() const;
    static AuditRecord fromJson(const QJsonObject& object);

    // "time,actor,action,target,detail"
    static QByteArray csvHeader();
    // One CSV row (RFC 4180 quoting; time as ISO 8601 UTC), with CRLF.
    QByteArray toCsvRow() const;
};

using AuditRecords = QList<AuditRecord>;

} // namespace appint
