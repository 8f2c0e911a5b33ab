#pragma once

#include <QString>

#include <optional>

class QWidget;

namespace appint {

// The file choosers the console shows, in one place so that tests can answer
// them (like MessageBox): setNextSaveFileName() and setNextOpenFileName() make the next question
// return that answer at once, without showing a dialog; an empty answer is a
// cancel.
class FileDialogs
{
public:
    // A file to write; empty when cancelled. The chooser asks itself before
    // replacing an existing file.
    static QString saveFileName(QWidget* parent, const QString& caption, const QString& path, const QString& filter);

    static void setNextSaveFileName(const QString& path);
    // An existing file to read; empty when cancelled.
    static QString openFileName(QWidget* parent, const QString& caption, const QString& path, const QString& filter);
    static void setNextOpenFileName(const QString& path);
    // How many times a chooser was asked for (for tests).
    static int requestCount();

private:
    static std::optional<QString> s_nextSaveFileName;
    static std::optional<QString> s_nextOpenFileName;
    static int s_requestCount;
};

} // namespace appint
