#pragma once

#include "core/OutboundCredential.h"
#include "keychain/KeychainResult.h"
#include "service/OutboundCredentialSettings.h"
#include "service/SettingsWriteResult.h"

#include <QString>

#include <functional>
#include <optional>

class QObject;
class QSettings;

namespace appint {

class SecretStore;

// The saved outbound credentials = settings + keychain, for the console's
// "Outbound Credentials" page and `appint token --credential` alike: the
// non-secret fields in the shared settings (OutboundCredentialSettings), the
// client secret and token service password in one keychain entry
// (KeychainKeys::outboundCredential(name), OutboundSecretsCodec).
//
// save() and remove() leave nothing half done:
// - save: the keychain first (a replaced entry is read before, so that it can
//   be put back), then the settings; when the settings cannot be written, the
//   settings and the keychain are put back as they were. A rename removes the
//   entry under the old name last, once the new one is in place.
// - remove: the keychain entry (read before), then the settings; when the
//   settings cannot be written, the secret is put back.
//
// Every call answers once, later, unless `context` is gone by then. The
// outcomes carry the layers' own results; the caller words them.
class OutboundCredentialStore
{
public:
    enum class Step { Done, KeychainRead, KeychainWrite, Settings };

    struct SecretsOutcome
    {
        KeychainResult read; // its secret wiped: the text is in `secrets`
        OutboundSecrets secrets;
        bool ok() const { return read.ok(); }
    };
    struct SaveOutcome
    {
        Step failedAt = Step::Done;
        KeychainResult keychain; // the failed read or write
        SettingsWriteResult saved;
        // The settings failed and the keychain was put back as it was.
        std::optional<KeychainResult> undone;
        // A rename: the entry under the old name removed.
        std::optional<KeychainResult> oldRemoved;
        bool ok() const { return failedAt == Step::Done; }
    };
    struct RemoveOutcome
    {
        Step failedAt = Step::Done;
        KeychainResult keychain; // the failed read or removal
        SettingsWriteResult removed;
        // The settings failed: the secret put back (ok when there was none).
        std::optional<KeychainResult> restored;
        bool ok() const { return failedAt == Step::Done; }
    };
    using SecretsCallback = std::function<void(const SecretsOutcome&)>;
    using SaveCallback = std::function<void(const SaveOutcome&)>;
    using RemoveCallback = std::function<void(const RemoveOutcome&)>;

    // `settings` and `store` are not owned and must outlive every call.
    OutboundCredentialStore(QSettings* settings, SecretStore* store);

    // The non-secret part, read and written directly.
    const OutboundCredentialSettings& settings() const { return m_settings; }

    // The secrets of the credential called `name`.
    void readSecrets(const QString& name, QObject* context, SecretsCallback callback) const;
    // A new credential (`previousName` empty) or an edit of the one called
    // `previousName`, which may rename it. `original` is that one as the
    // caller shows it: what the settings get back when they cannot be written
    // (a settings file that cannot be read back holds nothing to restore from).
    void save(const OutboundCredential& credential, const OutboundSecrets& secrets, const QString& previousName,
              const std::optional<OutboundCredential>& original, QObject* context, SaveCallback callback);
    void remove(const OutboundCredential& credential, QObject* context, RemoveCallback callback);

private:
    OutboundCredentialSettings m_settings;
    SecretStore* m_store;
};

} // namespace appint
