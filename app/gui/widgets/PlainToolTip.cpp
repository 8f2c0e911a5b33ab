#include "gui/widgets/PlainToolTip.h"

#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace appint {

QString PlainToolTip::text(const QString& plain)
{
    if (plain.isEmpty() || !Qt::mightBeRichText(plain)) {
        return plain;
    }
    QString escaped = plain.toHtmlEscaped();
    escaped.replace(u'\n', u"<br>"_s);
    return u"<qt>"_s + escaped + u"</qt>"_s;
}

} // namespace appint
