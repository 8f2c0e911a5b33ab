#pragma once

#include "core/Clock.h"
#include "core/FieldError.h"
#include "core/Secret.h"
#include "gui/tenants/TenantEntry.h"
#include "service/Result.h"
#include "service/TenantProfile.h"

#include <QCoreApplication>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QSettings;

namespace appint {

class AdminSession;
class BrowserSignIn;
class ClientSecretKeeper;
class SecretStore;
class TenantApi;

// The tenants of the console and the connection to the current one.
//
// Tenants: the local sandbox (always; started on first use through the
// SandboxStarter that appint-console provides, since this layer cannot start
// a server), the tenant given on the command line, and the saved tenants
// (TenantProfiles, shared with `appint login`; their secrets in the system
// keychain under KeychainKeys::tenantCredentials).
//
// activate() connects: it reads the secret (keychain, sandbox or command
// line), obtains a token and reads the tenant to prove that the credentials
// work, and only then makes the new connection current (activated()). A
// failure (activationFailed()) leaves the current connection as it was.
//
// connectTenant() is the connect dialog's work: verify, then the secret into
// the keychain, then the profile into the settings; nothing is half-saved (a
// keychain failure saves no profile; a profile that cannot be written takes
// its keychain entry back). forget() removes a saved tenant: its keychain
// entry, the client secrets saved for it, and its profile.
class TenantSwitcher : public QObject
{
    Q_OBJECT

public:
    // What the sandbox or the command line give instead of a keychain entry.
    struct Credentials
    {
        QUrl url;
        QString clientId;
        Secret secret;
        // The tenant part of the keychain keys of client secrets saved while
        // connected (KeychainKeys::clientSecret). The sandbox's URL changes
        // with every start (an ephemeral port), so it names its data folder.
        QString keychainTenant;
        // The token endpoint the credentials name (the token_url of an
        // --admin-credentials file): the admin secret goes there, even on
        // another host than `url`. Empty: the tenant's own, discovered.
        QUrl tokenEndpoint = {};
    };
    using SandboxStarter = std::function<std::optional<Credentials>(QString* error)>;

    struct ConnectOutcome
    {
        QString message; // empty when connected
        FieldErrors fieldErrors; // by ConnectDialog field (url, clientId, clientSecret, displayName)
        bool ok() const { return message.isEmpty(); }
    };
    using ConnectCallback = std::function<void(const ConnectOutcome&)>;
    // An empty message when done.
    using ForgetCallback = std::function<void(const QString& message)>;

    // `store` and `settings` are not owned and must outlive the switcher.
    TenantSwitcher(SecretStore* store, QSettings* settings, const Clock& clock = Clock::system(),
                   QObject* parent = nullptr);
    ~TenantSwitcher() override;

    void setSandboxStarter(SandboxStarter starter);
    void setCommandLineTenant(const Credentials& credentials);
    // Time limit of each HTTP exchange of the sessions made from now on.
    void setTimeoutMs(int milliseconds);

    // The sandbox, the command line's tenant (if any), then the saved
    // tenants as the settings have them now.
    QList<TenantEntry> entries() const;
    std::optional<TenantEntry> current() const;
    TenantApi* api() const;
    ClientSecretKeeper* keeper() const;
    bool isActivating() const;
    SecretStore* secretStore() const { return m_store; }
    // The network of every session (one QNetworkAccessManager), for other
    // pages that talk HTTP.
    QNetworkAccessManager* network() const { return m_network; }
    QSettings* settings() const { return m_settings; }

    // What appint-console opens without arguments: the command line's tenant
    // when there is one, else the saved tenant used last, else the sandbox.
    TenantEntry startupEntry() const;

    // Connects to `entry` (asynchronously). An earlier activation still
    // running is abandoned.
    void activate(const TenantEntry& entry);
    // The connect dialog: verifies, saves, and makes the tenant current.
    void connectTenant(const TenantProfile& profile, const Secret& secret, QObject* context, ConnectCallback callback);
    // The connect dialog's browser sign-in: `profile` names the tenant and
    // the Interactive Usage client, `secret` is the client's. `urlReady`
    // gets the sign-in page's URL, which the switcher has asked the system
    // to open in the browser (`opened` false: it could not). `timeoutMs`
    // bounds the whole sign-in, the person's time in the browser included.
    using UrlCallback = std::function<void(const QUrl& url, bool opened)>;
    void signInWithBrowser(const TenantProfile& profile, const Secret& secret, int timeoutMs, QObject* context,
                           UrlCallback urlReady, ConnectCallback callback);
    // Ends a browser sign-in under way; its callback reports the cancel.
    void cancelBrowserSignIn();
    bool isSigningIn() const;

    // The signed-in user's roles on the current connection, as the tenant
    // granted them in the last access token ("ROLE" or "ROLE (SPACE, …)");
    // empty for an administrator client.
    QStringList userRoles() const;
    // Removes a saved tenant. When it was the current one, the sandbox is
    // activated next.
    void forget(const TenantEntry& entry, QObject* context, ForgetCallback callback);

signals:
    void entriesChanged();
    void activationStarted(const TenantEntry& entry);
    // The connection changed: api() and keeper() are the new ones.
    void activated(const TenantEntry& entry);
    void activationFailed(const TenantEntry& entry, const QString& message);
    // The current connection's user sign-in was refused by the tenant (the
    // user was deactivated, the sign-in expired or was revoked).
    void signInEnded(const TenantEntry& entry, const QString& message);
    // The current user's access token was renewed: userRoles() may differ.
    void userRenewed();

private:
    class Connection;

    Connection* newConnection(const TenantEntry& entry, const Credentials& credentials,
                              const Secret& refreshToken = Secret());
    void saveSignIn(Connection* connection, const TenantProfile& profile, const Secret& secret, ConnectCallback reply);
    void activateUser(const TenantEntry& entry, const Secret& clientSecret);
    // What the console says when the tenant refused a user's refresh token.
    static QString signInEndedText(const TenantEntry& entry);
    // The callback, or nothing once `context` is gone.
    static ConnectCallback guarded(QObject* context, ConnectCallback callback);
    // The profile normalised, when it and the secret pass the checks; else
    // `reply` hears of the fields, later.
    std::optional<TenantProfile> checkedProfile(const TenantProfile& requested, const Secret& secret,
                                                const ConnectCallback& reply);
    void removeSaved(const TenantEntry& entry, ForgetCallback reply);
    using VerifyCallback = std::function<void(const ResultInfo& result, const QString& tenantName)>;
    void verify(Connection* connection, VerifyCallback done);
    void activateWith(Connection* connection);
    void failActivation(Connection* connection, const TenantEntry& entry, const QString& message);
    void makeCurrent(Connection* connection);
    static void discard(Connection* connection);

    SecretStore* m_store;
    QSettings* m_settings;
    const Clock& m_clock;
    QNetworkAccessManager* m_network = nullptr;
    SandboxStarter m_sandboxStarter;
    std::optional<Credentials> m_sandbox; // once started
    std::optional<Credentials> m_commandLine;
    QString m_commandLineName;
    int m_timeoutMs = 0; // 0: AdminSession's default
    Connection* m_current = nullptr;
    Connection* m_pending = nullptr; // an activation under way
    BrowserSignIn* m_browserSignIn = nullptr; // a browser sign-in under way
};

} // namespace appint
