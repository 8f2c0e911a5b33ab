#include "cli/CliFailure.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
QString withLead(const QString& lead, const QString& message)
{
    return lead.isEmpty() ? message : lead + u' ' + message;
}
} // namespace

CliFailure CliFailure::fromResult(const ResultInfo& result, const QString& lead)
{
    QString message = result.message;
    if (!result.oauthError.isEmpty() && !message.contains(result.oauthError)) {
        message += u" ("_s + result.oauthError + u')';
    }
    if (result.status == ResultStatus::SignInEnded) {
        message += u' ' + signInAgainHint();
    }
    return {ExitCodes::forResult(result.status), withLead(lead, message)};
}

QString CliFailure::signInAgainHint()
{
    return QCoreApplication::translate("CliFailure", "Run appint login --browser again.");
}

CliFailure CliFailure::fromKeychain(const KeychainResult& result, const QString& lead)
{
    return {ExitCodes::forKeychain(result.status), withLead(lead, result.message)};
}

} // namespace appint
