#include "gui/clients/ClientTableModel.h"

#include "core/Duration.h"
#include "gui/widgets/Formats.h"
#include "gui/widgets/Icons.h"
#include "gui/widgets/PlainToolTip.h"

#include <QDateTime>
#include <QIcon>
#include <QLocale>
#include <QStringMatcher>

#include <algorithm>
#include <limits>
#include <numeric>

using namespace Qt::StringLiterals;

namespace appint {

struct ClientTableModel::Entry
{
    Client client;
    QString searchKey; // lower-case "name\nclient id\nuser id": what the filter text matches
    QString nameKey; // lower-case name
    QString rolesText; // "DW_VIEWER, SALES_MODELER (HR, SALES)"
    QString rolesKey; // lower-case rolesText
    QString purposeKey;
};

namespace {

QString formatDate(qint64 seconds)
{
    return formatShortDate(QDateTime::fromSecsSinceEpoch(seconds).date());
}

QString formatTime(qint64 seconds)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(seconds), QLocale::LongFormat);
}

qint64 expiresKey(const Client& client)
{
    return client.clientSecretExpiresAt == 0 ? std::numeric_limits<qint64>::max() : client.clientSecretExpiresAt;
}

template <typename T>
int compareValues(const T& a, const T& b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

} // namespace

ClientTableModel::ClientTableModel(const Clock& clock, QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{
}

ClientTableModel::~ClientTableModel() = default;

int ClientTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ClientTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClientTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Entry& entry = m_entries[size_t(m_rows[index.row()])];
    const Client& client = entry.client;

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return client.clientName;
        case ClientIdColumn:
            return client.clientId;
        case PurposeColumn:
            return purposeDisplayName(client.purpose);
        case UserIdColumn:
            return client.userId;
        case RolesColumn:
            return entry.rolesText;
        case CreatedColumn:
            return client.clientIdIssuedAt == 0 ? QString() : formatDate(client.clientIdIssuedAt);
        case ExpiresColumn:
            return client.clientSecretExpiresAt == 0 ? tr("Never") : formatDate(client.clientSecretExpiresAt);
        case TokenLifetimeColumn:
            return formatDuration(client.accessTokenLifetime);
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() == ClientIdColumn && m_savedSecrets.contains(client.clientId)) {
            return Icons::icon(u"secret-saved"_s);
        }
        if (index.column() == NameColumn) {
            switch (client.expiryStateAt(m_clock.now())) {
            case ExpiryState::Expired:
                return Icons::statusExpired();
            case ExpiryState::Expiring:
                return Icons::statusExpiring();
            case ExpiryState::Active:
                return {};
            }
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == NameColumn) {
            const QString text = statusText(client, m_clock.now());
            return text.isEmpty() ? QVariant() : QVariant(text);
        }
        if (index.column() == ExpiresColumn && client.clientSecretExpiresAt != 0) {
            const QString text = statusText(client, m_clock.now());
            const QString when = tr("Expires %1").arg(formatTime(client.clientSecretExpiresAt));
            return text.isEmpty() ? when : text;
        }
        if (index.column() == CreatedColumn && client.clientIdIssuedAt != 0) {
            return tr("Created %1").arg(formatTime(client.clientIdIssuedAt));
        }
        if (index.column() == ClientIdColumn) {
            return PlainToolTip::text(m_savedSecrets.contains(client.clientId)
                                          ? client.clientId + u'\n' + secretSavedText()
                                          : client.clientId);
        }
        if (index.column() == RolesColumn && !entry.rolesText.isEmpty()) {
            return entry.rolesText;
        }
        return {};
    case ClientIdRole:
        return client.clientId;
    case ExpiryStateRole:
        return int(client.expiryStateAt(m_clock.now()));
    case SecretRetrievableRole:
        return client.secretRetrievable;
    case PurposeRole:
        return int(client.purpose);
    case SecretSavedRole:
        return m_savedSecrets.contains(client.clientId);
    default:
        return {};
    }
}

QVariant ClientTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ClientIdColumn:
        return tr("OAuth Client ID");
    case PurposeColumn:
        return tr("Purpose");
    case UserIdColumn:
        return tr("User ID");
    case RolesColumn:
        return tr("Roles");
    case CreatedColumn:
        return tr("Created");
    case ExpiresColumn:
        return tr("Expires");
    case TokenLifetimeColumn:
        return tr("Token Lifetime");
    default:
        return {};
    }
}

Qt::ItemFlags ClientTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return Qt::NoItemFlags;
    }
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

QString ClientTableModel::statusText(const Client& client, qint64 now)
{
    const QString date
        = QLocale().toString(QDateTime::fromSecsSinceEpoch(client.clientSecretExpiresAt).date(), QLocale::LongFormat);
    switch (client.expiryStateAt(now)) {
    case ExpiryState::Expired:
        return tr("Expired on %1. Edit the client and extend its expiry date to use it again; a new secret is "
                  "generated.")
            .arg(date);
    case ExpiryState::Expiring: {
        const qint64 left = client.clientSecretExpiresAt - now;
        const int days = int((left + SecondsPerDay - 1) / SecondsPerDay);
        return tr("Expires in %n day(s), on %1. Edit the client to extend its expiry date.", nullptr, days).arg(date);
    }
    case ExpiryState::Active:
        return {};
    }
    return {};
}

// ---------------------------------------------------------------------------
// Contents

ClientTableModel::Entry ClientTableModel::makeEntry(const Client& client) const
{
    Entry entry;
    entry.client = client;
    entry.nameKey = client.clientName.toLower();
    entry.searchKey = entry.nameKey + u'\n' + client.clientId.toLower() + u'\n' + client.userId.toLower();
    entry.rolesText = RoleAssignment::joinedText(client.roles);
    entry.rolesKey = entry.rolesText.toLower();
    entry.purposeKey = purposeDisplayName(client.purpose).toLower();
    return entry;
}

void ClientTableModel::setClients(const Clients& clients)
{
    beginResetModel();
    m_entries.clear();
    m_entries.reserve(size_t(clients.size()));
    for (const Client& client : clients) {
        m_entries.push_back(makeEntry(client));
    }
    m_order.resize(qsizetype(m_entries.size()));
    std::iota(m_order.begin(), m_order.end(), 0);
    sortOrderVector();
    m_sticky.clear();
    const qint64 now = m_clock.now();
    m_rows.clear();
    m_rows.reserve(m_order.size());
    for (int entry : std::as_const(m_order)) {
        if (matches(m_entries[size_t(entry)], now)) {
            m_rows.append(entry);
        }
    }
    endResetModel();
    emit totalCountChanged(totalCount());
}

void ClientTableModel::appendClients(const Clients& clients)
{
    if (clients.isEmpty()) {
        return;
    }
    const qint64 now = m_clock.now();
    QList<int> added;
    m_entries.reserve(m_entries.size() + size_t(clients.size()));
    for (const Client& client : clients) {
        const int entry = int(m_entries.size());
        m_entries.push_back(makeEntry(client));
        m_order.append(entry);
        if (matches(m_entries.back(), now)) {
            added.append(entry);
        }
    }
    if (!added.isEmpty()) {
        const int row = int(m_rows.size());
        beginInsertRows({}, row, row + int(added.size()) - 1);
        m_rows.append(added);
        endInsertRows();
    }
    emit totalCountChanged(totalCount());
}

void ClientTableModel::finishLoading()
{
    if (m_sortColumn >= 0) {
        sort(m_sortColumn, m_sortOrder);
    }
}

void ClientTableModel::clear()
{
    setClients({});
}

void ClientTableModel::addClient(const Client& client)
{
    if (findEntry(client.clientId) >= 0) {
        updateClient(client);
        return;
    }
    insertEntry(client, true);
}

void ClientTableModel::applyChanges(const Clients& changed, const QStringList& deleted)
{
    // What others changed takes its sorted place and follows the filter
    // (only the admin's own new or edited clients stay visible regardless).
    for (const QString& clientId : deleted) {
        removeClient(clientId);
    }
    for (const Client& client : changed) {
        removeClient(client.clientId);
        insertEntry(client, false);
    }
}

void ClientTableModel::insertEntry(const Client& client, bool stickyIfHidden)
{
    const int entry = int(m_entries.size());
    m_entries.push_back(makeEntry(client));
    const auto less = [this](int a, int b) { return lessThan(a, b); };
    if (m_sortColumn >= 0) {
        m_order.insert(std::lower_bound(m_order.begin(), m_order.end(), entry, less) - m_order.begin(), entry);
    } else {
        m_order.append(entry);
    }
    if (!matches(m_entries.back(), m_clock.now())) {
        if (!stickyIfHidden) {
            emit totalCountChanged(totalCount());
            return;
        }
        m_sticky.append(entry); // the admin just made it: show it even though the filter would hide it
    }
    const int row = m_sortColumn >= 0
        ? int(std::lower_bound(m_rows.begin(), m_rows.end(), entry, less) - m_rows.begin())
        : int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.insert(row, entry);
    endInsertRows();
    emit totalCountChanged(totalCount());
}

bool ClientTableModel::updateClient(const Client& client)
{
    const int entry = findEntry(client.clientId);
    if (entry < 0) {
        return false;
    }
    m_entries[size_t(entry)] = makeEntry(client);
    const int row = int(m_rows.indexOf(entry));
    if (row >= 0) {
        if (!matches(m_entries[size_t(entry)], m_clock.now()) && !m_sticky.contains(entry)) {
            m_sticky.append(entry);
        }
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    return true;
}

bool ClientTableModel::removeClient(const QString& clientId)
{
    const int entry = findEntry(clientId);
    if (entry < 0) {
        return false;
    }
    const auto renumber = [entry](QList<int>& list) {
        list.removeOne(entry);
        for (int& value : list) {
            if (value > entry) {
                --value;
            }
        }
    };
    const int row = int(m_rows.indexOf(entry));
    if (row >= 0) {
        beginRemoveRows({}, row, row);
    }
    m_entries.erase(m_entries.begin() + entry);
    renumber(m_rows);
    renumber(m_order);
    renumber(m_sticky);
    if (row >= 0) {
        endRemoveRows();
    }
    emit totalCountChanged(totalCount());
    return true;
}

const Client* ClientTableModel::clientAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_rows.size()) {
        return nullptr;
    }
    return &m_entries[size_t(m_rows[index.row()])].client;
}

const Client* ClientTableModel::client(const QString& clientId) const
{
    const int entry = findEntry(clientId);
    return entry < 0 ? nullptr : &m_entries[size_t(entry)].client;
}

QModelIndex ClientTableModel::indexOf(const QString& clientId, int column) const
{
    const int entry = findEntry(clientId);
    if (entry < 0) {
        return {};
    }
    const int row = int(m_rows.indexOf(entry));
    return row < 0 ? QModelIndex() : index(row, column);
}

int ClientTableModel::totalCount() const
{
    return int(m_entries.size());
}

bool ClientTableModel::isUserIdTaken(const QString& userId, const QString& exceptClientId) const
{
    if (userId.isEmpty()) {
        return false;
    }
    return std::any_of(m_entries.cbegin(), m_entries.cend(), [&](const Entry& entry) {
        return entry.client.userId == userId && entry.client.clientId != exceptClientId;
    });
}

int ClientTableModel::findEntry(const QString& clientId) const
{
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].client.clientId == clientId) {
            return int(i);
        }
    }
    return -1;
}

// ---------------------------------------------------------------------------
// Filter

bool ClientTableModel::matches(const Entry& entry, qint64 now) const
{
    if (m_filterNeedle.isEmpty()) {
        return matchesPurposeAndStatus(entry, now);
    }
    return entry.searchKey.contains(m_filterNeedle) && matchesPurposeAndStatus(entry, now);
}

bool ClientTableModel::matchesPurposeAndStatus(const Entry& entry, qint64 now) const
{
    const Client& client = entry.client;
    if (m_purposeFilter && client.purpose != *m_purposeFilter) {
        return false;
    }
    if (m_statusFilter == ClientQuery::Status::Any) {
        return true;
    }
    const ExpiryState state = client.expiryStateAt(now);
    switch (m_statusFilter) {
    case ClientQuery::Status::Any:
        return true;
    case ClientQuery::Status::Active:
        return state != ExpiryState::Expired;
    case ClientQuery::Status::Expiring:
        return state == ExpiryState::Expiring;
    case ClientQuery::Status::Expired:
        return state == ExpiryState::Expired;
    }
    return true;
}

void ClientTableModel::setFilterText(const QString& text)
{
    if (text == m_filterText) {
        return;
    }
    const QString needle = text.trimmed().toLower();
    const bool narrowing = !m_filterNeedle.isEmpty() ? needle.contains(m_filterNeedle) : !needle.isEmpty();
    m_filterText = text;
    if (needle == m_filterNeedle) {
        return;
    }
    m_filterNeedle = needle;
    refilter(narrowing);
}

QString ClientTableModel::filterText() const
{
    return m_filterText;
}

void ClientTableModel::setPurposeFilter(std::optional<Purpose> purpose)
{
    if (purpose == m_purposeFilter) {
        return;
    }
    m_purposeFilter = purpose;
    refilter(false);
}

std::optional<Purpose> ClientTableModel::purposeFilter() const
{
    return m_purposeFilter;
}

void ClientTableModel::setStatusFilter(ClientQuery::Status status)
{
    if (status == m_statusFilter) {
        return;
    }
    m_statusFilter = status;
    refilter(false);
}

ClientQuery::Status ClientTableModel::statusFilter() const
{
    return m_statusFilter;
}

bool ClientTableModel::isFiltered() const
{
    return !m_filterNeedle.isEmpty() || m_purposeFilter || m_statusFilter != ClientQuery::Status::Any;
}

void ClientTableModel::refilter(bool narrowing)
{
    const qint64 now = m_clock.now();
    m_sticky.clear();
    if (!isFiltered()) {
        relayout(m_order);
        return;
    }
    // QStringMatcher builds its skip table once for the whole pass.
    const QStringMatcher matcher(m_filterNeedle, Qt::CaseSensitive);
    const bool byText = !m_filterNeedle.isEmpty();
    const auto accept = [&](const Entry& entry) {
        return (!byText || matcher.indexIn(entry.searchKey) >= 0) && matchesPurposeAndStatus(entry, now);
    };

    QList<int> rows;
    // Narrowing (the text grew) scans only the rows in view: every row the
    // longer text matches is among them. The status filter depends on the
    // time, so a status-filtered view is rebuilt from every client.
    // (Only worth it once the view is small: rows in sort order are scattered
    // in memory, and a scan in storage order is several times faster.)
    if (narrowing && m_statusFilter == ClientQuery::Status::Any && m_rows.size() * 4 < qsizetype(m_entries.size())) {
        rows.reserve(m_rows.size());
        for (int entry : std::as_const(m_rows)) {
            if (accept(m_entries[size_t(entry)])) {
                rows.append(entry);
            }
        }
    } else {
        // Scan in storage order, as the entries lie in memory, then pick the
        // hits in sort order.
        std::vector<char> hit(m_entries.size());
        qsizetype count = 0;
        for (size_t i = 0; i < m_entries.size(); ++i) {
            hit[i] = accept(m_entries[i]) ? 1 : 0;
            count += hit[i];
        }
        rows.reserve(count);
        for (int entry : std::as_const(m_order)) {
            if (hit[size_t(entry)]) {
                rows.append(entry);
            }
        }
    }
    relayout(std::move(rows));
}

void ClientTableModel::relayout(QList<int> rows)
{
    emit layoutAboutToBeChanged();
    const QModelIndexList before = persistentIndexList();
    QList<int> entriesBefore;
    entriesBefore.reserve(before.size());
    for (const QModelIndex& index : before) {
        entriesBefore.append(index.row() < m_rows.size() ? m_rows[index.row()] : -1);
    }
    m_rows = std::move(rows);
    QModelIndexList after;
    if (!before.isEmpty()) {
        std::vector<int> rowOfEntry(m_entries.size(), -1);
        for (int row = 0; row < m_rows.size(); ++row) {
            rowOfEntry[size_t(m_rows[row])] = row;
        }
        after.reserve(before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            const int entry = entriesBefore[i];
            const int row = entry < 0 ? -1 : rowOfEntry[size_t(entry)];
            after.append(row < 0 ? QModelIndex() : createIndex(row, before[i].column()));
        }
    }
    changePersistentIndexList(before, after);
    emit layoutChanged();
}

// ---------------------------------------------------------------------------
// Sort

bool ClientTableModel::lessThan(int left, int right) const
{
    const Entry& a = m_entries[size_t(left)];
    const Entry& b = m_entries[size_t(right)];
    int c = 0;
    switch (m_sortColumn) {
    case NameColumn:
        c = a.nameKey.compare(b.nameKey);
        break;
    case ClientIdColumn:
        break; // the tie-break below
    case PurposeColumn:
        c = a.purposeKey.compare(b.purposeKey);
        break;
    case UserIdColumn:
        c = a.client.userId.compare(b.client.userId);
        break;
    case RolesColumn:
        c = a.rolesKey.compare(b.rolesKey);
        break;
    case CreatedColumn:
        c = compareValues(a.client.clientIdIssuedAt, b.client.clientIdIssuedAt);
        break;
    case ExpiresColumn:
        c = compareValues(expiresKey(a.client), expiresKey(b.client));
        break;
    case TokenLifetimeColumn:
        c = compareValues(a.client.accessTokenLifetime, b.client.accessTokenLifetime);
        break;
    default:
        break;
    }
    if (c == 0) {
        c = a.client.clientId.compare(b.client.clientId);
    }
    if (c == 0) {
        c = compareValues(left, right);
    }
    return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
}

namespace {

// One row's sort key: the first eight UTF-16 code units of the text (or the
// number) packed into integers, so that most comparisons touch neither the
// entry nor the string; ties fall back to the rest of the text, then to the
// client ID (packed the same way), then to the storage index. The order is
// exactly ClientTableModel::lessThan's.
struct SortKey
{
    quint64 key1 = 0;
    quint64 key2 = 0;
    const QString* text = nullptr;
    quint64 id1 = 0;
    quint64 id2 = 0;
    const QString* id = nullptr;
    int entry = 0;
};

void packPrefix(const QString& text, quint64& first, quint64& second)
{
    first = 0;
    second = 0;
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < 8; ++i) {
        const quint64 unit = i < size ? text.at(i).unicode() : 0;
        if (i < 4) {
            first |= unit << (16 * (3 - i));
        } else {
            second |= unit << (16 * (7 - i));
        }
    }
}

quint64 packNumber(qint64 value)
{
    return quint64(value) ^ (quint64(1) << 63); // signed order as unsigned
}

int compareRest(const QString* a, const QString* b)
{
    return QStringView(*a)
        .mid(std::min<qsizetype>(8, a->size()))
        .compare(QStringView(*b).mid(std::min<qsizetype>(8, b->size())));
}

bool keyLess(const SortKey& a, const SortKey& b)
{
    if (a.key1 != b.key1) {
        return a.key1 < b.key1;
    }
    if (a.key2 != b.key2) {
        return a.key2 < b.key2;
    }
    if (a.text) {
        if (const int c = compareRest(a.text, b.text)) {
            return c < 0;
        }
    }
    if (a.id1 != b.id1) {
        return a.id1 < b.id1;
    }
    if (a.id2 != b.id2) {
        return a.id2 < b.id2;
    }
    if (const int c = compareRest(a.id, b.id)) {
        return c < 0;
    }
    return a.entry < b.entry;
}

} // namespace

void ClientTableModel::sortOrderVector()
{
    if (m_sortColumn < 0) {
        return;
    }
    std::vector<SortKey> keys(size_t(m_order.size()));
    for (size_t i = 0; i < keys.size(); ++i) {
        const int entryIndex = m_order[qsizetype(i)];
        const Entry& entry = m_entries[size_t(entryIndex)];
        SortKey& key = keys[i];
        key.entry = entryIndex;
        key.id = &entry.client.clientId;
        packPrefix(entry.client.clientId, key.id1, key.id2);
        switch (m_sortColumn) {
        case NameColumn:
            key.text = &entry.nameKey;
            break;
        case PurposeColumn:
            key.text = &entry.purposeKey;
            break;
        case UserIdColumn:
            key.text = &entry.client.userId;
            break;
        case RolesColumn:
            key.text = &entry.rolesKey;
            break;
        case CreatedColumn:
            key.key1 = packNumber(entry.client.clientIdIssuedAt);
            break;
        case ExpiresColumn:
            key.key1 = packNumber(expiresKey(entry.client));
            break;
        case TokenLifetimeColumn:
            key.key1 = packNumber(entry.client.accessTokenLifetime);
            break;
        default: // ClientIdColumn: the tie-break alone
            break;
        }
        if (key.text) {
            packPrefix(*key.text, key.key1, key.key2);
        }
    }
    if (m_sortOrder == Qt::AscendingOrder) {
        std::sort(keys.begin(), keys.end(), keyLess);
    } else {
        std::sort(keys.begin(), keys.end(), [](const SortKey& a, const SortKey& b) { return keyLess(b, a); });
    }
    for (size_t i = 0; i < keys.size(); ++i) {
        m_order[qsizetype(i)] = keys[i].entry;
    }
}

void ClientTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount) {
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    sortOrderVector();
    // The rows in view keep their membership (sticky rows included) and take
    // the new order.
    if (!isFiltered() && m_sticky.isEmpty() && m_rows.size() == m_order.size()) {
        relayout(m_order);
        return;
    }
    std::vector<char> inView(m_entries.size());
    for (int entry : std::as_const(m_rows)) {
        inView[size_t(entry)] = 1;
    }
    QList<int> rows;
    rows.reserve(m_rows.size());
    for (int entry : std::as_const(m_order)) {
        if (inView[size_t(entry)]) {
            rows.append(entry);
        }
    }
    relayout(std::move(rows));
}

int ClientTableModel::sortColumn() const
{
    return m_sortColumn;
}

Qt::SortOrder ClientTableModel::sortOrder() const
{
    return m_sortOrder;
}

void ClientTableModel::setSavedSecrets(const QSet<QString>& clientIds)
{
    if (clientIds == m_savedSecrets) {
        return;
    }
    m_savedSecrets = clientIds;
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, ClientIdColumn), index(int(m_rows.size()) - 1, ClientIdColumn),
                         {Qt::DecorationRole, Qt::ToolTipRole, SecretSavedRole});
    }
}

void ClientTableModel::setSecretSaved(const QString& clientId, bool saved)
{
    if (m_savedSecrets.contains(clientId) == saved) {
        return;
    }
    if (saved) {
        m_savedSecrets.insert(clientId);
    } else {
        m_savedSecrets.remove(clientId);
    }
    const QModelIndex cell = indexOf(clientId, ClientIdColumn);
    if (cell.isValid()) {
        emit dataChanged(cell, cell, {Qt::DecorationRole, Qt::ToolTipRole, SecretSavedRole});
    }
}

bool ClientTableModel::isSecretSaved(const QString& clientId) const
{
    return m_savedSecrets.contains(clientId);
}

QString ClientTableModel::secretSavedText()
{
    return tr("The secret is saved in the system keychain.");
}

void ClientTableModel::refreshExpiryStates()
{
    if (m_rows.isEmpty()) {
        return;
    }
    emit dataChanged(index(0, NameColumn), index(int(m_rows.size()) - 1, ExpiresColumn),
                     {Qt::DecorationRole, Qt::ToolTipRole, ExpiryStateRole});
}

} // namespace appint
