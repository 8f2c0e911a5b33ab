#include "server/storage/SecureFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

void syncDirectory(const QString& directory)
{
    const int fd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

bool SecureFile::create(const QString& path, const QByteArray& content, QString* error)
{
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        if (error) {
            *error = tr("cannot create %1: %2").arg(path, systemError());
        }
        return false;
    }
    ::fchmod(fd, S_IRUSR | S_IWUSR); // the umask cannot widen it, but be explicit
    qsizetype written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.constData() + written, size_t(content.size() - written));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            if (error) {
                *error = tr("cannot write %1: %2").arg(path, systemError());
            }
            ::close(fd);
            ::unlink(name.constData());
            return false;
        }
        written += n;
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced) {
        if (error) {
            *error = tr("cannot flush %1: %2").arg(path, systemError());
        }
        ::unlink(name.constData());
        return false;
    }
    syncDirectory(QFileInfo(path).absolutePath());
    return true;
}

bool SecureFile::rename(const QString& from, const QString& to, QString* error)
{
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0) {
        if (error) {
            *error = tr("cannot rename %1 to %2: %3").arg(from, to, systemError());
        }
        return false;
    }
    syncDirectory(QFileInfo(to).absolutePath());
    return true;
}

std::optional<QByteArray> SecureFile::read(const QString& path, QString* error, QString* warning)
{
    const int bits = mode(path);
    if (bits >= 0 && (bits & 0077) != 0) {
        ::chmod(QFile::encodeName(path).constData(), S_IRUSR | S_IWUSR);
        if (warning) {
            *warning = tr("%1 was readable by others; its mode is now 0600").arg(path);
        }
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = tr("cannot read %1: %2").arg(path, file.errorString());
        }
        return std::nullopt;
    }
    return file.readAll();
}

bool SecureFile::ensurePrivateDirectory(const QString& path, QString* error)
{
    if (QFileInfo(path).isDir()) {
        return true;
    }
    if (!QDir().mkpath(path)) {
        if (error) {
            *error = tr("cannot create the folder %1").arg(path);
        }
        return false;
    }
    ::chmod(QFile::encodeName(path).constData(), S_IRWXU);
    return true;
}

int SecureFile::mode(const QString& path)
{
    struct stat info
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &info) != 0) {
        return -1;
    }
    return int(info.st_mode & 07777);
}

} // namespace appint
