#include "gui/widgets/CheckedTableModel.h"

#include "gui/widgets/Icons.h"

#include <QColor>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
// A light red that keeps dark text readable in light and dark themes alike.
const QColor ProblemBackground(0xf9, 0xd6, 0xd5);
const QColor ProblemForeground(0x20, 0x20, 0x20);
} // namespace

CheckedTableModel::CheckedTableModel(const QStringList& columnTitles, QObject* parent)
    : QAbstractTableModel(parent)
    , m_columnTitles(columnTitles)
{
}

bool CheckedTableModel::isCell(const QModelIndex& index) const
{
    return index.isValid() && checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid);
}

int CheckedTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : storedRowCount();
}

int CheckedTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_columnTitles.size());
}

int CheckedTableModel::maximumRowCount() const
{
    return std::numeric_limits<int>::max();
}

Qt::ItemFlags CheckedTableModel::flags(const QModelIndex& index) const
{
    if (!isCell(index)) {
        return Qt::NoItemFlags;
    }
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

bool CheckedTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !isCell(index)) {
        return false;
    }
    switch (setCellData(index, value)) {
    case Edit::Refused:
        return false;
    case Edit::Unchanged:
        return true;
    case Edit::Changed:
        break;
    }
    emit dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole});
    recheck();
    return true;
}

bool CheckedTableModel::insertRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || count < 1 || row < 0 || row > rowCount() || count > maximumRowCount() - rowCount()) {
        return false;
    }
    beginInsertRows({}, row, row + count - 1);
    insertStoredRows(row, count);
    endInsertRows();
    recheck();
    return true;
}

bool CheckedTableModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || count < 1 || row < 0 || row + count > rowCount()) {
        return false;
    }
    beginRemoveRows({}, row, row + count - 1);
    removeStoredRows(row, count);
    endRemoveRows();
    recheck();
    // Row numbers below the removed rows moved up.
    if (row < rowCount()) {
        emit headerDataChanged(Qt::Vertical, row, rowCount() - 1);
    }
    return true;
}

QVariant CheckedTableModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index)) {
        return {};
    }
    switch (role) {
    case ProblemRole:
        return problemAt(index.row(), index.column());
    case Qt::BackgroundRole:
        return problemAt(index.row(), index.column()).isEmpty() ? QVariant() : QVariant(ProblemBackground);
    case Qt::ForegroundRole:
        return problemAt(index.row(), index.column()).isEmpty() ? QVariant() : QVariant(ProblemForeground);
    case Qt::DecorationRole:
        if (!problemAt(index.row(), index.column()).isEmpty()) {
            return Icons::statusExpired();
        }
        return cellData(index, role);
    case Qt::ToolTipRole: {
        const QString problem = problemAt(index.row(), index.column());
        const QVariant own = cellData(index, role);
        if (problem.isEmpty()) {
            return own;
        }
        return own.toString().isEmpty() ? problem : problem + u"\n\n"_s + own.toString();
    }
    default:
        return cellData(index, role);
    }
}

QVariant CheckedTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole) {
        return section >= 0 && section < m_columnTitles.size() ? QVariant(m_columnTitles.at(section)) : QVariant();
    }
    if (orientation == Qt::Vertical) {
        switch (role) {
        case Qt::DisplayRole:
            return section + 1;
        case Qt::DecorationRole:
            return rowHasProblem(section) ? QVariant(Icons::statusExpired()) : QVariant();
        case Qt::ToolTipRole: {
            QStringList messages;
            for (const Problem& problem : m_problems) {
                if (problem.row == section) {
                    messages.append(problem.message);
                }
            }
            return messages.isEmpty() ? QVariant() : QVariant(messages.join(u'\n'));
        }
        default:
            return {};
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

QStringList CheckedTableModel::problemMessages() const
{
    QStringList messages;
    for (const Problem& problem : m_problems) {
        messages.append(problem.listMessage);
    }
    return messages;
}

QString CheckedTableModel::problemAt(int row, int column) const
{
    QStringList messages;
    for (const Problem& problem : m_problems) {
        if (problem.row == row && (problem.column == column || problem.column < 0)) {
            messages.append(problem.message);
        }
    }
    return messages.join(u'\n');
}

bool CheckedTableModel::rowHasProblem(int row) const
{
    return std::any_of(m_problems.cbegin(), m_problems.cend(), [row](const Problem& p) { return p.row == row; });
}

void CheckedTableModel::setProblems(const QList<Problem>& problems)
{
    const auto same = [](const Problem& a, const Problem& b) {
        return a.row == b.row && a.column == b.column && a.message == b.message && a.listMessage == b.listMessage;
    };
    if (std::equal(problems.cbegin(), problems.cend(), m_problems.cbegin(), m_problems.cend(), same)) {
        return;
    }
    // Rows that had or have a problem change their marks.
    QList<int> rows;
    for (const QList<Problem>* list : std::initializer_list<const QList<Problem>*>{&m_problems, &problems}) {
        for (const Problem& problem : *list) {
            if (!rows.contains(problem.row)) {
                rows.append(problem.row);
            }
        }
    }
    m_problems = problems;
    const int rowCount = this->rowCount();
    const int last = columnCount() - 1;
    const QList<int> roles{ProblemRole, Qt::BackgroundRole, Qt::ForegroundRole, Qt::DecorationRole, Qt::ToolTipRole};
    for (int row : std::as_const(rows)) {
        if (row < rowCount && last >= 0) {
            emit dataChanged(index(row, 0), index(row, last), roles);
            emit headerDataChanged(Qt::Vertical, row, row);
        }
    }
    emit problemsChanged();
}

} // namespace appint
