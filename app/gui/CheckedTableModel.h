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
// Subclasses hold the rows and call setProblems() after every change.
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

    using QAbstractTableModel::QAbstractTableModel;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    bool hasProblems() const { return !m_problems.isEmpty(); }
    QStringList problemMessages() const;
    // The problem of one cell (row problems included), or an empty string.
    QString problemAt(int row, int column) const;
    bool rowHasProblem(int row) const;

signals:
    void problemsChanged();

protected:
    // The cell's own value for DisplayRole / EditRole / ToolTipRole.
    virtual QVariant cellData(const QModelIndex& index, int role) const = 0;
    // Replaces the problems; marks what changed.
    void setProblems(const QList<Problem>& problems);

private:
    QList<Problem> m_problems;
};

} // namespace appint
