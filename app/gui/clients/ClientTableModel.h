#pragma once

#include "core/Client.h"
#include "core/ClientQuery.h"
#include "core/Clock.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>
#include <vector>

namespace appint {

// The "Configured Clients" table. Holds every client of the tenant and shows
// the ones that pass the filter, in the sort order, without a proxy: filter
// and sort run on lower-case keys computed once per client, so a keystroke in
// the filter box costs one pass over 100,000 short strings (docs/console.md
// has the numbers). A filter or sort change is a layout change that keeps the
// selection; a single add is one row insert, a single edit one dataChanged,
// a delete one row removal, never a reset.
//
// A client that was just added or edited stays in view until the filter
// changes, even when it no longer matches, and keeps its place until the next
// sort: rows do not jump away under the admin's hands.
//
// Secrets are never held here: Client has no secret field.
class ClientTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        ClientIdColumn,
        PurposeColumn,
        UserIdColumn,
        RolesColumn,
        CreatedColumn,
        ExpiresColumn,
        TokenLifetimeColumn,
        ColumnCount
    };

    enum ItemRole {
        ClientIdRole = Qt::UserRole + 1,
        ExpiryStateRole, // int(ExpiryState)
        SecretRetrievableRole, // bool: a legacy client ("Show Secret")
        PurposeRole, // int(Purpose)
        SecretSavedRole, // bool: its secret is saved in the system keychain
    };

    explicit ClientTableModel(const Clock& clock, QObject* parent = nullptr);
    ~ClientTableModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Replaces everything (the first page of a load): a model reset.
    void setClients(const Clients& clients);
    // Adds a page of a load behind what is there (one insert of the matching
    // rows). The rows are re-sorted once the load completes: call sort() again
    // or finishLoading().
    void appendClients(const Clients& clients);
    // Re-applies the current sort after appendClients (one layout change).
    void finishLoading();
    void clear();

    // One client created: one row inserted at its sorted place.
    void addClient(const Client& client);
    // One client changed: one dataChanged over its row. False if unknown.
    bool updateClient(const Client& client);
    // One client deleted: one row removed (if it was in view). False if unknown.
    bool removeClient(const QString& clientId);
    // The tenant's changes since the last load (TenantApi::clientChanges):
    // deleted ids removed, changed clients replaced or added in their place.
    // Each costs a pass over the clients: for a few, not for thousands.
    void applyChanges(const Clients& changed, const QStringList& deleted);

    // The client shown in that row (any column), or nullptr.
    const Client* clientAt(const QModelIndex& index) const;
    const Client* client(const QString& clientId) const;
    // Row of the client in view, or an invalid index.
    QModelIndex indexOf(const QString& clientId, int column = NameColumn) const;
    // Every client the model holds, in view or filtered out.
    int totalCount() const;
    // Whether another client than `exceptClientId` has that user ID.
    bool isUserIdTaken(const QString& userId, const QString& exceptClientId = {}) const;

    void setFilterText(const QString& text);
    QString filterText() const;
    void setPurposeFilter(std::optional<Purpose> purpose);
    std::optional<Purpose> purposeFilter() const;
    void setStatusFilter(ClientQuery::Status status);
    ClientQuery::Status statusFilter() const;
    bool isFiltered() const;

    int sortColumn() const;
    Qt::SortOrder sortOrder() const;

    // Which clients have their secret saved in the system keychain (a key
    // icon and a tooltip in the OAuth Client ID column). The whole set: one
    // dataChanged over that column; one client: one dataChanged over its cell.
    void setSavedSecrets(const QSet<QString>& clientIds);
    void setSecretSaved(const QString& clientId, bool saved);
    bool isSecretSaved(const QString& clientId) const;
    static QString secretSavedText();

    // Time moved on: re-evaluates the red and amber markers (one dataChanged
    // over the Name and Expires columns).
    void refreshExpiryStates();

    // The marker's tooltip for a client at `now` (empty for active clients).
    static QString statusText(const Client& client, qint64 now);

signals:
    // The number of clients held changed (load, add, delete).
    void totalCountChanged(int count);

private:
    struct Entry;

    Entry makeEntry(const Client& client) const;
    bool matches(const Entry& entry, qint64 now) const;
    bool matchesPurposeAndStatus(const Entry& entry, qint64 now) const;
    bool lessThan(int left, int right) const;
    // Recomputes m_rows from the filter. `narrowing`: the new filter only
    // removes rows from the current view (text grew), so scan only those.
    void refilter(bool narrowing);
    void relayout(QList<int> rows);
    void sortOrderVector();
    int findEntry(const QString& clientId) const;
    void insertEntry(const Client& client, bool stickyIfHidden);

    const Clock& m_clock;
    std::vector<Entry> m_entries; // storage, in arrival order
    QList<int> m_order; // every entry, in sort order
    QList<int> m_rows; // the entries in view, in sort order
    QList<int> m_sticky; // entries shown whatever the filter (just added or edited)

    QString m_filterText; // as typed
    QString m_filterNeedle; // trimmed, lower-case
    std::optional<Purpose> m_purposeFilter;
    ClientQuery::Status m_statusFilter = ClientQuery::Status::Any;
    QSet<QString> m_savedSecrets;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace appint
