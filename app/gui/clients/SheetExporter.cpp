#include "gui/clients/SheetExporter.h"

#include "core/Secret.h"
#include "print/SheetPdfWriter.h"

#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace appint {

QString SheetExporter::write(const ConnectionSheet& sheet, SheetFormat format, const QString& path)
{
    if (path.trimmed().isEmpty()) {
        return tr("Choose a file to write.");
    }
    if (QFileInfo(path).isDir()) {
        return tr("%1 is a folder; choose a file.").arg(path);
    }
    QByteArray bytes;
    if (format == SheetFormat::Pdf) {
        SheetPdfWriter writer(sheet.document());
        writer.setGeneratedAt(sheet.input().generatedAt);
        writer.setCreator(u"App Integration Console "_s + QCoreApplication::applicationVersion());
        bytes = writer.toPdf();
        if (bytes.isEmpty()) {
            return tr("The PDF could not be made: %1").arg(writer.errorString());
        }
    } else {
        bytes = sheet.render(format);
    }

    QString problem;
    QSaveFile file(path);
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly)) {
        problem = tr("%1 cannot be written: %2").arg(path, file.errorString());
    } else if (sheet.containsSecret() && !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        problem = tr("%1 cannot be made readable only by you: %2").arg(path, file.errorString());
        file.cancelWriting();
    } else if (file.write(bytes) != bytes.size() || !file.commit()) {
        problem = tr("%1 cannot be written: %2").arg(path, file.errorString());
        file.cancelWriting();
    }
    wipeBytes(bytes);
    return problem;
}

QString SheetExporter::fileFilter(SheetFormat format)
{
    switch (format) {
    case SheetFormat::Pdf:
        return tr("PDF documents (*.pdf)");
    case SheetFormat::Json:
    case SheetFormat::CloudIntegration:
        return tr("JSON files (*.json)");
    case SheetFormat::BtpDestination:
        return tr("Properties files (*.properties)");
    case SheetFormat::Curl:
        return tr("Shell scripts (*.sh)");
    case SheetFormat::Env:
        return tr("Environment files (*.env)");
    case SheetFormat::Markdown:
        return tr("Markdown files (*.md)");
    }
    return tr("All files (*)");
}

} // namespace appint
