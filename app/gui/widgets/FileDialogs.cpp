#include "gui/widgets/FileDialogs.h"

#include <QFileDialog>

namespace appint {

std::optional<QString> FileDialogs::s_nextSaveFileName;
std::optional<QString> FileDialogs::s_nextOpenFileName;
int FileDialogs::s_requestCount = 0;

QString FileDialogs::saveFileName(QWidget* parent, const QString& caption, const QString& path, const QString& filter)
{
    ++s_requestCount;
    if (s_nextSaveFileName) {
        const QString answer = *s_nextSaveFileName;
        s_nextSaveFileName.reset();
        return answer;
    }
    return QFileDialog::getSaveFileName(parent, caption, path, filter);
}

void FileDialogs::setNextSaveFileName(const QString& path)
{
    s_nextSaveFileName = path;
}

QString FileDialogs::openFileName(QWidget* parent, const QString& caption, const QString& path, const QString& filter)
{
    ++s_requestCount;
    if (s_nextOpenFileName) {
        const QString answer = *s_nextOpenFileName;
        s_nextOpenFileName.reset();
        return answer;
    }
    return QFileDialog::getOpenFileName(parent, caption, path, filter);
}

void FileDialogs::setNextOpenFileName(const QString& path)
{
    s_nextOpenFileName = path;
}

int FileDialogs::requestCount()
{
    return s_requestCount;
}

} // namespace appint
