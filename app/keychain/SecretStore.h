#pragma once

#include "keychain/KeychainResult.h"

#include <QObject>
#include <QString>

#include <functional>

namespace appint {

// Secrets at rest: an asynchronous store of text secrets under string keys
// (KeychainKeys builds them).
//
// Every call delivers exactly one KeychainResult to `callback`, later on the
// store's thread (never from inside the call), unless `context` is destroyed
// first: then the callback is dropped and never runs. `context` must not be
// null. Results:
//   read   Ok with the secret, NotFound, or an error;
//   write  Ok (an existing entry is replaced), or an error (nothing stored);
//   remove Ok (also when nothing was stored), or an error.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const KeychainResult&)>;

    explicit SecretStore(QObject* parent = nullptr);
    ~SecretStore() override;

    virtual void read(const QString& key, QObject* context, Callback callback) = 0;
    virtual void write(const QString& key, const QString& secret, QObject* context, Callback callback) = 0;
    virtual void remove(const QString& key, QObject* context, Callback callback) = 0;
};

} // namespace appint
