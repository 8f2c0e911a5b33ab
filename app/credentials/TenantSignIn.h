#pragma once

#include "core/Secret.h"
#include "keychain/KeychainResult.h"
#include "service/Result.h"
#include "service/SettingsWriteResult.h"
#include "service/TenantProfile.h"

#include <QString>

#include <functional>
#include <optional>

class QObject;
class QSettings;

namespace appint {

class SecretStore;
class TenantApi;

// Signing in to a tenant with an administrator client, for the console's
// connect dialog (TenantSwitcher) and `appint login` alike:
//
// 1. verify: a token, and the tenant read with it (`api` is a TenantApi on an
//    AdminSession with the profile's URL, client ID and `secret`);
// 2. the secret into the system keychain (KeychainKeys::tenantCredentials);
//    nothing else happens when that fails;
// 3. the profile into the settings (TenantProfiles); when that fails, the
//    keychain entry is taken back, unless it replaced the secret of the same,
//    still saved, login;
// 4. a login with another client ID for the same URL replaces the earlier
//    one: its keychain entry is removed.
//
// A user signed in through the browser (the session of `api` acts with a
// refresh token, AdminSession::setRefreshToken; `profile.userName` is set):
// step 2 also writes the newest refresh token, rotated during step 1, under
// KeychainKeys::refreshToken, and when it cannot, the client secret's entry
// is taken back; step 3's undo removes both entries; step 4 also removes the
// refresh token of a replaced login, and of the same login saved before for
// a user when it is now an administrator client's.
//
// The flow checks no fields (the caller has: TenantProfiles::check) and says
// nothing to people: the Outcome tells which step failed with the layer's own
// result, and the screen or the command line words it.
class TenantSignIn
{
public:
    enum class Step { Done, Verify, Keychain, Settings };

    struct Outcome
    {
        Step failedAt = Step::Done;
        // As saved: normalised by the caller, the display name filled in
        // from the tenant's name when it was empty.
        TenantProfile profile;
        ResultInfo verified;
        KeychainResult written;
        SettingsWriteResult saved;
        // Step 3 failed and the new keychain entry was removed again.
        std::optional<KeychainResult> undone;
        // Step 4: the earlier login of that URL and the removal of its secret.
        std::optional<TenantProfile> replaced;
        std::optional<KeychainResult> replacedRemoved;

        bool ok() const { return failedAt == Step::Done; }
    };
    using Callback = std::function<void(const Outcome&)>;

    // Runs the flow; `callback` is called once, later, unless `context` is
    // gone by then (then the flow stops at the next step). `store` and
    // `settings` are not owned and must outlive the flow.
    static void run(TenantApi* api, SecretStore* store, QSettings* settings, const TenantProfile& profile,
                    const Secret& secret, QObject* context, Callback callback);

    // A tenant's name as a display name: one line, at most
    // TenantProfiles::DisplayNameMaxLength characters.
    static QString displayNameFrom(const QString& tenantName);
};

} // namespace appint
