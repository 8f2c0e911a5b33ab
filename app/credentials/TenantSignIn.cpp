#include "credentials/TenantSignIn.h"

#include "keychain/KeychainKeys.h"
#include "keychain/SecretStore.h"
#include "service/TenantApi.h"
#include "service/TenantProfiles.h"

#include <QPointer>

#include <memory>

namespace appint {

namespace {
QString oneLine(QString text)
{
    for (QChar& c : text) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator) {
            c = u' ';
        }
    }
    return text.simplified();
}

// The state of one run, shared by its steps.
struct Run
{
    SecretStore* store;
    QSettings* settings;
    QPointer<QObject> context;
    TenantSignIn::Callback callback;
    TenantSignIn::Outcome outcome;

    void finish(TenantSignIn::Step failedAt)
    {
        outcome.failedAt = failedAt;
        if (context && callback) {
            callback(outcome);
        }
    }
};
using RunPtr = std::shared_ptr<Run>;

// 4. The earlier login of another client ID goes.
void removeReplaced(const RunPtr& run)
{
    const std::optional<TenantProfile>& previous = run->outcome.replaced;
    if (!previous) {
        run->finish(TenantSignIn::Step::Done);
        return;
    }
    run->store->remove(KeychainKeys::tenantCredentials(previous->url, previous->clientId), run->store,
                       [run](const KeychainResult& removed) {
                           run->outcome.replacedRemoved = removed;
                           run->finish(TenantSignIn::Step::Done);
                       });
}

// 3. The profile; when it cannot be written, the new keychain entry back out.
void saveProfile(const RunPtr& run)
{
    const TenantProfile& profile = run->outcome.profile;
    TenantProfiles profiles(run->settings);
    const std::optional<TenantProfile> previous = profiles.find(profile.url);
    run->outcome.saved = profiles.save(profile);
    if (run->outcome.saved.ok()) {
        if (previous && previous->clientId != profile.clientId) {
            run->outcome.replaced = previous;
        }
        removeReplaced(run);
        return;
    }
    if (previous && previous->clientId == profile.clientId) {
        // The entry replaced the secret of the same, still saved, login.
        run->finish(TenantSignIn::Step::Settings);
        return;
    }
    run->store->remove(KeychainKeys::tenantCredentials(profile.url, profile.clientId), run->store,
                       [run](const KeychainResult& removed) {
                           run->outcome.undone = removed;
                           run->finish(TenantSignIn::Step::Settings);
                       });
}

// 2. The secret into the keychain.
void writeSecret(const RunPtr& run, const Secret& secret)
{
    const TenantProfile& profile = run->outcome.profile;
    QString text = secret.toString();
    run->store->write(KeychainKeys::tenantCredentials(profile.url, profile.clientId), text, run->context,
                      [run](const KeychainResult& written) {
                          run->outcome.written = written;
                          if (!written.ok()) {
                              run->finish(TenantSignIn::Step::Keychain);
                              return;
                          }
                          saveProfile(run);
                      });
    wipeString(text);
}
} // namespace

void TenantSignIn::run(TenantApi* api, SecretStore* store, QSettings* settings, const TenantProfile& profile,
                       const Secret& secret, QObject* context, Callback callback)
{
    Q_ASSERT(api && store && settings);
    auto run = std::make_shared<Run>(Run{store, settings, context, std::move(callback), {}});
    run->outcome.profile = profile;
    // 1. Verify: a token, and the tenant read with it.
    api->tenant(context, [run, secret](const Result<TenantInfo>& result) {
        run->outcome.verified = result;
        if (!result.ok()) {
            run->finish(Step::Verify);
            return;
        }
        if (run->outcome.profile.displayName.isEmpty()) {
            run->outcome.profile.displayName = displayNameFrom(result.value.tenantName);
        }
        writeSecret(run, secret);
    });
}

QString TenantSignIn::displayNameFrom(const QString& tenantName)
{
    return oneLine(tenantName).left(TenantProfiles::DisplayNameMaxLength);
}

} // namespace appint
