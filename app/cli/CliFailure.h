#pragma once

#include "cli/ExitCode.h"

#include <QString>

namespace appint {

// Why a command stopped: the exit code and one line for people (translated).
struct CliFailure
{
    ExitCode code = ExitCode::Error;
    QString message;

    // The failure of a service call: its exit code and its message, with the
    // OAuth error code added when the message does not name it already.
    static CliFailure fromResult(const ResultInfo& result, const QString& lead = QString());
    static CliFailure fromKeychain(const KeychainResult& result, const QString& lead = QString());
    // What `appint` adds to "your sign-in has ended".
    static QString signInAgainHint();
};

} // namespace appint
