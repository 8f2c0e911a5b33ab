#pragma once

#include <QAbstractItemModel>
#include <QObject>
#include <QString>

namespace appint::test {

// The end-to-end tests' look-ups: a widget by object name (null when there
// is none, so that the caller's QVERIFY says which), and whether any value of
// any role of any cell of a model contains `text` (a secret must not).
template <typename T>
T* child(QObject* parent, const QString& name)
{
    return parent ? parent->findChild<T*>(name) : nullptr;
}

inline bool modelContains(const QAbstractItemModel& model, const QString& text)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int column = 0; column < model.columnCount(); ++column) {
            const QModelIndex index = model.index(row, column);
            for (int role = 0; role <= Qt::UserRole + 16; ++role) {
                if (index.data(role).toString().contains(text)) {
                    return true;
                }
            }
        }
    }
    return false;
}

} // namespace appint::test
