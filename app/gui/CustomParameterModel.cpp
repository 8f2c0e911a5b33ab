#include "gui/CustomParameterModel.h"

#include "core/OutboundCredentialRules.h"
#include "gui/CellEditDelegate.h"

namespace appint {

namespace {
constexpr ParameterLocation Locations[] = {ParameterLocation::Body, ParameterLocation::Header, ParameterLocation::Url};
}

CustomParameterModel::CustomParameterModel(QObject* parent)
    : CheckedTableModel(parent)
{
}

CustomParameterModel::~CustomParameterModel() = default;

QString CustomParameterModel::locationDisplayName(ParameterLocation location)
{
    switch (location) {
    case ParameterLocation::Body:
        return tr("Body");
    case ParameterLocation::Header:
        return tr("Header");
    case ParameterLocation::Url:
        return tr("URL");
    }
    return {};
}

int CustomParameterModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_parameters.size());
}

int CustomParameterModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CustomParameterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole) {
        switch (section) {
        case KeyColumn:
            return tr("Key");
        case ValueColumn:
            return tr("Value");
        case SendAsColumn:
            return tr("Send as Part of");
        default:
            return {};
        }
    }
    return CheckedTableModel::headerData(section, orientation, role);
}

Qt::ItemFlags CustomParameterModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return Qt::NoItemFlags;
    }
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

QVariant CustomParameterModel::cellData(const QModelIndex& index, int role) const
{
    const CustomParameter& parameter = m_parameters.at(index.row());
    switch (index.column()) {
    case KeyColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole || role == Qt::ToolTipRole) {
            return parameter.key;
        }
        break;
    case ValueColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole || role == Qt::ToolTipRole) {
            return parameter.value;
        }
        break;
    case SendAsColumn:
        if (role == Qt::DisplayRole) {
            return locationDisplayName(parameter.sendAs);
        }
        if (role == Qt::EditRole) {
            return int(std::find(std::begin(Locations), std::end(Locations), parameter.sendAs) - std::begin(Locations));
        }
        if (role == CellEditDelegate::ChoicesRole) {
            QStringList names;
            for (ParameterLocation location : Locations) {
                names.append(locationDisplayName(location));
            }
            return names;
        }
        break;
    default:
        break;
    }
    return {};
}

bool CustomParameterModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole
        || !index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return false;
    }
    CustomParameter& parameter = m_parameters[index.row()];
    switch (index.column()) {
    case KeyColumn:
        if (parameter.key == value.toString()) {
            return true;
        }
        parameter.key = value.toString();
        break;
    case ValueColumn:
        if (parameter.value == value.toString()) {
            return true;
        }
        parameter.value = value.toString();
        break;
    case SendAsColumn: {
        const int choice = value.toInt();
        if (choice < 0 || choice >= int(std::size(Locations))) {
            return false;
        }
        if (parameter.sendAs == Locations[choice]) {
            return true;
        }
        parameter.sendAs = Locations[choice];
        break;
    }
    default:
        return false;
    }
    emit dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole});
    recheck();
    return true;
}

bool CustomParameterModel::canAddRow() const
{
    return m_parameters.size() < OutboundCredentialRules::MaximumCustomParameters;
}

bool CustomParameterModel::insertRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || count < 1 || row < 0 || row > rowCount()
        || m_parameters.size() + count > OutboundCredentialRules::MaximumCustomParameters) {
        return false;
    }
    beginInsertRows({}, row, row + count - 1);
    m_parameters.insert(row, count, CustomParameter{});
    endInsertRows();
    recheck();
    return true;
}

bool CustomParameterModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || count < 1 || row < 0 || row + count > rowCount()) {
        return false;
    }
    beginRemoveRows({}, row, row + count - 1);
    m_parameters.remove(row, count);
    endRemoveRows();
    recheck();
    // Row numbers below the removed rows moved up.
    if (row < rowCount()) {
        emit headerDataChanged(Qt::Vertical, row, rowCount() - 1);
    }
    return true;
}

void CustomParameterModel::setParameters(const CustomParameters& parameters)
{
    beginResetModel();
    m_parameters = parameters;
    endResetModel();
    recheck();
}

void CustomParameterModel::recheck()
{
    QList<Problem> problems;
    const FieldErrors listed = OutboundCredentialRules::checkCustomParameters(m_parameters);
    const QList<CustomParameterProblem> found = OutboundCredentialRules::customParameterProblems(m_parameters);
    for (qsizetype i = 0; i < found.size(); ++i) {
        const CustomParameterProblem& problem = found.at(i);
        int column = -1;
        if (problem.part == CustomParameterProblem::Part::Key) {
            column = KeyColumn;
        } else if (problem.part == CustomParameterProblem::Part::Value) {
            column = ValueColumn;
        }
        // checkCustomParameters() words the same problems, in the same order,
        // with the row named.
        const QString listMessage = i < listed.size() ? listed.at(i).message : problem.message;
        problems.append({int(problem.row), column, problem.message, listMessage});
    }
    setProblems(problems);
}

} // namespace appint
