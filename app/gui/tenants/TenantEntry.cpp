#include "gui/tenants/TenantEntry.h"

using namespace Qt::StringLiterals;

namespace appint {

TenantEntry TenantEntry::sandbox()
{
    return TenantEntry{};
}

TenantEntry TenantEntry::fromProfile(const TenantProfile& profile)
{
    return TenantEntry{Kind::Saved, profile.url, profile.clientId, profile.displayName, profile.userName};
}

QString TenantEntry::id() const
{
    switch (kind) {
    case Kind::Sandbox:
        return u"sandbox"_s;
    case Kind::CommandLine:
        return u"cli:"_s + url;
    case Kind::Saved:
        return u"saved:"_s + url;
    }
    return QString();
}

QString TenantEntry::displayText() const
{
    switch (kind) {
    case Kind::Sandbox:
        return tr("Local sandbox tenant");
    case Kind::CommandLine:
        return tr("%1 (command line)").arg(displayName.isEmpty() ? url : displayName);
    case Kind::Saved:
        return displayName.isEmpty() ? url : displayName;
    }
    return url;
}

QString TenantEntry::connectionText(const QStringList& userRoles) const
{
    if (kind == Kind::Saved && !userName.isEmpty()) {
        return userRoles.isEmpty()
            ? tr("Connected to %1 as %2 (signed in with %3)").arg(url, userName, clientId)
            : tr("Connected to %1 as %2 (%3; signed in with %4)").arg(url, userName, userRoles.join(u", "_s), clientId);
    }
    switch (kind) {
    case Kind::Sandbox:
        return tr("Local sandbox tenant at %1").arg(url);
    case Kind::CommandLine:
        return tr("Connected to %1").arg(url);
    case Kind::Saved:
        return tr("Connected to %1 as %2").arg(url, clientId);
    }
    return url;
}

TenantProfile TenantEntry::profile() const
{
    return TenantProfile{url, clientId, displayName, userName};
}

} // namespace appint
