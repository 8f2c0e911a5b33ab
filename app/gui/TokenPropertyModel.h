#pragma once

#include "core/OutboundCredential.h"
#include "gui/CheckedTableModel.h"

namespace appint {

// Seed 004's token request properties in one table: Property
// (tokenServiceURL.headers, tokenServiceURL.queries or tokenService.body),
// Key, Value. Checked as the admin types with
// OutboundCredentialRules::checkPropertyLists() row by row, and for repeated
// keys: the settings keep these as one property per key
// ("tokenServiceURL.headers.<key>"), so a second row with the same key would
// be lost on save (header names compare ignoring case).
class TokenPropertyModel : public CheckedTableModel
{
    Q_OBJECT

public:
    enum Column { KindColumn, KeyColumn, ValueColumn, ColumnCount };
    enum class Kind { Header, Query, Body };

    explicit TokenPropertyModel(QObject* parent = nullptr);
    ~TokenPropertyModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    // Adds empty header rows.
    bool insertRows(int row, int count, const QModelIndex& parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

    // Reads and writes the three lists of `credential`.
    void setProperties(const OutboundCredential& credential);
    void applyTo(OutboundCredential& credential) const;

    static QString kindName(Kind kind); // "tokenServiceURL.headers", ...
    static QString kindDescription(Kind kind);

protected:
    QVariant cellData(const QModelIndex& index, int role) const override;

private:
    struct Row
    {
        Kind kind = Kind::Header;
        QString key;
        QString value;
    };
    void recheck();

    QList<Row> m_rows;
};

} // namespace appint
