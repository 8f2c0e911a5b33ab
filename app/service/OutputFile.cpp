#include "service/OutputFile.h"

#include <QFileInfo>
#include <QSaveFile>

namespace appint {

QString OutputFile::write(const QString& path, const QByteArray& bytes, bool privateFile)
{
    if (QFileInfo(path).isDir()) {
        return tr("%1 is a folder; name a file.").arg(path);
    }
    QSaveFile file(path);
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly)) {
        return tr("%1 cannot be written: %2").arg(path, file.errorString());
    }
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (privateFile && !file.setPermissions(ownerOnly)) {
        file.cancelWriting();
        return tr("%1 cannot be made readable only by you: %2").arg(path, file.errorString());
    }
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return tr("%1 cannot be written: %2").arg(path, reason);
    }
    return QString();
}

} // namespace appint
