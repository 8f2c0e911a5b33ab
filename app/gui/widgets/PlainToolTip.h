#pragma once

#include <QString>

namespace appint {

// A tooltip shows rich text whenever its text looks like markup
// (Qt::mightBeRichText). Tooltips that carry server text (client IDs, role
// descriptions) go through text(): markup-looking text is escaped so that it
// is shown as the characters it is (issue 16).
class PlainToolTip
{
public:
    static QString text(const QString& plain);
};

} // namespace appint
