#include "gui/widgets/CellEditDelegate.h"

#include <QComboBox>
#include <QLineEdit>

namespace appint {

QWidget* CellEditDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                        const QModelIndex& index) const
{
    // (createEditor is const; the delegate's signals are not.)
    auto* self = const_cast<CellEditDelegate*>(this);
    const QStringList choices = index.data(ChoicesRole).toStringList();
    if (!choices.isEmpty()) {
        auto* combo = new QComboBox(parent);
        combo->setObjectName(QStringLiteral("cellComboBox"));
        combo->addItems(choices);
        connect(combo, &QComboBox::activated, self, [self, combo] {
            emit self->commitData(combo);
            emit self->closeEditor(combo);
        });
        return combo;
    }
    QWidget* editor = QStyledItemDelegate::createEditor(parent, option, index);
    if (auto* edit = qobject_cast<QLineEdit*>(editor)) {
        edit->setObjectName(QStringLiteral("cellLineEdit"));
        connect(edit, &QLineEdit::textEdited, self, [self, edit] { emit self->commitData(edit); });
    }
    return editor;
}

void CellEditDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        combo->setCurrentIndex(index.data(Qt::EditRole).toInt());
        return;
    }
    // The model changes under an open editor as the admin types (its markers
    // do): leave the editor, and its cursor, alone when it already holds the
    // value.
    if (auto* edit = qobject_cast<QLineEdit*>(editor); edit && edit->text() == index.data(Qt::EditRole).toString()) {
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void CellEditDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        model->setData(index, combo->currentIndex(), Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace appint
