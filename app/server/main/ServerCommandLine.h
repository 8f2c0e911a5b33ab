#pragma once

#include "server/TenantServer.h"

#include <QCoreApplication>
#include <QStringList>

namespace appint {

// `appint-server --data-dir DIR --listen HOST:PORT [--issuer URL] [--demo]`
// and `appint-server --data-dir DIR --reset-admin [--issuer URL]`
// and `appint-server --data-dir DIR --import FILE --import-secrets-out FILE`
// (api.md), plus --help and --version.
class ServerCommandLine
{
    Q_DECLARE_TR_FUNCTIONS(ServerCommandLine)

public:
    enum class Action { Run, ResetAdmin, Import, ShowHelp, ShowVersion, Fail };

    struct Parsed
    {
        Action action = Action::Fail;
        ServerOptions options;
        QString importFile; // Action::Import
        QString importSecretsOut;
        QString error;
        QString helpText;
    };

    static Parsed parse(const QStringList& arguments);
    // "127.0.0.1:8080", "[::1]:0", "localhost:8080".
    static bool parseListen(const QString& text, QHostAddress* address, quint16* port);
};

} // namespace appint
