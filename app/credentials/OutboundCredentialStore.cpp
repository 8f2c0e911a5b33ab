#include "credentials/OutboundCredentialStore.h"

#include "core/Secret.h"
#include "keychain/KeychainKeys.h"
#include "keychain/SecretStore.h"
#include "service/OutboundSecretsCodec.h"

#include <QPointer>

#include <memory>

namespace appint {

namespace {
template <typename Outcome>
std::function<void(const Outcome&)> guarded(QObject* context, std::function<void(const Outcome&)> callback)
{
    return [context = QPointer<QObject>(context), callback = std::move(callback)](const Outcome& outcome) {
        if (context && callback) {
            callback(outcome);
        }
    };
}

// Writes `secret`, or removes the entry when there is none.
void putBack(SecretStore* store, const QString& key, const std::optional<Secret>& secret, QObject* context,
             SecretStore::Callback done)
{
    if (secret) {
        QString text = secret->toString();
        store->write(key, text, context, std::move(done));
        wipeString(text);
    } else {
        store->remove(key, context, std::move(done));
    }
}

std::optional<Secret> storedSecret(const KeychainResult& result)
{
    return result.ok() ? std::optional<Secret>(Secret(result.secret)) : std::nullopt;
}
} // namespace

OutboundCredentialStore::OutboundCredentialStore(QSettings* settings, SecretStore* store)
    : m_settings(settings)
    , m_store(store)
{
    Q_ASSERT(m_store);
}

void OutboundCredentialStore::readSecrets(const QString& name, QObject* context, SecretsCallback callback) const
{
    m_store->read(KeychainKeys::outboundCredential(name), context,
                  [done = guarded(context, std::move(callback))](const KeychainResult& stored) {
                      SecretsOutcome outcome;
                      outcome.read = stored;
                      if (stored.ok()) {
                          outcome.secrets = OutboundSecretsCodec::decode(Secret(stored.secret));
                          wipeString(outcome.read.secret);
                      }
                      done(outcome);
                  });
}

void OutboundCredentialStore::save(const OutboundCredential& credential, const OutboundSecrets& secrets,
                                   const QString& previousName, const std::optional<OutboundCredential>& original,
                                   QObject* context, SaveCallback callback)
{
    const SaveCallback done = guarded(context, std::move(callback));
    const QString key = KeychainKeys::outboundCredential(credential.name);
    const bool editing = !previousName.isEmpty();
    const bool renamed = editing && previousName != credential.name;
    const Secret encoded = OutboundSecretsCodec::encode(secrets);
    SecretStore* store = m_store;
    OutboundCredentialSettings settings = m_settings;

    // 4. A rename: the entry under the old name goes last.
    const auto removeOld = [store, previousName, renamed, done](SaveOutcome outcome) {
        if (!renamed) {
            done(outcome);
            return;
        }
        store->remove(KeychainKeys::outboundCredential(previousName), store,
                      [outcome, done](const KeychainResult& removed) mutable {
                          outcome.oldRemoved = removed;
                          done(outcome);
                      });
    };
    // 3. The keychain holds the new secret: the settings, or undo.
    const auto writeSettings = [store, settings, credential, previousName, original, key, done,
                                removeOld](const std::optional<Secret>& previous) {
        OutboundCredentialSettings writable = settings;
        SaveOutcome outcome;
        outcome.saved = writable.save(credential, previousName);
        if (outcome.saved.ok()) {
            removeOld(outcome);
            return;
        }
        // The settings' in-memory state as it was.
        if (previousName.isEmpty()) {
            writable.remove(credential.name);
        } else if (original) {
            writable.save(*original, credential.name);
        }
        // The keychain as it was: the old secret back, or the new entry gone.
        outcome.failedAt = Step::Settings;
        putBack(store, key, previous, store, [outcome, done](const KeychainResult& result) mutable {
            outcome.undone = result;
            done(outcome);
        });
    };
    // 2. The new secret into the keychain.
    const auto writeSecret
        = [store, context, key, encoded, done, writeSettings](const std::optional<Secret>& previous) {
              QString text = encoded.toString();
              store->write(key, text, context, [previous, done, writeSettings](const KeychainResult& written) {
                  if (!written.ok()) {
                      SaveOutcome outcome;
                      outcome.failedAt = Step::KeychainWrite;
                      outcome.keychain = written;
                      done(outcome);
                      return;
                  }
                  writeSettings(previous);
              });
              wipeString(text);
          };

    if (!editing || renamed) {
        // A new keychain entry: undone by removing it.
        writeSecret(std::nullopt);
        return;
    }
    // 1. The same entry replaced: the old secret first, so that it can be
    // put back if the settings cannot be written.
    m_store->read(key, context, [done, writeSecret](const KeychainResult& old) {
        if (!old.ok() && old.status != KeychainStatus::NotFound) {
            SaveOutcome outcome;
            outcome.failedAt = Step::KeychainRead;
            outcome.keychain = old;
            done(outcome);
            return;
        }
        writeSecret(storedSecret(old));
    });
}

void OutboundCredentialStore::remove(const OutboundCredential& credential, QObject* context, RemoveCallback callback)
{
    const RemoveCallback done = guarded(context, std::move(callback));
    const QString key = KeychainKeys::outboundCredential(credential.name);
    SecretStore* store = m_store;
    OutboundCredentialSettings settings = m_settings;
    // 1. Read first, so that the secret can be put back if the settings
    // cannot be written after the keychain entry is gone.
    m_store->read(key, context, [store, settings, context, credential, key, done](const KeychainResult& stored) {
        if (!stored.ok() && stored.status != KeychainStatus::NotFound) {
            RemoveOutcome outcome;
            outcome.failedAt = Step::KeychainRead;
            outcome.keychain = stored;
            done(outcome);
            return;
        }
        const std::optional<Secret> previous = storedSecret(stored);
        // 2. The keychain entry.
        store->remove(key, context,
                      [store, settings, credential, key, previous, done](const KeychainResult& removed) mutable {
                          RemoveOutcome outcome;
                          if (!removed.ok()) {
                              outcome.failedAt = Step::KeychainWrite;
                              outcome.keychain = removed;
                              done(outcome);
                              return;
                          }
                          // 3. The settings; when they cannot be written, the secret back.
                          outcome.removed = settings.remove(credential.name);
                          if (outcome.removed.ok()) {
                              done(outcome);
                              return;
                          }
                          settings.save(credential); // the in-memory settings, as they were
                          outcome.failedAt = Step::Settings;
                          if (!previous) {
                              outcome.restored = KeychainResult::success();
                              done(outcome);
                              return;
                          }
                          putBack(store, key, previous, store, [outcome, done](const KeychainResult& back) mutable {
                              outcome.restored = back;
                              done(outcome);
                          });
                      });
    });
}

} // namespace appint
