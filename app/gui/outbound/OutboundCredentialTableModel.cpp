#include "gui/outbound/OutboundCredentialTableModel.h"

#include "gui/outbound/TokenDisplay.h"
#include "gui/widgets/Icons.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace appint {

OutboundCredentialTableModel::OutboundCredentialTableModel(const Clock& clock, QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{
}

OutboundCredentialTableModel::~OutboundCredentialTableModel() = default;

QString OutboundCredentialTableModel::authenticationDisplayName(const OutboundCredential& credential)
{
    const QString base = credential.clientAuthentication == ClientAuthentication::Body ? tr("Send as Body Parameter")
                                                                                       : tr("Send as Request Header");
    if (!credential.usesTokenServiceUser()) {
        return base;
    }
    // Seed 004: the token service user's Basic header takes priority; in the
    // header mode the client credentials are not sent at all.
    return credential.clientAuthentication == ClientAuthentication::Header
        ? tr("Basic: %1").arg(credential.tokenServiceUser)
        : tr("%1 + Basic: %2").arg(base, credential.tokenServiceUser);
}

QString OutboundCredentialTableModel::authenticationToolTip(const OutboundCredential& credential)
{
    if (!credential.usesTokenServiceUser()) {
        return authenticationDisplayName(credential);
    }
    return credential.clientAuthentication == ClientAuthentication::Header
        ? tr("Send as Request Header: the token service user %1 takes the place of the client credentials.")
              .arg(credential.tokenServiceUser)
        : tr("Send as Body Parameter, and a Basic header for the token service user %1.")
              .arg(credential.tokenServiceUser);
}

int OutboundCredentialTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_credentials.size());
}

int OutboundCredentialTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OutboundCredentialTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TokenServiceUrlColumn:
        return tr("Token Service URL");
    case ClientIdColumn:
        return tr("Client ID");
    case AuthenticationColumn:
        return tr("Client Authentication");
    case LastTestColumn:
        return tr("Last Test");
    case CachedTokenColumn:
        return tr("Cached Token");
    default:
        return {};
    }
}

Qt::ItemFlags OutboundCredentialTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return Qt::NoItemFlags;
    }
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant OutboundCredentialTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const OutboundCredential& credential = m_credentials.at(index.row());
    if (role == NameRole) {
        return credential.name;
    }
    if (role == TestStateRole) {
        return int(testOutcome(credential.name).state);
    }
    if (role == TokenExpiresAtRole) {
        return testOutcome(credential.name).expiresAt;
    }
    if (role == CachedTokenExpiresAtRole) {
        return m_cached.value(key(credential.name)).expiresAt;
    }
    switch (index.column()) {
    case NameColumn:
        if (role == Qt::DisplayRole) {
            return credential.name;
        }
        if (role == Qt::ToolTipRole) {
            return credential.description.isEmpty() ? credential.name
                                                    : credential.name + u"\n"_s + credential.description;
        }
        break;
    case TokenServiceUrlColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
            if (credential.urlType == TokenServiceUrlType::Common) {
                return tr("%1 (Common, %2)").arg(credential.tokenServiceUrl, credential.subdomain);
            }
            return credential.tokenServiceUrl;
        }
        break;
    case ClientIdColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
            return credential.clientId;
        }
        break;
    case AuthenticationColumn:
        if (role == Qt::DisplayRole) {
            return authenticationDisplayName(credential);
        }
        if (role == Qt::ToolTipRole) {
            return authenticationToolTip(credential);
        }
        break;
    case LastTestColumn:
        if (role == Qt::DisplayRole) {
            return lastTestText(credential.name);
        }
        if (role == Qt::ToolTipRole) {
            return lastTestToolTip(credential.name);
        }
        if (role == Qt::DecorationRole) {
            switch (testOutcome(credential.name).state) {
            case TestState::Succeeded:
                return Icons::icon(u"message-positive"_s);
            case TestState::Failed:
                return Icons::statusExpired();
            case TestState::NotTested:
            case TestState::Running:
                return {};
            }
        }
        break;
    case CachedTokenColumn: {
        const auto cached = m_cached.constFind(key(credential.name));
        if (role == Qt::DisplayRole) {
            return cached == m_cached.cend() ? tr("None") : cachedTokenText(*cached);
        }
        if (role == Qt::ToolTipRole) {
            return cached == m_cached.cend()
                ? tr("No token is cached for this credential. Test or appint token --credential fetches one and "
                     "caches it for this computer's user.")
                : cachedTokenToolTip(*cached);
        }
        break;
    }
    default:
        break;
    }
    return {};
}

QString OutboundCredentialTableModel::cachedTokenText(const CachedTokenInfo& info) const
{
    // Hits and fetches are in the tooltip: the cell stays short enough to
    // leave the Token Service URL its room.
    const qint64 now = m_clock.now();
    if (info.expiresAt <= now) {
        return tr("Expired");
    }
    const QString left = TokenDisplay::countdown(info.expiresAt - now);
    if (info.renewAt <= now) {
        return tr("%1 left, renewal due").arg(left);
    }
    return tr("%1 left, renews in %2").arg(left, TokenDisplay::countdown(info.renewAt - now));
}

QString OutboundCredentialTableModel::cachedTokenToolTip(const CachedTokenInfo& info) const
{
    const auto at = [](qint64 seconds) {
        return QLocale().toString(QDateTime::fromSecsSinceEpoch(seconds), QLocale::LongFormat);
    };
    return tr("The cached token expires at %1. It is reused until %2; the next request after that fetches a new one.")
               .arg(at(info.expiresAt), at(info.renewAt))
        + u"\n"_s + tr("Served from the cache %n time(s).", nullptr, info.hits) + u' '
        + tr("%n token(s) fetched with these settings.", nullptr, info.fetches);
}

QString OutboundCredentialTableModel::lastTestText(const QString& name) const
{
    const TestOutcome outcome = testOutcome(name);
    switch (outcome.state) {
    case TestState::NotTested:
        return tr("Not tested");
    case TestState::Running:
        return tr("Testing…");
    case TestState::Failed:
        return tr("Failed: %1").arg(outcome.summary);
    case TestState::Succeeded:
        if (outcome.expiresAt <= 0) {
            return tr("Token received");
        }
        if (outcome.expiresAt <= m_clock.now()) {
            return tr("Token received; expired");
        }
        return tr("Token received; expires in %1").arg(TokenDisplay::countdown(outcome.expiresAt - m_clock.now()));
    }
    return {};
}

QString OutboundCredentialTableModel::lastTestToolTip(const QString& name) const
{
    const TestOutcome outcome = testOutcome(name);
    switch (outcome.state) {
    case TestState::NotTested:
        return tr("Select Test to fetch a token with this credential.");
    case TestState::Running:
        return tr("A token request is running.");
    case TestState::Failed:
        return outcome.message;
    case TestState::Succeeded:
        if (outcome.expiresAt <= 0) {
            return tr("The token service issued a token without saying when it expires.");
        }
        return tr("The token expires at %1.")
            .arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(outcome.expiresAt), QLocale::LongFormat));
    }
    return {};
}

void OutboundCredentialTableModel::setCredentials(const OutboundCredentials& credentials)
{
    beginResetModel();
    m_credentials = credentials;
    // Outcomes of credentials that are gone are forgotten.
    QHash<QString, TestOutcome> kept;
    for (const OutboundCredential& credential : credentials) {
        const auto it = m_outcomes.constFind(key(credential.name));
        if (it != m_outcomes.cend()) {
            kept.insert(it.key(), it.value());
        }
    }
    m_outcomes = kept;
    QHash<QString, CachedTokenInfo> cached;
    for (const OutboundCredential& credential : credentials) {
        const auto it = m_cached.constFind(key(credential.name));
        if (it != m_cached.cend()) {
            cached.insert(it.key(), it.value());
        }
    }
    m_cached = cached;
    endResetModel();
}

void OutboundCredentialTableModel::addCredential(const OutboundCredential& credential)
{
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_credentials.append(credential);
    m_outcomes.remove(key(credential.name));
    endInsertRows();
}

bool OutboundCredentialTableModel::updateCredential(const QString& previousName, const OutboundCredential& credential)
{
    const QModelIndex found = indexOf(previousName);
    if (!found.isValid()) {
        return false;
    }
    m_credentials[found.row()] = credential;
    // Edited: the outcome of the last test was for other settings.
    m_outcomes.remove(key(previousName));
    m_outcomes.remove(key(credential.name));
    // The cached token may be for the old settings: the page reads the cache again.
    m_cached.remove(key(previousName));
    m_cached.remove(key(credential.name));
    emit dataChanged(index(found.row(), 0), index(found.row(), ColumnCount - 1));
    return true;
}

bool OutboundCredentialTableModel::removeCredential(const QString& name)
{
    const QModelIndex found = indexOf(name);
    if (!found.isValid()) {
        return false;
    }
    beginRemoveRows({}, found.row(), found.row());
    m_credentials.removeAt(found.row());
    m_outcomes.remove(key(name));
    m_cached.remove(key(name));
    endRemoveRows();
    return true;
}

const OutboundCredential* OutboundCredentialTableModel::credentialAt(const QModelIndex& index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return nullptr;
    }
    return &m_credentials.at(index.row());
}

QModelIndex OutboundCredentialTableModel::indexOf(const QString& name, int column) const
{
    for (int row = 0; row < m_credentials.size(); ++row) {
        if (m_credentials.at(row).name.compare(name, Qt::CaseInsensitive) == 0) {
            return index(row, column);
        }
    }
    return {};
}

QStringList OutboundCredentialTableModel::names() const
{
    QStringList names;
    for (const OutboundCredential& credential : m_credentials) {
        names.append(credential.name);
    }
    return names;
}

void OutboundCredentialTableModel::setTestOutcome(const QString& name, const TestOutcome& outcome)
{
    const QModelIndex found = indexOf(name, LastTestColumn);
    if (!found.isValid()) {
        return;
    }
    m_outcomes.insert(key(name), outcome);
    emit dataChanged(found, found);
}

OutboundCredentialTableModel::TestOutcome OutboundCredentialTableModel::testOutcome(const QString& name) const
{
    return m_outcomes.value(key(name));
}

void OutboundCredentialTableModel::setCachedTokens(const QHash<QString, CachedTokenInfo>& byName)
{
    QHash<QString, CachedTokenInfo> next;
    for (auto it = byName.cbegin(); it != byName.cend(); ++it) {
        next.insert(key(it.key()), it.value());
    }
    for (int row = 0; row < m_credentials.size(); ++row) {
        const QString name = key(m_credentials.at(row).name);
        const auto before = m_cached.constFind(name);
        const auto after = next.constFind(name);
        const bool had = before != m_cached.cend();
        const bool has = after != next.cend();
        if (had != has || (had && has && !(*before == *after))) {
            if (has) {
                m_cached.insert(name, *after);
            } else {
                m_cached.remove(name);
            }
            const QModelIndex cell = index(row, CachedTokenColumn);
            emit dataChanged(cell, cell, {Qt::DisplayRole, Qt::ToolTipRole, CachedTokenExpiresAtRole});
        }
    }
}

std::optional<OutboundCredentialTableModel::CachedTokenInfo>
OutboundCredentialTableModel::cachedToken(const QString& name) const
{
    const auto it = m_cached.constFind(key(name));
    if (it == m_cached.cend()) {
        return std::nullopt;
    }
    return *it;
}

bool OutboundCredentialTableModel::hasCountdown() const
{
    const qint64 now = m_clock.now();
    if (std::any_of(m_cached.cbegin(), m_cached.cend(),
                    [now](const CachedTokenInfo& info) { return info.expiresAt > now - 1; })) {
        return true;
    }
    return std::any_of(m_outcomes.cbegin(), m_outcomes.cend(), [now](const TestOutcome& outcome) {
        return outcome.state == TestState::Succeeded && outcome.expiresAt > now - 1;
    });
}

void OutboundCredentialTableModel::refreshCountdowns()
{
    if (!m_credentials.isEmpty()) {
        emit dataChanged(index(0, LastTestColumn), index(rowCount() - 1, CachedTokenColumn),
                         {Qt::DisplayRole, Qt::ToolTipRole});
    }
}

} // namespace appint
