#include "keychain/KeychainResult.h"

using namespace Qt::StringLiterals;

namespace appint {

QString keychainStatusId(KeychainStatus status)
{
    switch (status) {
    case KeychainStatus::Ok:
        return u"ok"_s;
    case KeychainStatus::NotFound:
        return u"not_found"_s;
    case KeychainStatus::NoService:
        return u"no_service"_s;
    case KeychainStatus::Locked:
        return u"locked"_s;
    case KeychainStatus::AccessDenied:
        return u"access_denied"_s;
    case KeychainStatus::Timeout:
        return u"timeout"_s;
    case KeychainStatus::Other:
        return u"other"_s;
    }
    Q_UNREACHABLE();
}

KeychainResult KeychainResult::success(const QString& secret)
{
    return KeychainResult{KeychainStatus::Ok, QString(), secret};
}

KeychainResult KeychainResult::failure(KeychainStatus status, const QString& detail)
{
    QString message;
    switch (status) {
    case KeychainStatus::Ok:
        return success();
    case KeychainStatus::NotFound:
        message = tr("No secret is saved in the system keychain for this entry.");
        break;
    case KeychainStatus::NoService:
        message = tr("No system keychain is available (%1). Start a keychain service such as GNOME Keyring or "
                     "KWallet and try again; secrets are never saved in plain text instead.")
                      .arg(detail.isEmpty() ? tr("no keychain service answered") : detail);
        break;
    case KeychainStatus::Locked:
        message = tr("The keychain is locked. Unlock it and try again.");
        break;
    case KeychainStatus::AccessDenied:
        message = detail.isEmpty() ? tr("Access was denied by the system keychain.")
                                   : tr("Access was denied by the system keychain (%1).").arg(detail);
        break;
    case KeychainStatus::Timeout:
        return timeout(std::chrono::seconds(5));
    case KeychainStatus::Other:
        message = detail.isEmpty() ? tr("The system keychain reported an unknown error.")
                                   : tr("The system keychain reported an error: %1").arg(detail);
        break;
    }
    return KeychainResult{status, message, QString()};
}

KeychainResult KeychainResult::timeout(std::chrono::milliseconds after)
{
    // Whole seconds, rounded up, so that a short test timeout still reads well.
    const int seconds = int((after.count() + 999) / 1000);
    return KeychainResult{KeychainStatus::Timeout,
                          tr("The system keychain did not answer within %n second(s). If it is asking for a "
                             "password, unlock it and try again.",
                             nullptr, seconds),
                          QString()};
}

} // namespace appint
