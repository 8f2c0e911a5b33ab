#include "core/Space.h"

using namespace Qt::StringLiterals;

namespace appint {

QJsonObject Space::toJson() const
{
    return QJsonObject{{u"space_id"_s, spaceId}, {u"name"_s, name}};
}

Space Space::fromJson(const QJsonObject& object)
{
    return Space{object.value(u"space_id"_s).toString(), object.value(u"name"_s).toString()};
}

} // namespace appint
