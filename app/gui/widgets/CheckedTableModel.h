#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

namespace appint {

// The common part of the dialog's editable tables (custom parameters, token
// request properties): rows of text cells that the core's rules check as the
// admin types. A cell with a problem is marked (icon, tinted background, the
// message as its tooltip and in ProblemRole), and so is the row's number in
// the vertical header; problemMessages() has every message, each naming its
// row, for the label beside the table.
//
// Every cell is editable. Subclasses hold the rows: they give the column
// titles, a cell's value and how an edit changes it, and how rows are added
// and removed; the model re-checks after every change with recheck(), which
// calls setProblems().
class CheckedTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // The cell's problem (QString, empty when fine).
    static constexpr int ProblemRole = Qt::UserRole + 1;

    struct Problem
    {
        int row = 0;
        int column = -1; // -1: the whole row
        QString message; // for the cell's tooltip
        QString listMessage; // for the list beside the table: names the row
    };

    // `columnTitles`: the horizontal header, one title a column.
    explicit CheckedTableModel(const QStringList& columnTitles, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    // Adds empty rows; refused (false) beyond maximumRowCount().
    bool insertRows(int row, int count, const QModelIndex& parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

    bool hasProblems() const { return !m_problems.isEmpty(); }
    QStringList problemMessages() const;
    // The problem of one cell (row problems included), or an empty string.
    QString problemAt(int row, int column) const;
    bool rowHasProblem(int row) const;

signals:
    void problemsChanged();

protected:
    // What an edit did to the cell.
    enum class Edit { Refused, Unchanged, Changed };

    virtual int storedRowCount() const = 0;
    // At most this many rows (insertRows refuses more).
    virtual int maximumRowCount() const;
    // The cell's own value for DisplayRole / EditRole / ToolTipRole.
    virtual QVariant cellData(const QModelIndex& index, int role) const = 0;
    // Writes an EditRole value into a valid cell.
    virtual Edit setCellData(const QModelIndex& index, const QVariant& value) = 0;
    // Inserts `count` empty rows at `row` / removes them (the model signals).
    virtual void insertStoredRows(int row, int count) = 0;
    virtual void removeStoredRows(int row, int count) = 0;
    // Checks the rows again and calls setProblems().
    virtual void recheck() = 0;
    // Replaces the problems; marks what changed.
    void setProblems(const QList<Problem>& problems);

private:
    bool isCell(const QModelIndex& index) const;

    QStringList m_columnTitles;
    QList<Problem> m_problems;
};

} // namespace appint
