#include "gui/widgets/DialogSize.h"

#include <QLayout>
#include <QWidget>

#include <algorithm>

namespace appint {

void resizeForWrappedText(QWidget* dialog)
{
    QLayout* layout = dialog->layout();
    layout->activate();
    const int width = std::max(dialog->minimumWidth(), dialog->sizeHint().width());
    dialog->resize(width,
                   layout->hasHeightForWidth() ? layout->totalHeightForWidth(width) : dialog->sizeHint().height());
}

} // namespace appint
