#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace appint {

// The formats of "Export Connection Sheet…" and `appint sheet --format`.
enum class SheetFormat {
    Pdf, // painted by the GUI from ConnectionSheet::document()
    Json, // the secrets file of the `datasphere` CLI (--secrets-file)
    BtpDestination, // SAP BTP destination, OAuth2ClientCredentials (seed 004)
    CloudIntegration, // Cloud Integration "OAuth2 Client Credentials" (seed 003)
    Curl, // a shell script that fetches a token with curl
    Env, // a .env file
    Markdown,
};

// "pdf", "json", "btp", "cpi", "curl", "env", "md": the --format values.
QString sheetFormatId(SheetFormat format);
std::optional<SheetFormat> sheetFormatFromId(QStringView id);
// "PDF document", "SAP BTP destination", ... (translated), for a format picker.
QString sheetFormatDisplayName(SheetFormat format);
// False for Pdf only: ConnectionSheet::render() makes text for all others.
bool sheetFormatIsText(SheetFormat format);
QList<SheetFormat> allSheetFormats();

} // namespace appint
