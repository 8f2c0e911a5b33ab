#include "gui/outbound/CustomParameterModel.h"

#include "core/OutboundCredentialRules.h"
#include "gui/widgets/CellEditDelegate.h"

namespace appint {

namespace {
constexpr ParameterLocation Locations[] = {ParameterLocation::Body, ParameterLocation::Header, ParameterLocation::Url};
}

CustomParameterModel::CustomParameterModel(QObject* parent)
    : CheckedTableModel({tr("Key"), tr("Value"), tr("Send as Part of")}, parent)
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

int CustomParameterModel::storedRowCount() const
{
    return int(m_parameters.size());
}

int CustomParameterModel::maximumRowCount() const
{
    return int(OutboundCredentialRules::MaximumCustomParameters);
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

CheckedTableModel::Edit CustomParameterModel::setCellData(const QModelIndex& index, const QVariant& value)
{
    CustomParameter& parameter = m_parameters[index.row()];
    switch (index.column()) {
    case KeyColumn:
        if (parameter.key == value.toString()) {
            return Edit::Unchanged;
        }
        parameter.key = value.toString();
        return Edit::Changed;
    case ValueColumn:
        if (parameter.value == value.toString()) {
            return Edit::Unchanged;
        }
        parameter.value = value.toString();
        return Edit::Changed;
    case SendAsColumn: {
        const int choice = value.toInt();
        if (choice < 0 || choice >= int(std::size(Locations))) {
            return Edit::Refused;
        }
        if (parameter.sendAs == Locations[choice]) {
            return Edit::Unchanged;
        }
        parameter.sendAs = Locations[choice];
        return Edit::Changed;
    }
    default:
        return Edit::Refused;
    }
}

bool CustomParameterModel::canAddRow() const
{
    return m_parameters.size() < OutboundCredentialRules::MaximumCustomParameters;
}

void CustomParameterModel::insertStoredRows(int row, int count)
{
    m_parameters.insert(row, count, CustomParameter{});
}

void CustomParameterModel::removeStoredRows(int row, int count)
{
    m_parameters.remove(row, count);
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
