#include "cli/ExitCode.h"

namespace appint {

ExitCode ExitCodes::forResult(ResultStatus status)
{
    switch (status) {
    case ResultStatus::Ok:
        return ExitCode::Ok;
    case ResultStatus::Network:
    case ResultStatus::Tls:
    case ResultStatus::Timeout:
        return ExitCode::Network;
    case ResultStatus::Authentication:
    case ResultStatus::Forbidden:
    case ResultStatus::SignInEnded:
        return ExitCode::Authentication;
    case ResultStatus::Validation:
    case ResultStatus::Conflict:
        return ExitCode::Refused;
    case ResultStatus::NotFound:
        return ExitCode::NotFound;
    case ResultStatus::RateLimited:
        return ExitCode::RateLimited;
    case ResultStatus::Server:
    case ResultStatus::Protocol:
    case ResultStatus::Cancelled:
        return ExitCode::Error;
    }
    return ExitCode::Error;
}

ExitCode ExitCodes::forKeychain(KeychainStatus status)
{
    switch (status) {
    case KeychainStatus::Ok:
        return ExitCode::Ok;
    case KeychainStatus::NotFound:
        return ExitCode::NotFound;
    case KeychainStatus::NoService:
    case KeychainStatus::Locked:
    case KeychainStatus::AccessDenied:
    case KeychainStatus::Timeout:
    case KeychainStatus::Other:
        return ExitCode::Keychain;
    }
    return ExitCode::Keychain;
}

QList<ExitCode> ExitCodes::all()
{
    return {ExitCode::Ok,       ExitCode::Error,    ExitCode::Usage,   ExitCode::Authentication, ExitCode::Network,
            ExitCode::Keychain, ExitCode::NotFound, ExitCode::Refused, ExitCode::RateLimited,    ExitCode::File};
}

QString ExitCodes::description(ExitCode code)
{
    switch (code) {
    case ExitCode::Ok:
        return tr("success");
    case ExitCode::Error:
        return tr("other error (server error, unexpected answer)");
    case ExitCode::Usage:
        return tr("bad command line (unknown command or option, missing or invalid value)");
    case ExitCode::Authentication:
        return tr("credentials refused or not allowed (invalid_client, HTTP 401, 403)");
    case ExitCode::Network:
        return tr("no connection, TLS failure or no answer in time");
    case ExitCode::Keychain:
        return tr("system keychain unavailable, locked or refusing, or a needed secret is not saved");
    case ExitCode::NotFound:
        return tr("unknown client, tenant or saved credential");
    case ExitCode::Refused:
        return tr("request refused as invalid or conflicting (HTTP 400, 409, 422, invalid_scope, ...)");
    case ExitCode::RateLimited:
        return tr("too many requests: try again later (HTTP 429)");
    case ExitCode::File:
        return tr("a file or the settings could not be read or written");
    }
    return QString();
}

} // namespace appint
