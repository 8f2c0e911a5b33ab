#include "gui/widgets/MiddleElideDelegate.h"

namespace appint {

void MiddleElideDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    option->textElideMode = Qt::ElideMiddle;
}

} // namespace appint
