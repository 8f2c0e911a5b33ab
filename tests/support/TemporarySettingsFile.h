#pragma once

#include <QFile>
#include <QSettings>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace appint::test {

// An INI settings file "appint.conf" in a fresh temporary folder, for tests of
// the settings-backed stores: open it as often as a test needs (each open is
// its own reader or writer) and read the bytes that were written.
class TemporarySettingsFile
{
public:
    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return filePath(QStringLiteral("appint.conf")); }
    // Another file in the same temporary folder.
    QString filePath(const QString& name) const { return m_dir.filePath(name); }

    std::unique_ptr<QSettings> open() const { return std::make_unique<QSettings>(path(), QSettings::IniFormat); }
    QByteArray bytes() const
    {
        QFile file(path());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private:
    QTemporaryDir m_dir;
};

} // namespace appint::test
