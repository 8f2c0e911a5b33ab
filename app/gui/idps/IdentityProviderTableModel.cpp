#include "gui/idps/IdentityProviderTableModel.h"

#include "gui/widgets/Formats.h"
#include "gui/widgets/Icons.h"
#include "gui/widgets/PlainToolTip.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

constexpr qint64 SecondsPerDay = 86400;

QString formatDate(qint64 seconds)
{
    return formatShortDate(QDateTime::fromSecsSinceEpoch(seconds).date());
}

QString formatLongDate(qint64 seconds)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(seconds).date(), QLocale::LongFormat);
}

// The certificate that expires first: the one the provider's validity ends with.
qint64 firstExpiry(const TrustedIdentityProvider& provider)
{
    qint64 first = 0;
    for (const TrustedCertificate& certificate : provider.certificates) {
        if (first == 0 || certificate.notAfter < first) {
            first = certificate.notAfter;
        }
    }
    return first;
}

bool nameLess(const TrustedIdentityProvider& a, const TrustedIdentityProvider& b)
{
    const int order = a.name.compare(b.name, Qt::CaseInsensitive);
    return order != 0 ? order < 0 : a.idpId < b.idpId;
}

} // namespace

IdentityProviderTableModel::IdentityProviderTableModel(const Clock& clock, QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{
}

IdentityProviderTableModel::~IdentityProviderTableModel() = default;

int IdentityProviderTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_providers.size());
}

int IdentityProviderTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

IdentityProviderTableModel::CertificateState IdentityProviderTableModel::stateOf(const TrustedCertificate& certificate,
                                                                                 qint64 now)
{
    if (certificate.expired || now >= certificate.notAfter) {
        return CertificateState::Expired;
    }
    if (certificate.notAfter - now <= ExpiringWithinSeconds) {
        return CertificateState::Expiring;
    }
    if (certificate.notYetValid || now < certificate.notBefore) {
        return CertificateState::NotYetValid;
    }
    return CertificateState::Valid;
}

IdentityProviderTableModel::CertificateState
IdentityProviderTableModel::stateOf(const TrustedIdentityProvider& provider, qint64 now)
{
    CertificateState worst = CertificateState::Valid;
    for (const TrustedCertificate& certificate : provider.certificates) {
        worst = std::max(worst, stateOf(certificate, now));
    }
    return worst;
}

QString IdentityProviderTableModel::stateText(const TrustedCertificate& certificate, qint64 now)
{
    switch (stateOf(certificate, now)) {
    case CertificateState::Expired:
        return tr("Expired on %1: assertions it signed are refused. Add the provider's current certificate.")
            .arg(formatLongDate(certificate.notAfter));
    case CertificateState::Expiring: {
        const int days = int((certificate.notAfter - now + SecondsPerDay - 1) / SecondsPerDay);
        return tr("Expires in %n day(s), on %1.", nullptr, days).arg(formatLongDate(certificate.notAfter));
    }
    case CertificateState::NotYetValid:
        return tr("Not valid before %1.").arg(formatLongDate(certificate.notBefore));
    case CertificateState::Valid:
        return tr("Valid until %1.").arg(formatLongDate(certificate.notAfter));
    }
    return {};
}

QString IdentityProviderTableModel::certificatesText(const TrustedIdentityProvider& provider) const
{
    // One line per certificate: its subject and when it is valid.
    QStringList lines;
    for (const TrustedCertificate& certificate : provider.certificates) {
        const QString subject = certificate.subject.isEmpty() ? tr("(no subject)") : certificate.subject;
        lines.append(
            tr("%1 (%2 – %3)").arg(subject, formatDate(certificate.notBefore), formatDate(certificate.notAfter)));
    }
    return lines.join(u'\n');
}

QString IdentityProviderTableModel::certificatesToolTip(const TrustedIdentityProvider& provider) const
{
    const qint64 now = m_clock.now();
    QStringList parts;
    for (const TrustedCertificate& certificate : provider.certificates) {
        parts.append(certificate.subject + u'\n' + stateText(certificate, now));
    }
    return PlainToolTip::text(parts.join(u"\n\n"_s));
}

QVariant IdentityProviderTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const TrustedIdentityProvider& provider = m_providers.at(index.row());
    const qint64 now = m_clock.now();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return provider.name;
        case EntityIdColumn:
            return provider.entityId;
        case CertificatesColumn:
            return certificatesText(provider);
        case ValidUntilColumn:
            return provider.certificates.isEmpty() ? QString() : formatDate(firstExpiry(provider));
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() == NameColumn) {
            switch (stateOf(provider, now)) {
            case CertificateState::Expired:
                return Icons::statusExpired();
            case CertificateState::Expiring:
            case CertificateState::NotYetValid:
                return Icons::statusExpiring();
            case CertificateState::Valid:
                return {};
            }
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case NameColumn:
            return stateOf(provider, now) == CertificateState::Valid ? QVariant() : certificatesToolTip(provider);
        case EntityIdColumn:
            return PlainToolTip::text(provider.entityId);
        case CertificatesColumn:
        case ValidUntilColumn:
            return certificatesToolTip(provider);
        default:
            return {};
        }
    case IdpIdRole:
        return provider.idpId;
    case CertificateStateRole:
        return int(stateOf(provider, now));
    default:
        return {};
    }
}

QVariant IdentityProviderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Name");
    case EntityIdColumn:
        return tr("Entity ID");
    case CertificatesColumn:
        return tr("Signing Certificates");
    case ValidUntilColumn:
        return tr("Valid Until");
    default:
        return {};
    }
}

Qt::ItemFlags IdentityProviderTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return Qt::NoItemFlags;
    }
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

void IdentityProviderTableModel::setProviders(const TrustedIdentityProviders& providers)
{
    beginResetModel();
    m_providers = providers;
    std::stable_sort(m_providers.begin(), m_providers.end(), nameLess);
    endResetModel();
}

void IdentityProviderTableModel::clear()
{
    if (m_providers.isEmpty()) {
        return;
    }
    beginResetModel();
    m_providers.clear();
    endResetModel();
}

void IdentityProviderTableModel::addProvider(const TrustedIdentityProvider& provider)
{
    const auto at = std::upper_bound(m_providers.cbegin(), m_providers.cend(), provider, nameLess);
    const int row = int(at - m_providers.cbegin());
    beginInsertRows({}, row, row);
    m_providers.insert(row, provider);
    endInsertRows();
}

bool IdentityProviderTableModel::removeProvider(const QString& idpId)
{
    const QModelIndex index = indexOf(idpId);
    if (!index.isValid()) {
        return false;
    }
    beginRemoveRows({}, index.row(), index.row());
    m_providers.removeAt(index.row());
    endRemoveRows();
    return true;
}

const TrustedIdentityProvider* IdentityProviderTableModel::providerAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_providers.size()) {
        return nullptr;
    }
    return &m_providers.at(index.row());
}

QModelIndex IdentityProviderTableModel::indexOf(const QString& idpId, int column) const
{
    for (qsizetype row = 0; row < m_providers.size(); ++row) {
        if (m_providers.at(row).idpId == idpId) {
            return index(int(row), column);
        }
    }
    return {};
}

void IdentityProviderTableModel::refreshStates()
{
    if (m_providers.isEmpty()) {
        return;
    }
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                     {Qt::DecorationRole, Qt::ToolTipRole, CertificateStateRole});
}

} // namespace appint
