#include "gui/widgets/PageParts.h"

#include "gui/widgets/Icons.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QTableView>
#include <QToolBar>

namespace appint {

void PageParts::emphasizeTitle(QLabel* title)
{
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    title->setFont(font);
}

QAction* PageParts::createAction(QWidget* page, const QString& objectName, const QString& text, const QString& iconName)
{
    auto* action = new QAction(text, page);
    action->setObjectName(objectName);
    if (!iconName.isEmpty()) {
        action->setIcon(Icons::icon(iconName));
    }
    page->addAction(action);
    return action;
}

QToolBar* PageParts::createToolBar(QWidget* page, const QString& objectName)
{
    auto* toolBar = new QToolBar(page);
    toolBar->setObjectName(objectName);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setIconSize(QSize(16, 16));
    return toolBar;
}

void PageParts::execContextMenu(QTableView* view, const QPoint& position,
                                const std::function<std::unique_ptr<QMenu>()>& createMenu)
{
    const QModelIndex index = view->indexAt(position);
    if (index.isValid()) {
        view->selectRow(index.row());
    }
    const std::unique_ptr<QMenu> menu = createMenu();
    menu->exec(view->viewport()->mapToGlobal(position));
}

void PageParts::selectRow(QTableView* view, const QModelIndex& index)
{
    view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->scrollTo(index);
}

} // namespace appint
