#include "service/TenantProfiles.h"

#include "core/TenantUrl.h"
#include "service/SharedSettings.h"

#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
bool hasControlCharacter(const QString& text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator) {
            return true;
        }
    }
    return false;
}
} // namespace

TenantProfiles::TenantProfiles(QSettings* settings)
    : m_settings(settings)
{
    Q_ASSERT(m_settings);
}

QString TenantProfiles::normalizedUrl(QStringView tenantUrl)
{
    return TenantUrl::normalized(tenantUrl);
}

FieldErrors TenantProfiles::check(const TenantProfile& profile)
{
    FieldErrors errors;
    const QUrl url(normalizedUrl(profile.url), QUrl::StrictMode);
    if (profile.url.trimmed().isEmpty()) {
        errors.append({FieldUrl, tr("Enter the tenant URL.")});
    } else if (!url.isValid() || url.isRelative() || url.host().isEmpty()
               || (url.scheme() != u"https"_s && url.scheme() != u"http"_s)) {
        errors.append({FieldUrl,
                       tr("The tenant URL must be an absolute http or https URL, like "
                          "https://tenant.example.com.")});
    }
    if (profile.clientId.trimmed().isEmpty()) {
        errors.append({FieldClientId, tr("Enter the client ID.")});
    } else if (profile.clientId != profile.clientId.trimmed() || hasControlCharacter(profile.clientId)) {
        errors.append({FieldClientId,
                       tr("The client ID cannot start or end with spaces or contain control "
                          "characters.")});
    } else if (profile.clientId.size() > ClientIdMaxLength) {
        errors.append(
            {FieldClientId, tr("The client ID can have at most %n character(s).", nullptr, int(ClientIdMaxLength))});
    }
    if (hasControlCharacter(profile.displayName)) {
        errors.append({FieldDisplayName, tr("The display name cannot contain control characters or line breaks.")});
    } else if (profile.displayName.size() > DisplayNameMaxLength) {
        errors.append({FieldDisplayName,
                       tr("The display name can have at most %n character(s).", nullptr, int(DisplayNameMaxLength))});
    }
    return errors;
}

bool TenantProfiles::isUserName(const QString& userName)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9_.@-]{1,256}$"_s);
    return pattern.match(userName).hasMatch();
}

QList<TenantProfile> TenantProfiles::profiles() const
{
    m_settings->sync();
    QList<TenantProfile> profiles;
    const int size = m_settings->beginReadArray(Group);
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        TenantProfile profile{
            normalizedUrl(m_settings->value(FieldUrl).toString()), m_settings->value(FieldClientId).toString(),
            m_settings->value(FieldDisplayName).toString(), m_settings->value(FieldUserName).toString()};
        // A hand-edited file may hold an entry without URL or a second entry
        // of a URL: skip them rather than show something unusable.
        const bool duplicate = std::any_of(profiles.cbegin(), profiles.cend(),
                                           [&](const TenantProfile& p) { return p.url == profile.url; });
        if (!profile.url.isEmpty() && !profile.clientId.isEmpty() && !duplicate) {
            profiles.append(profile);
        }
    }
    m_settings->endArray();
    return profiles;
}

std::optional<TenantProfile> TenantProfiles::find(QStringView url) const
{
    const QString wanted = normalizedUrl(url);
    for (const TenantProfile& profile : profiles()) {
        if (profile.url == wanted) {
            return profile;
        }
    }
    return std::nullopt;
}

SettingsWriteResult TenantProfiles::save(TenantProfile profile)
{
    SettingsWriteResult result;
    result.fieldErrors = check(profile);
    if (!result.fieldErrors.isEmpty()) {
        result.message = result.fieldErrors.constFirst().message;
        return result;
    }
    profile.url = normalizedUrl(profile.url);
    QList<TenantProfile> all = profiles();
    const auto it = std::find_if(all.begin(), all.end(), [&](const TenantProfile& p) { return p.url == profile.url; });
    if (it != all.end()) {
        *it = profile;
    } else {
        all.append(profile);
    }
    return writeAll(all);
}

SettingsWriteResult TenantProfiles::remove(QStringView url)
{
    const QString wanted = normalizedUrl(url);
    QList<TenantProfile> all = profiles();
    if (all.removeIf([&](const TenantProfile& p) { return p.url == wanted; }) == 0) {
        return {};
    }
    return writeAll(all);
}

SettingsWriteResult TenantProfiles::writeAll(const QList<TenantProfile>& profiles)
{
    m_settings->remove(Group);
    m_settings->beginWriteArray(Group, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(FieldUrl, profiles.at(i).url);
        m_settings->setValue(FieldClientId, profiles.at(i).clientId);
        m_settings->setValue(FieldDisplayName, profiles.at(i).displayName);
        if (!profiles.at(i).userName.isEmpty()) {
            m_settings->setValue(FieldUserName, profiles.at(i).userName);
        }
    }
    m_settings->endArray();
    m_settings->sync();
    return SettingsWriteResult{SharedSettings::problem(*m_settings), {}};
}

} // namespace appint
