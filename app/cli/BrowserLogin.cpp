#include "cli/BrowserLogin.h"

#include "cli/CliContext.h"
#include "credentials/TenantSignIn.h"
#include "service/AdminSession.h"
#include "service/BrowserSignIn.h"
#include "service/TenantApi.h"
#include "service/TenantProfiles.h"

#include <QDesktopServices>
#include <QGuiApplication>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace appint {

int BrowserLogin::run(const Options& options, CliContext& context)
{
    TenantProfile profile = options.profile;

    // 1. The browser: the person signs in on the tenant's own page.
    BrowserSignIn signIn(context.network());
    QObject::connect(&signIn, &BrowserSignIn::authorizationUrlReady, &signIn, [&](const QUrl& url) {
        context.notice(tr("To sign in, open this page in a browser:"));
        context.notice(url.toString(QUrl::FullyEncoded));
        if (!options.openBrowser) {
            return;
        }
        if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()) || !QDesktopServices::openUrl(url)) {
            context.notice(tr("No browser could be opened here: open the page above yourself."));
        } else {
            context.notice(tr("Waiting for the browser…"));
        }
    });
    const Result<BrowserSignIn::Tokens> signedIn
        = context.wait<Result<BrowserSignIn::Tokens>>([&](QObject* owner, auto done) {
              QObject::connect(&signIn, &BrowserSignIn::finished, owner, done);
              signIn.start(QUrl(profile.url), profile.clientId, options.clientSecret, options.redirectPort,
                           options.timeoutSeconds * 1000);
          });
    if (!signedIn.ok()) {
        return context.fail(CliFailure::fromResult(signedIn, tr("Sign-in failed, nothing was saved:")));
    }
    if (!TenantProfiles::isUserName(signedIn.value.userName)) {
        return context.fail(ExitCode::Error, tr("Sign-in failed, nothing was saved: the tenant named no usable user."));
    }
    profile.userName = signedIn.value.userName;

    // 2. Verify with a renewed access token (which also proves that the
    //    refresh token works), then the client secret and the newest refresh
    //    token into the keychain and the profile into the settings
    //    (credentials/TenantSignIn; nothing is half-saved).
    AdminSession session(context.network(), QUrl(profile.url), profile.clientId, options.clientSecret);
    session.setTimeoutMs(CliContext::requestTimeoutMs());
    session.setRefreshToken(signedIn.value.refreshToken);
    TenantApi api(&session);
    const TenantSignIn::Outcome outcome = context.wait<TenantSignIn::Outcome>([&](QObject* owner, auto done) {
        TenantSignIn::run(&api, context.secretStore(), context.settings(), profile, options.clientSecret, owner, done);
    });
    switch (outcome.failedAt) {
    case TenantSignIn::Step::Verify:
        return context.fail(CliFailure::fromResult(outcome.verified, tr("Sign-in failed, nothing was saved:")));
    case TenantSignIn::Step::Keychain:
        return context.fail(CliFailure::fromKeychain(
            outcome.written,
            tr("You are signed in, but the sign-in cannot be saved in the keychain, so nothing "
               "was saved:")));
    case TenantSignIn::Step::Settings:
        return context.fail(ExitCode::File,
                            tr("The tenant cannot be saved in the settings: %1").arg(outcome.saved.message));
    case TenantSignIn::Step::Done:
        break;
    }
    context.print(tr("Signed in to %1 (%2) as %3 with client %4. The sign-in is saved in the system keychain.")
                      .arg(outcome.profile.displayText(), outcome.profile.url, outcome.profile.userName,
                           outcome.profile.clientId));
    return toInt(ExitCode::Ok);
}

} // namespace appint
