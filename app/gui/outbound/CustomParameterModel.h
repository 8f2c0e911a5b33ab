#pragma once

#include "core/OutboundCredential.h"
#include "gui/widgets/CheckedTableModel.h"

namespace appint {

// Seed 003's custom-parameter table: Key, Value, Send as Part of (Body,
// Header, URL). Every change is checked with
// OutboundCredentialRules::customParameterProblems() at once: the offending
// cell (key or value) or the whole row (a repeated key/value/sent-as triple,
// a row beyond the 20th) is marked. Rows are added one at a time and never
// beyond the 20th (insertRows refuses); a list loaded with more shows the
// rule's error on the extra rows.
class CustomParameterModel : public CheckedTableModel
{
    Q_OBJECT

public:
    enum Column { KeyColumn, ValueColumn, SendAsColumn, ColumnCount };

    explicit CustomParameterModel(QObject* parent = nullptr);
    ~CustomParameterModel() override;

    // insertRows() adds empty rows (key and value to be typed, sent in the
    // body); refused (false) when the table would have more than 20 rows.

    CustomParameters parameters() const { return m_parameters; }
    // Replaces the rows (a model reset): when the dialog opens.
    void setParameters(const CustomParameters& parameters);
    bool canAddRow() const;

    static QString locationDisplayName(ParameterLocation location);

protected:
    int storedRowCount() const override;
    int maximumRowCount() const override;
    QVariant cellData(const QModelIndex& index, int role) const override;
    Edit setCellData(const QModelIndex& index, const QVariant& value) override;
    void insertStoredRows(int row, int count) override;
    void removeStoredRows(int row, int count) override;
    void recheck() override;

private:
    CustomParameters m_parameters;
};

} // namespace appint
