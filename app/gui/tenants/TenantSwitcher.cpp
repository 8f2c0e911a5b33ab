#include "gui/tenants/TenantSwitcher.h"

#include "core/RoleAssignment.h"
#include "credentials/ClientSecretKeeper.h"
#include "credentials/SavedClientSecrets.h"
#include "credentials/TenantSignIn.h"
#include "gui/shell/ConsolePreferences.h"
#include "gui/widgets/Logging.h"
#include "keychain/KeychainKeys.h"
#include "keychain/SecretStore.h"
#include "service/AdminSession.h"
#include "service/BrowserSignIn.h"
#include "service/TenantApi.h"
#include "service/TenantProfiles.h"

#include <QDesktopServices>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSettings>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
const QString FieldSecret = u"clientSecret"_s;

// The service's messages may start with a lower-case name ("the tenant at
// …"); after a sentence of ours they start one of their own.
QString sentence(QString text)
{
    if (!text.isEmpty()) {
        text[0] = text[0].toUpper();
    }
    return text;
}
} // namespace

// One tenant's session, API and keeper of saved client secrets. `context`
// carries the callbacks of the checks made while connecting: destroying it
// drops them. Deleted later (deleteLater), never from inside one of its own
// API's callbacks.
class TenantSwitcher::Connection : public QObject
{
public:
    Connection(TenantEntry tenant, QObject* parent)
        : QObject(parent)
        , entry(std::move(tenant))
        , context(std::make_unique<QObject>())
    {
    }
    ~Connection() override
    {
        context.reset();
        if (api) {
            api->cancelAll();
        }
        api.reset();
        session.reset();
        keeper.reset();
    }

    TenantEntry entry;
    std::unique_ptr<QObject> context;
    std::unique_ptr<AdminSession> session;
    std::unique_ptr<TenantApi> api;
    std::unique_ptr<ClientSecretKeeper> keeper;
};

TenantSwitcher::TenantSwitcher(SecretStore* store, QSettings* settings, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_settings(settings)
    , m_clock(clock)
    , m_network(new QNetworkAccessManager(this))
{
    Q_ASSERT(m_store && m_settings);
}

TenantSwitcher::~TenantSwitcher()
{
    delete m_browserSignIn;
    delete m_pending;
    delete m_current;
}

void TenantSwitcher::setSandboxStarter(SandboxStarter starter)
{
    m_sandboxStarter = std::move(starter);
}

void TenantSwitcher::setCommandLineTenant(const Credentials& credentials)
{
    m_commandLine = credentials;
    emit entriesChanged();
}

void TenantSwitcher::setTimeoutMs(int milliseconds)
{
    m_timeoutMs = milliseconds;
}

QList<TenantEntry> TenantSwitcher::entries() const
{
    QList<TenantEntry> entries;
    TenantEntry sandbox = TenantEntry::sandbox();
    if (m_sandbox) {
        sandbox.url = m_sandbox->url.toString();
        sandbox.clientId = m_sandbox->clientId;
    }
    entries.append(sandbox);
    if (m_commandLine) {
        entries.append(TenantEntry{TenantEntry::Kind::CommandLine, m_commandLine->url.toString(),
                                   m_commandLine->clientId, m_commandLineName});
    }
    const TenantProfiles profiles(m_settings);
    for (const TenantProfile& profile : profiles.profiles()) {
        entries.append(TenantEntry::fromProfile(profile));
    }
    return entries;
}

std::optional<TenantEntry> TenantSwitcher::current() const
{
    return m_current ? std::optional<TenantEntry>(m_current->entry) : std::nullopt;
}

TenantApi* TenantSwitcher::api() const
{
    return m_current ? m_current->api.get() : nullptr;
}

ClientSecretKeeper* TenantSwitcher::keeper() const
{
    return m_current ? m_current->keeper.get() : nullptr;
}

bool TenantSwitcher::isActivating() const
{
    return m_pending != nullptr;
}

TenantEntry TenantSwitcher::startupEntry() const
{
    const QList<TenantEntry> all = entries();
    if (m_commandLine) {
        return all.at(1);
    }
    const QString last = ConsolePreferences(m_settings).lastTenant();
    for (const TenantEntry& entry : all) {
        if (entry.kind == TenantEntry::Kind::Saved && entry.id() == last) {
            return entry;
        }
    }
    return all.constFirst();
}

TenantSwitcher::Connection* TenantSwitcher::newConnection(const TenantEntry& entry, const Credentials& credentials,
                                                          const Secret& refreshToken)
{
    auto* connection = new Connection(entry, this);
    connection->session
        = std::make_unique<AdminSession>(m_network, credentials.url, credentials.clientId, credentials.secret, m_clock);
    if (m_timeoutMs > 0) {
        connection->session->setTimeoutMs(m_timeoutMs);
    }
    if (!credentials.tokenEndpoint.isEmpty()) {
        connection->session->setTokenEndpoint(credentials.tokenEndpoint);
    }
    if (!refreshToken.isEmpty()) {
        AdminSession* session = connection->session.get();
        session->setRefreshToken(refreshToken);
        // The tenant retires the refresh token it was given: the newest goes
        // to the keychain at once, for the next start and for `appint`.
        connect(session, &AdminSession::refreshTokenRotated, connection, [this, connection](const Secret& newest) {
            if (connection->entry.kind != TenantEntry::Kind::Saved) {
                return;
            }
            const TenantEntry& saved = connection->entry;
            QString text = newest.toString();
            m_store->write(KeychainKeys::refreshToken(saved.url, saved.clientId), text, this,
                           [id = saved.id()](const KeychainResult& written) {
                               if (!written.ok()) {
                                   qCWarning(lcGui).noquote() << "keychain: save the renewed sign-in of" << id << "->"
                                                              << keychainStatusId(written.status);
                               }
                           });
            wipeString(text);
        });
        connect(session, &AdminSession::signInEnded, connection, [this, connection](const ResultInfo&) {
            if (m_current != connection) {
                return;
            }
            const TenantEntry& ended = connection->entry;
            qCWarning(lcGui).noquote() << "the sign-in of" << ended.userName << "to" << ended.id() << "has ended";
            emit signInEnded(ended, signInEndedText(ended));
        });
        connect(session, &AdminSession::userTokenRenewed, connection, [this, connection] {
            if (m_current == connection) {
                emit userRenewed();
            }
        });
    }
    connection->api = std::make_unique<TenantApi>(connection->session.get());
    connection->keeper = std::make_unique<ClientSecretKeeper>(m_store, m_settings, credentials.keychainTenant);
    return connection;
}

void TenantSwitcher::discard(Connection* connection)
{
    if (connection) {
        connection->context.reset();
        connection->deleteLater();
    }
}

void TenantSwitcher::verify(Connection* connection, VerifyCallback done)
{
    // A token, and the tenant read with it: the credentials work.
    connection->api->tenant(connection->context.get(), [done = std::move(done)](const Result<TenantInfo>& result) {
        done(result, result.value.tenantName);
    });
}

void TenantSwitcher::activate(const TenantEntry& requested)
{
    discard(m_pending);
    m_pending = nullptr;
    TenantEntry entry = requested;
    qCInfo(lcGui).noquote() << "connecting to" << entry.id();
    emit activationStarted(entry);

    switch (entry.kind) {
    case TenantEntry::Kind::Sandbox: {
        if (!m_sandbox) {
            QString error;
            std::optional<Credentials> started = m_sandboxStarter ? m_sandboxStarter(&error) : std::nullopt;
            if (!started) {
                if (error.isEmpty()) {
                    error = tr("The local sandbox tenant is not available in this console.");
                }
                failActivation(nullptr, entry, error);
                return;
            }
            m_sandbox = started;
            emit entriesChanged();
        }
        entry.url = m_sandbox->url.toString();
        entry.clientId = m_sandbox->clientId;
        activateWith(newConnection(entry, *m_sandbox));
        return;
    }
    case TenantEntry::Kind::CommandLine:
        if (!m_commandLine) {
            failActivation(nullptr, entry, tr("No tenant was given on the command line."));
            return;
        }
        activateWith(newConnection(entry, *m_commandLine));
        return;
    case TenantEntry::Kind::Saved:
        break;
    }

    // A saved tenant: its secret from the keychain first.
    auto* reading = new Connection(entry, this);
    m_pending = reading;
    const QString key = KeychainKeys::tenantCredentials(entry.url, entry.clientId);
    m_store->read(key, reading->context.get(), [this, reading, entry](const KeychainResult& result) {
        if (m_pending != reading) {
            return;
        }
        m_pending = nullptr;
        discard(reading);
        if (result.status == KeychainStatus::NotFound) {
            failActivation(nullptr, entry,
                           tr("The secret of %1 for %2 is not in the system keychain. Connect again and enter it.")
                               .arg(entry.clientId, entry.url));
            return;
        }
        if (!result.ok()) {
            failActivation(nullptr, entry,
                           tr("The secret of %1 for %2 cannot be read from the system keychain. %3")
                               .arg(entry.clientId, entry.url, result.message));
            return;
        }
        if (!entry.userName.isEmpty()) {
            activateUser(entry, Secret(result.secret));
            return;
        }
        activateWith(
            newConnection(entry, Credentials{QUrl(entry.url), entry.clientId, Secret(result.secret), entry.url}));
    });
}

void TenantSwitcher::activateUser(const TenantEntry& entry, const Secret& clientSecret)
{
    // A user's sign-in: the refresh token from the keychain too.
    auto* reading = new Connection(entry, this);
    m_pending = reading;
    const QString key = KeychainKeys::refreshToken(entry.url, entry.clientId);
    m_store->read(key, reading->context.get(), [this, reading, entry, clientSecret](const KeychainResult& result) {
        if (m_pending != reading) {
            return;
        }
        m_pending = nullptr;
        discard(reading);
        if (result.status == KeychainStatus::NotFound) {
            failActivation(nullptr, entry,
                           tr("The sign-in of %1 to %2 is not in the system keychain. Sign in again.")
                               .arg(entry.userName, entry.displayText()));
            return;
        }
        if (!result.ok()) {
            failActivation(nullptr, entry,
                           tr("The sign-in of %1 to %2 cannot be read from the system keychain. %3")
                               .arg(entry.userName, entry.displayText(), result.message));
            return;
        }
        activateWith(newConnection(entry, Credentials{QUrl(entry.url), entry.clientId, clientSecret, entry.url},
                                   Secret(result.secret)));
    });
}

void TenantSwitcher::activateWith(Connection* connection)
{
    m_pending = connection;
    verify(connection, [this, connection](const ResultInfo& result, const QString& tenantName) {
        if (m_pending != connection) {
            return;
        }
        m_pending = nullptr;
        if (!result.ok()) {
            const TenantEntry& entry = connection->entry;
            failActivation(connection, entry,
                           result.status == ResultStatus::SignInEnded
                               ? signInEndedText(entry)
                               : tr("Could not connect to %1. %2").arg(entry.displayText(), sentence(result.message)));
            return;
        }
        if (connection->entry.kind == TenantEntry::Kind::CommandLine) {
            // Its name is known once connected.
            m_commandLineName = TenantSignIn::displayNameFrom(tenantName);
            connection->entry.displayName = m_commandLineName;
        }
        makeCurrent(connection);
    });
}

void TenantSwitcher::failActivation(Connection* connection, const TenantEntry& entry, const QString& message)
{
    qCWarning(lcGui).noquote() << "could not connect to" << entry.id() << message;
    discard(connection);
    emit activationFailed(entry, message);
}

void TenantSwitcher::makeCurrent(Connection* connection)
{
    Connection* old = m_current;
    m_current = connection;
    if (connection->entry.kind != TenantEntry::Kind::CommandLine) {
        ConsolePreferences(m_settings).setLastTenant(connection->entry.id());
    }
    qCInfo(lcGui).noquote() << "connected to" << connection->entry.id();
    emit activated(connection->entry);
    discard(old);
}

QString TenantSwitcher::signInEndedText(const TenantEntry& entry)
{
    return tr("Your sign-in to %1 as %2 has ended: the user was deactivated or signed out, or the sign-in expired. "
              "Sign in again.")
        .arg(entry.displayText(), entry.userName);
}

TenantSwitcher::ConnectCallback TenantSwitcher::guarded(QObject* context, ConnectCallback callback)
{
    return [context = QPointer<QObject>(context), callback = std::move(callback)](const ConnectOutcome& outcome) {
        if (context && callback) {
            callback(outcome);
        }
    };
}

std::optional<TenantProfile> TenantSwitcher::checkedProfile(const TenantProfile& requested, const Secret& secret,
                                                            const ConnectCallback& reply)
{
    TenantProfile profile = requested;
    profile.url = TenantProfiles::normalizedUrl(profile.url);
    FieldErrors errors = TenantProfiles::check(profile);
    if (secret.isEmpty()) {
        errors.append({FieldSecret, tr("Enter the client secret.")});
    }
    if (errors.isEmpty()) {
        return profile;
    }
    QTimer::singleShot(0, this, [reply, errors] { reply({tr("Check the fields marked below."), errors}); });
    return std::nullopt;
}

void TenantSwitcher::connectTenant(const TenantProfile& requested, const Secret& secret, QObject* context,
                                   ConnectCallback callback)
{
    const ConnectCallback reply = guarded(context, std::move(callback));
    const std::optional<TenantProfile> checked = checkedProfile(requested, secret, reply);
    if (!checked) {
        return;
    }
    const TenantProfile& profile = *checked;
    qCInfo(lcGui).noquote() << "checking the credentials of" << profile.clientId << "for" << profile.url;
    Connection* connection = newConnection(TenantEntry::fromProfile(profile),
                                           Credentials{QUrl(profile.url), profile.clientId, secret, profile.url});
    saveSignIn(connection, profile, secret, reply);
}

void TenantSwitcher::saveSignIn(Connection* connection, const TenantProfile& profile, const Secret& secret,
                                ConnectCallback reply)
{
    // Verify, the secret (and a user's refresh token) into the keychain, the
    // profile into the settings (credentials/TenantSignIn); the connection
    // that verified becomes current.
    TenantSignIn::run(
        connection->api.get(), m_store, m_settings, profile, secret, connection->context.get(),
        [this, connection, reply](const TenantSignIn::Outcome& outcome) {
            const TenantProfile& saved = outcome.profile;
            switch (outcome.failedAt) {
            case TenantSignIn::Step::Verify: {
                const ResultInfo& result = outcome.verified;
                discard(connection);
                qCWarning(lcGui).noquote() << "the credentials of" << saved.clientId << "for" << saved.url
                                           << "were not accepted:" << result.message;
                // Beside the field that is most likely wrong.
                FieldErrors beside;
                if (result.status == ResultStatus::Authentication) {
                    beside.append({FieldSecret, tr("The tenant did not accept this client ID and secret.")});
                } else if (result.status == ResultStatus::Network || result.status == ResultStatus::Tls
                           || result.status == ResultStatus::Protocol || result.status == ResultStatus::NotFound) {
                    beside.append({TenantProfiles::FieldUrl, tr("Check the URL.")});
                }
                if (result.status == ResultStatus::Forbidden && !saved.userName.isEmpty()) {
                    reply({tr("You signed in as %1, but the tenant lets only its administrators (role "
                              "DW_ADMINISTRATOR) manage it, so nothing was saved.")
                               .arg(saved.userName),
                           {}});
                    return;
                }
                reply({tr("Could not connect, nothing was saved. %1").arg(sentence(result.message)), beside});
                return;
            }
            case TenantSignIn::Step::Keychain:
                discard(connection);
                qCWarning(lcGui).noquote() << "keychain: save the secret of" << saved.clientId << "->"
                                           << keychainStatusId(outcome.written.status);
                reply({tr("The credentials work, but the secret cannot be saved in the system keychain, so nothing "
                          "was saved. %1")
                           .arg(outcome.written.message),
                       {}});
                return;
            case TenantSignIn::Step::Settings: {
                const SettingsWriteResult& stored = outcome.saved;
                discard(connection);
                reply({tr("The tenant cannot be saved in the settings, so nothing was saved. %1")
                           .arg(stored.message.isEmpty() && !stored.fieldErrors.isEmpty()
                                    ? stored.fieldErrors.constFirst().message
                                    : stored.message),
                       stored.fieldErrors});
                return;
            }
            case TenantSignIn::Step::Done:
                break;
            }
            if (outcome.replacedRemoved && !outcome.replacedRemoved->ok()) {
                qCWarning(lcGui).noquote() << "keychain: remove the earlier login of" << saved.url << "->"
                                           << keychainStatusId(outcome.replacedRemoved->status);
            }
            connection->entry = TenantEntry::fromProfile(saved);
            emit entriesChanged();
            if (m_pending) {
                discard(m_pending);
                m_pending = nullptr;
            }
            makeCurrent(connection);
            reply({});
        });
}

void TenantSwitcher::signInWithBrowser(const TenantProfile& requested, const Secret& secret, int timeoutMs,
                                       QObject* context, UrlCallback urlReady, ConnectCallback callback)
{
    const ConnectCallback reply = guarded(context, std::move(callback));
    std::optional<TenantProfile> checked = checkedProfile(requested, secret, reply);
    if (!checked) {
        return;
    }
    TenantProfile profile = *checked;
    profile.userName.clear(); // the tenant names the user
    cancelBrowserSignIn();
    qCInfo(lcGui).noquote() << "browser sign-in with" << profile.clientId << "at" << profile.url;
    auto* signIn = new BrowserSignIn(m_network, this);
    m_browserSignIn = signIn;
    connect(signIn, &BrowserSignIn::authorizationUrlReady, this,
            [context = QPointer<QObject>(context), urlReady = std::move(urlReady)](const QUrl& url) {
                const bool opened = QDesktopServices::openUrl(url);
                if (!opened) {
                    qCWarning(lcGui) << "no browser could be opened for the sign-in page";
                }
                if (context && urlReady) {
                    urlReady(url, opened);
                }
            });
    connect(
        signIn, &BrowserSignIn::finished, this,
        [this, signIn, profile, secret, reply](const Result<BrowserSignIn::Tokens>& result) {
            if (m_browserSignIn == signIn) {
                m_browserSignIn = nullptr;
            }
            signIn->deleteLater();
            if (!result.ok()) {
                qCWarning(lcGui).noquote() << "browser sign-in ended:" << resultStatusId(result.status);
                reply({result.status == ResultStatus::Cancelled
                           ? tr("The sign-in was cancelled, nothing was saved.")
                           : tr("The sign-in did not complete, nothing was saved. %1").arg(sentence(result.message)),
                       {}});
                return;
            }
            if (!TenantProfiles::isUserName(result.value.userName)) {
                reply({tr("The sign-in did not complete, nothing was saved: the tenant named no usable user."), {}});
                return;
            }
            TenantProfile signedIn = profile;
            signedIn.userName = result.value.userName;
            Connection* connection = newConnection(
                TenantEntry::fromProfile(signedIn),
                Credentials{QUrl(signedIn.url), signedIn.clientId, secret, signedIn.url}, result.value.refreshToken);
            saveSignIn(connection, signedIn, secret, reply);
        });
    signIn->start(QUrl(profile.url), profile.clientId, secret, 0, timeoutMs);
}

void TenantSwitcher::cancelBrowserSignIn()
{
    if (m_browserSignIn) {
        m_browserSignIn->cancel();
    }
}

bool TenantSwitcher::isSigningIn() const
{
    return m_browserSignIn != nullptr;
}

QStringList TenantSwitcher::userRoles() const
{
    if (!m_current || !m_current->session->usesRefreshToken()) {
        return {};
    }
    const std::optional<QJsonObject> claims = m_current->session->userClaims();
    if (!claims) {
        return {};
    }
    QStringList roles;
    for (const QJsonValue& role : claims->value(u"roles"_s).toArray()) {
        roles.append(role.toString());
    }
    const QJsonObject scoped = claims->value(u"scoped_roles"_s).toObject();
    for (auto it = scoped.begin(); it != scoped.end(); ++it) {
        QStringList spaces;
        for (const QJsonValue& space : it.value().toArray()) {
            spaces.append(space.toString());
        }
        roles.append(RoleAssignment{it.key(), spaces}.displayText());
    }
    roles.removeAll(QString());
    return roles;
}

void TenantSwitcher::forget(const TenantEntry& entry, QObject* context, ForgetCallback callback)
{
    auto reply = [context = QPointer<QObject>(context), callback = std::move(callback)](const QString& message) {
        if (context && callback) {
            callback(message);
        }
    };
    if (entry.kind != TenantEntry::Kind::Saved) {
        QTimer::singleShot(0, this, [reply] { reply(tr("Only a saved tenant can be forgotten.")); });
        return;
    }
    if (m_current && m_current->entry.id() == entry.id() && m_current->session->usesRefreshToken()) {
        // A user's sign-in ends at the tenant first (RFC 7009); a tenant that
        // cannot be told does not keep it on this machine.
        m_current->session->signOut(m_current->context.get(), [this, entry, reply](const ResultInfo& result) {
            if (!result.ok()) {
                qCWarning(lcGui).noquote()
                    << "the sign-in to" << entry.id() << "could not be revoked:" << resultStatusId(result.status);
            }
            removeSaved(entry, reply);
        });
        return;
    }
    removeSaved(entry, reply);
}

void TenantSwitcher::removeSaved(const TenantEntry& entry, ForgetCallback reply)
{
    // The client secrets saved for the tenant first, then the tenant's own
    // secret, then the profile: a keychain that refuses leaves the tenant in
    // the list, so that forgetting can be tried again.
    const QStringList clientIds = [&] {
        const QSet<QString> ids = SavedClientSecrets(m_settings).clientIds(entry.url);
        return QStringList(ids.cbegin(), ids.cend());
    }();
    struct State
    {
        int pending = 0;
        QStringList failures;
    };
    auto state = std::make_shared<State>();
    // A user's sign-in: the refresh token goes too.
    QStringList ownKeys{KeychainKeys::tenantCredentials(entry.url, entry.clientId)};
    if (!entry.userName.isEmpty()) {
        ownKeys.append(KeychainKeys::refreshToken(entry.url, entry.clientId));
    }
    state->pending = int(clientIds.size() + ownKeys.size());
    auto finish = [this, entry, reply, state] {
        if (--state->pending > 0) {
            return;
        }
        if (!state->failures.isEmpty()) {
            reply(tr("The tenant was not forgotten: its secrets could not all be removed from the system keychain. "
                     "%1")
                      .arg(state->failures.constFirst()));
            return;
        }
        const SettingsWriteResult removed = TenantProfiles(m_settings).remove(entry.url);
        if (!removed.ok()) {
            reply(tr("The secrets were removed from the system keychain, but the tenant cannot be removed from the "
                     "settings. %1")
                      .arg(removed.message));
            return;
        }
        SavedClientSecrets(m_settings).removeTenant(entry.url);
        ConsolePreferences preferences(m_settings);
        if (preferences.lastTenant() == entry.id()) {
            preferences.setLastTenant(QString());
        }
        qCInfo(lcGui).noquote() << "forgot" << entry.id();
        emit entriesChanged();
        reply(QString());
        if (m_current && m_current->entry.id() == entry.id()) {
            activate(TenantEntry::sandbox());
        }
    };
    for (const QString& clientId : clientIds) {
        m_store->remove(KeychainKeys::clientSecret(entry.url, clientId), this,
                        [state, finish](const KeychainResult& result) {
                            if (!result.ok()) {
                                state->failures.append(result.message);
                            }
                            finish();
                        });
    }
    for (const QString& key : ownKeys) {
        m_store->remove(key, this, [state, finish](const KeychainResult& result) {
            if (!result.ok() && result.status != KeychainStatus::NotFound) {
                state->failures.append(result.message);
            }
            finish();
        });
    }
}

} // namespace appint
