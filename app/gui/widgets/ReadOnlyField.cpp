#include "gui/widgets/ReadOnlyField.h"

#include <QApplication>
#include <QLineEdit>
#include <QPalette>

namespace appint {

void setReadOnlyField(QLineEdit* edit, bool readOnly)
{
    edit->setReadOnly(readOnly);
    QPalette palette = edit->palette();
    const QPalette standard = QApplication::palette(edit);
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        palette.setColor(group, QPalette::Base, standard.color(group, readOnly ? QPalette::Window : QPalette::Base));
    }
    edit->setPalette(palette);
}

} // namespace appint
