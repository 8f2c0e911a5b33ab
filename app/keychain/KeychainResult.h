#pragma once

#include <QCoreApplication>
#include <QString>

#include <chrono>

namespace appint {

// How a keychain operation ended.
enum class KeychainStatus {
    Ok,
    NotFound, // read: nothing is stored under the key (and the keychain is not locked)
    NoService, // no keychain service answers on this system: nothing was stored
    Locked, // the keychain (collection) is locked
    AccessDenied, // the keychain or its user refused access
    Timeout, // no answer within the watchdog's time
    Other, // anything else; the message carries the keychain's own words
};

// "ok", "not_found", "no_service", "locked", "access_denied", "timeout",
// "other": for logs and machine-readable output.
QString keychainStatusId(KeychainStatus status);

// The one result of a read, write or remove. `message` is translated and meant
// for people (empty when Ok); `secret` is set only by a successful read.
// The secret is never part of a log line: log keychainStatusId(status).
struct KeychainResult
{
    Q_DECLARE_TR_FUNCTIONS(KeychainResult)

public:
    KeychainStatus status = KeychainStatus::Other;
    QString message;
    QString secret;

    bool ok() const { return status == KeychainStatus::Ok; }

    static KeychainResult success(const QString& secret = QString());
    // The standard message of each status; `detail` (the keychain's own words,
    // untranslated) goes in parentheses where it helps.
    static KeychainResult failure(KeychainStatus status, const QString& detail = QString());
    static KeychainResult timeout(std::chrono::milliseconds after);
};

} // namespace appint
