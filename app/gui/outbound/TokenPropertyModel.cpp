#include "gui/outbound/TokenPropertyModel.h"

#include "core/OutboundCredentialRules.h"
#include "gui/widgets/CellEditDelegate.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
constexpr TokenPropertyModel::Kind Kinds[]
    = {TokenPropertyModel::Kind::Header, TokenPropertyModel::Kind::Query, TokenPropertyModel::Kind::Body};

// Within the length limit and free of control characters.
bool isWithinLimits(const QString& text)
{
    return text.size() <= OutboundCredentialRules::FieldMaxLength
        && std::none_of(text.cbegin(), text.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
}
} // namespace

TokenPropertyModel::TokenPropertyModel(QObject* parent)
    : CheckedTableModel({tr("Property"), tr("Key"), tr("Value")}, parent)
{
}

TokenPropertyModel::~TokenPropertyModel() = default;

QString TokenPropertyModel::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Header:
        return OutboundCredentialRules::FieldHeaders;
    case Kind::Query:
        return OutboundCredentialRules::FieldQueries;
    case Kind::Body:
        return OutboundCredentialRules::FieldBody;
    }
    return {};
}

QString TokenPropertyModel::kindDescription(Kind kind)
{
    switch (kind) {
    case Kind::Header:
        return tr("An HTTP header of the token request.");
    case Kind::Query:
        return tr("A query parameter added to the token service URL.");
    case Kind::Body:
        return tr("A parameter in the body of the token request.");
    }
    return {};
}

int TokenPropertyModel::storedRowCount() const
{
    return int(m_rows.size());
}

QVariant TokenPropertyModel::cellData(const QModelIndex& index, int role) const
{
    const Row& row = m_rows.at(index.row());
    switch (index.column()) {
    case KindColumn:
        if (role == Qt::DisplayRole) {
            return kindName(row.kind);
        }
        if (role == Qt::ToolTipRole) {
            return kindDescription(row.kind);
        }
        if (role == Qt::EditRole) {
            return int(row.kind);
        }
        if (role == CellEditDelegate::ChoicesRole) {
            QStringList names;
            for (Kind kind : Kinds) {
                names.append(kindName(kind));
            }
            return names;
        }
        break;
    case KeyColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole || role == Qt::ToolTipRole) {
            return row.key;
        }
        break;
    case ValueColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole || role == Qt::ToolTipRole) {
            return row.value;
        }
        break;
    default:
        break;
    }
    return {};
}

CheckedTableModel::Edit TokenPropertyModel::setCellData(const QModelIndex& index, const QVariant& value)
{
    Row& row = m_rows[index.row()];
    switch (index.column()) {
    case KindColumn: {
        const int choice = value.toInt();
        if (choice < 0 || choice >= int(std::size(Kinds))) {
            return Edit::Refused;
        }
        row.kind = Kinds[choice];
        return Edit::Changed;
    }
    case KeyColumn:
        row.key = value.toString();
        return Edit::Changed;
    case ValueColumn:
        row.value = value.toString();
        return Edit::Changed;
    default:
        return Edit::Refused;
    }
}

void TokenPropertyModel::insertStoredRows(int row, int count)
{
    m_rows.insert(row, count, Row{});
}

void TokenPropertyModel::removeStoredRows(int row, int count)
{
    m_rows.remove(row, count);
}

void TokenPropertyModel::setProperties(const OutboundCredential& credential)
{
    beginResetModel();
    m_rows.clear();
    const std::pair<Kind, const PropertyList*> lists[] = {{Kind::Header, &credential.tokenServiceHeaders},
                                                          {Kind::Query, &credential.tokenServiceQueries},
                                                          {Kind::Body, &credential.tokenServiceBody}};
    for (const auto& [kind, list] : lists) {
        for (const auto& [key, value] : *list) {
            m_rows.append({kind, key, value});
        }
    }
    endResetModel();
    recheck();
}

void TokenPropertyModel::applyTo(OutboundCredential& credential) const
{
    credential.tokenServiceHeaders.clear();
    credential.tokenServiceQueries.clear();
    credential.tokenServiceBody.clear();
    for (const Row& row : m_rows) {
        switch (row.kind) {
        case Kind::Header:
            credential.tokenServiceHeaders.append({row.key, row.value});
            break;
        case Kind::Query:
            credential.tokenServiceQueries.append({row.key, row.value});
            break;
        case Kind::Body:
            credential.tokenServiceBody.append({row.key, row.value});
            break;
        }
    }
}

void TokenPropertyModel::recheck()
{
    QList<Problem> problems;
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row& row = m_rows.at(i);
        OutboundCredential single;
        switch (row.kind) {
        case Kind::Header:
            single.tokenServiceHeaders.append({row.key, row.value});
            break;
        case Kind::Query:
            single.tokenServiceQueries.append({row.key, row.value});
            break;
        case Kind::Body:
            single.tokenServiceBody.append({row.key, row.value});
            break;
        }
        const FieldErrors errors = OutboundCredentialRules::checkPropertyLists(single);
        for (const FieldError& error : errors) {
            // The rules name the row by its key; the value is at fault only
            // when it is too long or holds a control character and the key
            // does not.
            const int column
                = isWithinLimits(row.key) && !isWithinLimits(row.value) ? int(ValueColumn) : int(KeyColumn);
            problems.append({i, column, error.message, tr("Property %1: %2").arg(i + 1).arg(error.message)});
        }
        if (!errors.isEmpty()) {
            continue;
        }
        const Qt::CaseSensitivity sensitivity = row.kind == Kind::Header ? Qt::CaseInsensitive : Qt::CaseSensitive;
        for (int earlier = 0; earlier < i; ++earlier) {
            const Row& other = m_rows.at(earlier);
            if (other.kind == row.kind && other.key.compare(row.key, sensitivity) == 0) {
                const QString message = tr("Repeats the key of row %1: each key once per property.").arg(earlier + 1);
                problems.append({i, KeyColumn, message, tr("Property %1: %2").arg(i + 1).arg(message)});
                break;
            }
        }
    }
    setProblems(problems);
}

} // namespace appint
