#include "gui/widgets/Formats.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace appint {

QString shortDateFormat(const QLocale& locale)
{
    QString format = locale.dateFormat(QLocale::ShortFormat);
    // A run of exactly two y's (not part of "yyyy") becomes four.
    static const QRegularExpression twoDigitYear(u"(?<!y)yy(?!y)"_s);
    format.replace(twoDigitYear, u"yyyy"_s);
    return format;
}

QString formatShortDate(const QDate& date, const QLocale& locale)
{
    return locale.toString(date, shortDateFormat(locale));
}

} // namespace appint
