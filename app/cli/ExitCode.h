#pragma once

#include "keychain/KeychainResult.h"
#include "service/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace appint {

// The exit codes of `appint`, one per kind of failure, so that scripts can
// react without parsing messages (docs/cli.md has the table; `appint --help`
// prints it).
enum class ExitCode : int {
    Ok = 0,
    Error = 1, // anything else: a server error, an answer that is not the API's
    Usage = 2, // bad command line: unknown command or option, missing or invalid value
    Authentication = 3, // credentials refused (invalid_client, 401) or not allowed (403)
    Network = 4, // no connection, TLS failure, no answer in time
    Keychain = 5, // no system keychain, locked, access denied, no answer; a needed secret is not saved
    NotFound = 6, // unknown client, tenant profile or saved credential
    Refused = 7, // the server refused the request as invalid or conflicting (400, 409, 422, invalid_scope, ...)
    RateLimited = 8, // too many requests (429, temporarily_unavailable): try again later
    File = 9, // a file or the settings could not be read or written
};

class ExitCodes
{
    Q_DECLARE_TR_FUNCTIONS(ExitCodes)

public:
    static ExitCode forResult(ResultStatus status);
    static ExitCode forKeychain(KeychainStatus status);

    static QList<ExitCode> all();
    // One line for people: what the code means.
    static QString description(ExitCode code);
};

inline int toInt(ExitCode code)
{
    return static_cast<int>(code);
}

} // namespace appint
