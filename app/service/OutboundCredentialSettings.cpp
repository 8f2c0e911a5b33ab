#include "service/OutboundCredentialSettings.h"

#include "core/OutboundCredentialRules.h"
#include "service/SharedSettings.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
qsizetype indexOf(const OutboundCredentials& credentials, QStringView name)
{
    for (qsizetype i = 0; i < credentials.size(); ++i) {
        if (credentials.at(i).name.compare(name, Qt::CaseInsensitive) == 0) {
            return i;
        }
    }
    return -1;
}
} // namespace

OutboundCredentialSettings::OutboundCredentialSettings(QSettings* settings)
    : m_settings(settings)
{
    Q_ASSERT(m_settings);
}

OutboundCredentials OutboundCredentialSettings::credentials() const
{
    m_settings->sync();
    OutboundCredentials credentials;
    const int size = m_settings->beginReadArray(Group);
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        const QJsonDocument properties
            = QJsonDocument::fromJson(m_settings->value(FieldProperties).toString().toUtf8());
        if (!properties.isObject()) {
            continue; // damaged by hand: unusable, skipped
        }
        OutboundCredential credential = OutboundCredential::fromSettings(properties.object().toVariantMap());
        // The entry's own name wins over a Name property edited by hand.
        credential.name = m_settings->value(FieldName).toString();
        if (!credential.name.isEmpty() && indexOf(credentials, credential.name) < 0) {
            credentials.append(credential);
        }
    }
    m_settings->endArray();
    return credentials;
}

QStringList OutboundCredentialSettings::names() const
{
    QStringList names;
    for (const OutboundCredential& credential : credentials()) {
        names.append(credential.name);
    }
    return names;
}

std::optional<OutboundCredential> OutboundCredentialSettings::find(QStringView name) const
{
    const OutboundCredentials all = credentials();
    const qsizetype index = indexOf(all, name);
    if (index < 0) {
        return std::nullopt;
    }
    return all.at(index);
}

SettingsWriteResult OutboundCredentialSettings::save(const OutboundCredential& credential, const QString& previousName)
{
    OutboundCredentials all = credentials();
    const qsizetype previous = previousName.isEmpty() ? -1 : indexOf(all, previousName);
    QStringList taken;
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (i != previous) {
            taken.append(all.at(i).name);
        }
    }
    SettingsWriteResult result;
    result.fieldErrors = OutboundCredentialRules::check(credential, taken);
    if (!result.fieldErrors.isEmpty()) {
        result.message = result.fieldErrors.constFirst().message;
        return result;
    }
    if (previous >= 0) {
        all[previous] = credential;
    } else {
        all.append(credential);
    }
    return writeAll(all);
}

SettingsWriteResult OutboundCredentialSettings::remove(QStringView name)
{
    OutboundCredentials all = credentials();
    const qsizetype index = indexOf(all, name);
    if (index < 0) {
        return {};
    }
    all.removeAt(index);
    return writeAll(all);
}

SettingsWriteResult OutboundCredentialSettings::writeAll(const OutboundCredentials& credentials)
{
    m_settings->remove(Group);
    m_settings->beginWriteArray(Group, int(credentials.size()));
    for (int i = 0; i < credentials.size(); ++i) {
        const OutboundCredential& credential = credentials.at(i);
        QVariantMap properties = credential.toSettings();
        for (const QString& key : OutboundCredential::secretSettingKeys()) {
            properties.remove(key); // toSettings() has none; a second lock on the door
        }
        m_settings->setArrayIndex(i);
        m_settings->setValue(FieldName, credential.name);
        m_settings->setValue(
            FieldProperties,
            QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(properties)).toJson(QJsonDocument::Compact)));
    }
    m_settings->endArray();
    m_settings->sync();
    return SettingsWriteResult{SharedSettings::problem(*m_settings), {}};
}

} // namespace appint
