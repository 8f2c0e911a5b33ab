#pragma once

#include <QCoreApplication>
#include <QStringList>
#include <QUrl>

namespace appint {

// `appint-console [--tenant URL --admin-credentials FILE] [--sandbox-dir DIR]`,
// plus --help and --version. No tenant: the local sandbox tenant.
class ConsoleCommandLine
{
    Q_DECLARE_TR_FUNCTIONS(ConsoleCommandLine)

public:
    enum class Action { Sandbox, Remote, ShowHelp, ShowVersion, Fail };

    struct Parsed
    {
        Action action = Action::Fail;
        QUrl tenantUrl;
        QString credentialsFile;
        QString sandboxDir; // empty: the user's data folder + "/sandbox"
        QString error;
        QString helpText;
    };

    static Parsed parse(const QStringList& arguments);
};

} // namespace appint
