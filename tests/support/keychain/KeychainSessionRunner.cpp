#include "KeychainSessionRunner.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {
const QStringList Folders{u"home"_s, u"data"_s, u"config"_s, u"cache"_s, u"runtime"_s, u"tmp"_s};

QString modeName(KeychainSessionRunner::Mode mode)
{
    switch (mode) {
    case KeychainSessionRunner::Mode::NoService:
        return u"none"_s;
    case KeychainSessionRunner::Mode::Unlocked:
        return u"unlocked"_s;
    case KeychainSessionRunner::Mode::Locked:
        return u"locked"_s;
    case KeychainSessionRunner::Mode::Stalled:
        return u"stalled"_s;
    }
    Q_UNREACHABLE();
}
} // namespace

KeychainSessionRunner::KeychainSessionRunner()
    : m_dir(QDir::tempPath() + u"/appint-keychain-session-XXXXXX"_s)
{
    if (!m_dir.isValid()) {
        return;
    }
    QDir root(m_dir.path());
    for (const QString& folder : Folders) {
        root.mkpath(folder);
    }
    QFile::setPermissions(root.filePath(u"runtime"_s), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

bool KeychainSessionRunner::isValid() const
{
    return m_dir.isValid();
}

QString KeychainSessionRunner::root() const
{
    return m_dir.path();
}

QString KeychainSessionRunner::probeProgram()
{
    return QStringLiteral(APPINT_KEYCHAIN_PROBE);
}

QString KeychainSessionRunner::sessionScript()
{
    return QStringLiteral(APPINT_KEYCHAIN_SESSION_SCRIPT);
}

KeychainSessionRunner::Result KeychainSessionRunner::run(Mode mode, const QString& password, const QStringList& command,
                                                         const QByteArray& input) const
{
    const QDir root(m_dir.path());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, root.filePath(u"home"_s));
    environment.insert(u"XDG_DATA_HOME"_s, root.filePath(u"data"_s));
    environment.insert(u"XDG_CONFIG_HOME"_s, root.filePath(u"config"_s));
    environment.insert(u"XDG_CACHE_HOME"_s, root.filePath(u"cache"_s));
    environment.insert(u"XDG_RUNTIME_DIR"_s, root.filePath(u"runtime"_s));
    environment.insert(u"TMPDIR"_s, root.filePath(u"tmp"_s));
    environment.insert(u"APPINT_STALLED_SECRET_SERVICE"_s, QStringLiteral(APPINT_STALLED_SECRET_SERVICE));
    // Let QtKeychain pick its backend the way it does on a plain desktop-less system.
    for (const QString& name : {u"XDG_CURRENT_DESKTOP"_s, u"DESKTOP_SESSION"_s, u"KDE_FULL_SESSION"_s,
                                u"KDE_SESSION_VERSION"_s, u"GNOME_DESKTOP_SESSION_ID"_s}) {
        environment.remove(name);
    }

    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(root.filePath(u"home"_s));
    process.start(sessionScript(), QStringList{modeName(mode), password} + command);
    Result result;
    if (!process.waitForStarted()) {
        result.standardError = process.errorString().toUtf8();
        return result;
    }
    process.write(input);
    process.closeWriteChannel();
    // A safety net for a broken environment, not a speed limit.
    result.finished = process.waitForFinished(120'000);
    if (!result.finished) {
        process.kill();
        process.waitForFinished();
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.standardOutput = process.readAllStandardOutput();
    result.standardError = process.readAllStandardError();

    const QList<QByteArray> lines = result.standardOutput.trimmed().split('\n');
    if (!lines.isEmpty()) {
        result.json = QJsonDocument::fromJson(lines.last()).object();
    }
    static const QByteArray marker = "keychain-session: default collection locked: ";
    for (const QByteArray& line : result.standardError.split('\n')) {
        if (line.startsWith(marker)) {
            const QByteArray state = line.mid(marker.size()).trimmed();
            if (state == "true" || state == "false") {
                result.collectionLocked = state == "true";
            }
        }
    }
    return result;
}

KeychainSessionRunner::Result KeychainSessionRunner::probe(Mode mode, const QString& password,
                                                           const QStringList& arguments, const QByteArray& input) const
{
    return run(mode, password, QStringList{probeProgram()} + arguments, input);
}

QStringList KeychainSessionRunner::files() const
{
    QStringList found;
    const QDir root(m_dir.path());
    QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        found.append(root.relativeFilePath(it.next()));
    }
    found.sort();
    return found;
}

QStringList KeychainSessionRunner::filesContaining(const QByteArray& needle) const
{
    QStringList found;
    const QDir root(m_dir.path());
    for (const QString& relative : files()) {
        QFile file(root.filePath(relative));
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle)) {
            found.append(relative);
        }
    }
    return found;
}

} // namespace appint::test
