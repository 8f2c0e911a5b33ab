#pragma once

#include <QStyledItemDelegate>

namespace appint {

// Elides text in the middle: for long identifiers that differ at both ends
// (OAuth client IDs), so that the start and the end stay readable.
class MiddleElideDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace appint
