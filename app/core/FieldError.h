#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace appint {

// A validation problem with one top-level field of a request ("user_id",
// "roles", ...). The message is translated and says which item is wrong when
// the field is a list.
struct FieldError
{
    QString field;
    QString message;

    friend bool operator==(const FieldError&, const FieldError&) = default;

    QJsonObject toJson() const;
    static FieldError fromJson(const QJsonObject& object);
};

using FieldErrors = QList<FieldError>;

QJsonArray fieldErrorsToJson(const FieldErrors& errors);
FieldErrors fieldErrorsFromJson(const QJsonArray& array);
// The errors of one field, in order.
FieldErrors errorsForField(const FieldErrors& errors, const QString& field);

} // namespace appint
