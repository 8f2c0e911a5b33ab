#include "service/SharedSettings.h"

namespace appint {

std::unique_ptr<QSettings> SharedSettings::open()
{
    return std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope, organizationName(),
                                       applicationName());
}

QString SharedSettings::problem(const QSettings& settings)
{
    switch (settings.status()) {
    case QSettings::NoError:
        return QString();
    case QSettings::AccessError:
        return tr("The settings file %1 cannot be written.").arg(settings.fileName());
    case QSettings::FormatError:
        return tr("The settings file %1 is damaged and cannot be read.").arg(settings.fileName());
    }
    return tr("The settings file %1 cannot be used.").arg(settings.fileName());
}

} // namespace appint
