#pragma once

#include <QStyledItemDelegate>

namespace appint {

// Edits the cells of the dialog's tables so that the rules can check them as
// the admin types:
// - a text cell gets a line edit that hands every keystroke to the model
//   (commitData on textEdited), so that its markers follow the typing;
// - a cell with a fixed set of choices gets a combo box. The model offers the
//   choices' texts in ChoicesRole (a QStringList) and takes and gives the
//   chosen one's position as Qt::EditRole (an int). A pick takes effect at once.
class CellEditDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr int ChoicesRole = Qt::UserRole + 100;

    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
};

} // namespace appint
