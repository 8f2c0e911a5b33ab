#include "core/Purpose.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace appint {

QString purposeId(Purpose purpose)
{
    switch (purpose) {
    case Purpose::Interactive:
        return u"interactive"_s;
    case Purpose::Api:
        return u"api"_s;
    case Purpose::Technical:
        return u"technical"_s;
    }
    Q_UNREACHABLE();
}

std::optional<Purpose> purposeFromId(QStringView id)
{
    for (Purpose purpose : allPurposes()) {
        if (id == purposeId(purpose)) {
            return purpose;
        }
    }
    return std::nullopt;
}

QString purposeDisplayName(Purpose purpose)
{
    switch (purpose) {
    case Purpose::Interactive:
        return QCoreApplication::translate("Purpose", "Interactive Usage");
    case Purpose::Api:
        return QCoreApplication::translate("Purpose", "API Access");
    case Purpose::Technical:
        return QCoreApplication::translate("Purpose", "Technical User");
    }
    Q_UNREACHABLE();
}

QList<Purpose> allPurposes()
{
    return {Purpose::Interactive, Purpose::Api, Purpose::Technical};
}

} // namespace appint
