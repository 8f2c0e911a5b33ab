#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace appint {

// A space of the tenant: the unit scoped roles are limited to.
struct Space
{
    QString spaceId;
    QString name;

    friend bool operator==(const Space&, const Space&) = default;

    QJsonObject toJson() const;
    static Space fromJson(const QJsonObject& object);
};

using Spaces = QList<Space>;

} // namespace appint
