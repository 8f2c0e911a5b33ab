#include "core/FieldError.h"

using namespace Qt::StringLiterals;

namespace appint {

QJsonObject FieldError::toJson() const
{
    return QJsonObject{{u"field"_s, field}, {u"message"_s, message}};
}

FieldError FieldError::fromJson(const QJsonObject& object)
{
    return FieldError{object.value(u"field"_s).toString(), object.value(u"message"_s).toString()};
}

QJsonArray fieldErrorsToJson(const FieldErrors& errors)
{
    QJsonArray array;
    for (const FieldError& error : errors) {
        array.append(error.toJson());
    }
    return array;
}

FieldErrors fieldErrorsFromJson(const QJsonArray& array)
{
    FieldErrors errors;
    for (const QJsonValue& value : array) {
        if (value.isObject()) {
            errors.append(FieldError::fromJson(value.toObject()));
        }
    }
    return errors;
}

FieldErrors errorsForField(const FieldErrors& errors, const QString& field)
{
    FieldErrors result;
    for (const FieldError& error : errors) {
        if (error.field == field) {
            result.append(error);
        }
    }
    return result;
}

} // namespace appint
