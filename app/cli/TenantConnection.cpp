#include "cli/TenantConnection.h"

#include "cli/CliContext.h"
#include "keychain/KeychainKeys.h"
#include "service/AdminSession.h"
#include "service/RefreshTokenClient.h"
#include "service/TenantApi.h"
#include "service/TenantProfiles.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace appint {

TenantConnection::TenantConnection(CliContext& context)
    : m_context(context)
{
}

TenantConnection::~TenantConnection() = default;

std::optional<CliFailure> TenantConnection::resolveProfile(const QString& tenantOption)
{
    QString wanted = tenantOption;
    if (wanted.isEmpty()) {
        wanted = qEnvironmentVariable("APPINT_TENANT");
    }
    const TenantProfiles profiles(m_context.settings());
    if (!wanted.isEmpty()) {
        const std::optional<TenantProfile> profile = profiles.find(wanted);
        if (!profile) {
            return CliFailure{ExitCode::NotFound,
                              tr("Not logged in to %1. Run: appint login --tenant %1 --client-id ID "
                                 "--client-secret-stdin")
                                  .arg(TenantProfiles::normalizedUrl(wanted))};
        }
        m_profile = *profile;
        return std::nullopt;
    }
    const QList<TenantProfile> all = profiles.profiles();
    if (all.isEmpty()) {
        return CliFailure{ExitCode::NotFound,
                          tr("Not logged in to any tenant. Run: appint login --tenant URL "
                             "--client-id ID --client-secret-stdin")};
    }
    if (all.size() > 1) {
        QStringList urls;
        for (const TenantProfile& profile : all) {
            urls.append(profile.url);
        }
        return CliFailure{ExitCode::Usage,
                          tr("Logged in to %n tenant(s); choose one with --tenant: %1.", nullptr, int(all.size()))
                              .arg(urls.join(u", "_s))};
    }
    m_profile = all.constFirst();
    return std::nullopt;
}

std::optional<CliFailure> TenantConnection::open(const QString& tenantOption)
{
    if (auto failure = resolveProfile(tenantOption)) {
        return failure;
    }
    KeychainResult stored = m_context.readSecret(KeychainKeys::tenantCredentials(m_profile.url, m_profile.clientId));
    if (stored.status == KeychainStatus::NotFound) {
        return CliFailure{ExitCode::Keychain,
                          tr("The secret of %1 for %2 is not in the system keychain. Run appint "
                             "login again.")
                              .arg(m_profile.clientId, m_profile.url)};
    }
    if (!stored.ok()) {
        return CliFailure::fromKeychain(stored, tr("The tenant's credentials cannot be read:"));
    }
    const Secret secret(stored.secret);
    wipeString(stored.secret);
    m_session = std::make_unique<AdminSession>(m_context.network(), QUrl(m_profile.url), m_profile.clientId, secret);
    m_session->setTimeoutMs(CliContext::requestTimeoutMs());
    if (!m_profile.userName.isEmpty()) {
        // A user's browser sign-in: tokens come from the refresh token, and
        // each renewal's newest refresh token goes back to the keychain
        // before the command goes on (the one presented is retired).
        const QString key = KeychainKeys::refreshToken(m_profile.url, m_profile.clientId);
        KeychainResult refresh = m_context.readSecret(key);
        if (refresh.status == KeychainStatus::NotFound) {
            m_session.reset();
            return CliFailure{ExitCode::Authentication,
                              RefreshTokenClient::signInEndedMessage() + u' ' + CliFailure::signInAgainHint()};
        }
        if (!refresh.ok()) {
            m_session.reset();
            return CliFailure::fromKeychain(refresh, tr("The sign-in cannot be read:"));
        }
        m_session->setRefreshToken(Secret(refresh.secret));
        wipeString(refresh.secret);
        QObject::connect(m_session.get(), &AdminSession::refreshTokenRotated, m_session.get(),
                         [this, key](const Secret& newest) {
                             const KeychainResult written = m_context.writeSecret(key, newest);
                             if (!written.ok()) {
                                 m_context.warn(tr("The renewed sign-in cannot be saved in the keychain; the next "
                                                   "command will ask you to sign in again: %1")
                                                    .arg(written.message));
                             }
                         });
    }
    m_api = std::make_unique<TenantApi>(m_session.get());
    return std::nullopt;
}

} // namespace appint
