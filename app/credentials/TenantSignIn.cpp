#include "credentials/TenantSignIn.h"

#include "keychain/KeychainKeys.h"
#include "keychain/SecretStore.h"
#include "service/AdminSession.h"
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
    // A user's sign-in: the newest refresh token, known after step 1.
    Secret refreshToken = {};
    // The login of the URL saved before this run, if any.
    std::optional<TenantProfile> previous = {};

    bool isUserSignIn() const { return !refreshToken.isEmpty(); }

    void finish(TenantSignIn::Step failedAt)
    {
        outcome.failedAt = failedAt;
        refreshToken = Secret();
        if (context && callback) {
            callback(outcome);
        }
    }
};
using RunPtr = std::shared_ptr<Run>;

// Removes `keys` one after the other (an entry already gone counts as
// removed); `done` gets the first failure, or success.
void removeEntries(const RunPtr& run, QStringList keys, std::function<void(const KeychainResult&)> done,
                   std::optional<KeychainResult> firstFailure = std::nullopt)
{
    if (keys.isEmpty()) {
        done(firstFailure.value_or(KeychainResult::success()));
        return;
    }
    const QString key = keys.takeFirst();
    run->store->remove(key, run->store,
                       [run, keys, done = std::move(done), firstFailure](const KeychainResult& removed) mutable {
                           if (!firstFailure && !removed.ok() && removed.status != KeychainStatus::NotFound) {
                               firstFailure = removed;
                           }
                           removeEntries(run, keys, std::move(done), firstFailure);
                       });
}

// 4. The earlier login of another client ID goes, and a refresh token that
//    no longer belongs to the saved login.
void removeReplaced(const RunPtr& run, const std::optional<TenantProfile>& previous)
{
    const TenantProfile& profile = run->outcome.profile;
    QStringList keys;
    if (previous && previous->clientId != profile.clientId) {
        run->outcome.replaced = previous;
        keys.append(KeychainKeys::tenantCredentials(previous->url, previous->clientId));
    }
    if (previous && !previous->userName.isEmpty() && (previous->clientId != profile.clientId || !run->isUserSignIn())) {
        keys.append(KeychainKeys::refreshToken(previous->url, previous->clientId));
    }
    if (keys.isEmpty()) {
        run->finish(TenantSignIn::Step::Done);
        return;
    }
    removeEntries(run, keys, [run](const KeychainResult& removed) {
        run->outcome.replacedRemoved = removed;
        run->finish(TenantSignIn::Step::Done);
    });
}

// The entries this run wrote, unless they replaced those of the same, still
// saved, login.
QStringList writtenEntries(const RunPtr& run)
{
    const TenantProfile& profile = run->outcome.profile;
    if (run->previous && run->previous->clientId == profile.clientId) {
        return {};
    }
    QStringList keys{KeychainKeys::tenantCredentials(profile.url, profile.clientId)};
    if (run->isUserSignIn()) {
        keys.append(KeychainKeys::refreshToken(profile.url, profile.clientId));
    }
    return keys;
}

// 3. The profile; when it cannot be written, the new keychain entries back out.
void saveProfile(const RunPtr& run)
{
    run->outcome.saved = TenantProfiles(run->settings).save(run->outcome.profile);
    if (run->outcome.saved.ok()) {
        removeReplaced(run, run->previous);
        return;
    }
    const QStringList keys = writtenEntries(run);
    if (keys.isEmpty()) {
        run->finish(TenantSignIn::Step::Settings);
        return;
    }
    removeEntries(run, keys, [run](const KeychainResult& removed) {
        run->outcome.undone = removed;
        run->finish(TenantSignIn::Step::Settings);
    });
}

// 2b. A user's newest refresh token into the keychain; without it the
//     sign-in is of no use, so the client secret's entry goes back out.
void writeRefreshToken(const RunPtr& run)
{
    const TenantProfile& profile = run->outcome.profile;
    QString text = run->refreshToken.toString();
    run->store->write(KeychainKeys::refreshToken(profile.url, profile.clientId), text, run->context,
                      [run](const KeychainResult& written) {
                          if (written.ok()) {
                              saveProfile(run);
                              return;
                          }
                          run->outcome.written = written;
                          QStringList keys = writtenEntries(run);
                          keys.removeAll(
                              KeychainKeys::refreshToken(run->outcome.profile.url, run->outcome.profile.clientId));
                          removeEntries(run, keys, [run, keys](const KeychainResult& removed) {
                              if (!keys.isEmpty()) {
                                  run->outcome.undone = removed;
                              }
                              run->finish(TenantSignIn::Step::Keychain);
                          });
                      });
    wipeString(text);
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
                          } else if (run->isUserSignIn()) {
                              writeRefreshToken(run);
                          } else {
                              saveProfile(run);
                          }
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
    run->previous = TenantProfiles(settings).find(TenantProfiles::normalizedUrl(profile.url));
    // 1. Verify: a token, and the tenant read with it.
    api->tenant(context,
                [run, secret, session = QPointer<AdminSession>(api->session())](const Result<TenantInfo>& result) {
                    run->outcome.verified = result;
                    if (!result.ok()) {
                        run->finish(Step::Verify);
                        return;
                    }
                    if (run->outcome.profile.displayName.isEmpty()) {
                        run->outcome.profile.displayName = displayNameFrom(result.value.tenantName);
                    }
                    if (session && session->usesRefreshToken()) {
                        run->refreshToken = session->refreshToken();
                    }
                    writeSecret(run, secret);
                });
}

QString TenantSignIn::displayNameFrom(const QString& tenantName)
{
    return oneLine(tenantName).left(TenantProfiles::DisplayNameMaxLength);
}

} // namespace appint
