#pragma once

#include "cli/CliFailure.h"
#include "service/TenantProfile.h"

#include <QCoreApplication>

#include <memory>
#include <optional>

namespace appint {

class AdminSession;
class CliContext;
class TenantApi;

// The tenant a command works on, from the stored credentials: the profile
// (TenantProfiles) chosen by --tenant, else $APPINT_TENANT, else the only one
// there is; the admin client's secret from the system keychain; and an
// AdminSession with its TenantApi.
class TenantConnection
{
    Q_DECLARE_TR_FUNCTIONS(TenantConnection)

public:
    explicit TenantConnection(CliContext& context);
    ~TenantConnection();
    TenantConnection(const TenantConnection&) = delete;
    TenantConnection& operator=(const TenantConnection&) = delete;

    // Nothing when connected; else why not.
    std::optional<CliFailure> open(const QString& tenantOption);

    // The profile chosen by --tenant, $APPINT_TENANT or as the only one.
    std::optional<CliFailure> resolveProfile(const QString& tenantOption);

    const TenantProfile& profile() const { return m_profile; }
    TenantApi& api() const { return *m_api; }
    AdminSession& session() const { return *m_session; }

private:
    CliContext& m_context;
    TenantProfile m_profile;
    std::unique_ptr<AdminSession> m_session;
    std::unique_ptr<TenantApi> m_api;
};

} // namespace appint
