#pragma once

#include "core/OutboundCredential.h"
#include "gui/widgets/CheckedTableModel.h"

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

    // insertRows() adds empty header rows.

    // Reads and writes the three lists of `credential`.
    void setProperties(const OutboundCredential& credential);
    void applyTo(OutboundCredential& credential) const;

    static QString kindName(Kind kind); // "tokenServiceURL.headers", ...
    static QString kindDescription(Kind kind);

protected:
    int storedRowCount() const override;
    QVariant cellData(const QModelIndex& index, int role) const override;
    Edit setCellData(const QModelIndex& index, const QVariant& value) override;
    void insertStoredRows(int row, int count) override;
    void removeStoredRows(int row, int count) override;
    void recheck() override;

private:
    struct Row
    {
        Kind kind = Kind::Header;
        QString key;
        QString value;
    };

    QList<Row> m_rows;
};

} // namespace appint
