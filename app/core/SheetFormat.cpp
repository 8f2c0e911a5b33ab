#include "core/SheetFormat.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace appint {

QString sheetFormatId(SheetFormat format)
{
    switch (format) {
    case SheetFormat::Pdf:
        return u"pdf"_s;
    case SheetFormat::Json:
        return u"json"_s;
    case SheetFormat::BtpDestination:
        return u"btp"_s;
    case SheetFormat::CloudIntegration:
        return u"cpi"_s;
    case SheetFormat::Curl:
        return u"curl"_s;
    case SheetFormat::Env:
        return u"env"_s;
    case SheetFormat::Markdown:
        return u"md"_s;
    }
    Q_UNREACHABLE();
}

std::optional<SheetFormat> sheetFormatFromId(QStringView id)
{
    for (SheetFormat format : allSheetFormats()) {
        if (id == sheetFormatId(format)) {
            return format;
        }
    }
    return std::nullopt;
}

QString sheetFormatDisplayName(SheetFormat format)
{
    switch (format) {
    case SheetFormat::Pdf:
        return QCoreApplication::translate("SheetFormat", "PDF document");
    case SheetFormat::Json:
        return QCoreApplication::translate("SheetFormat", "Secrets file of the datasphere CLI (JSON)");
    case SheetFormat::BtpDestination:
        return QCoreApplication::translate("SheetFormat", "SAP BTP destination (OAuth2ClientCredentials)");
    case SheetFormat::CloudIntegration:
        return QCoreApplication::translate("SheetFormat", "Cloud Integration OAuth2 Client Credentials (JSON)");
    case SheetFormat::Curl:
        return QCoreApplication::translate("SheetFormat", "curl command (shell script)");
    case SheetFormat::Env:
        return QCoreApplication::translate("SheetFormat", "Environment file (.env)");
    case SheetFormat::Markdown:
        return QCoreApplication::translate("SheetFormat", "Markdown");
    }
    Q_UNREACHABLE();
}

bool sheetFormatIsText(SheetFormat format)
{
    return format != SheetFormat::Pdf;
}

QList<SheetFormat> allSheetFormats()
{
    return {SheetFormat::Pdf,  SheetFormat::Json, SheetFormat::BtpDestination, SheetFormat::CloudIntegration,
            SheetFormat::Curl, SheetFormat::Env,  SheetFormat::Markdown};
}

} // namespace appint
