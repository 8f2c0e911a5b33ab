#pragma once

#include <QString>

#include <functional>
#include <memory>

class QAction;
class QLabel;
class QMenu;
class QModelIndex;
class QPoint;
class QTableView;
class QToolBar;
class QWidget;

namespace appint {

// What the administration pages (App Integration, Outbound Credentials) build
// alike: the title, the actions and their toolbar, the table's context menu
// and row selection.
class PageParts
{
public:
    // The page's title label: larger and bold.
    static void emphasizeTitle(QLabel* title);
    // An action of `page` (so that its shortcut works there), named for tests
    // and with the named icon, if any.
    static QAction* createAction(QWidget* page, const QString& objectName, const QString& text,
                                 const QString& iconName);
    // The page's toolbar: text beside 16 px icons.
    static QToolBar* createToolBar(QWidget* page, const QString& objectName);
    // A right click at `position` (viewport coordinates) selects the row
    // there, if any, then shows the menu that `createMenu` builds for it.
    static void execContextMenu(QTableView* view, const QPoint& position,
                                const std::function<std::unique_ptr<QMenu>()>& createMenu);
    // Makes the row of `index` the current and only selected one, in sight.
    static void selectRow(QTableView* view, const QModelIndex& index);
};

} // namespace appint
