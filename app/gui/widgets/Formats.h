#pragma once

#include <QDate>
#include <QLocale>
#include <QString>

namespace appint {

// The locale's short date format with four-digit years ("M/d/yyyy" for
// en_US): an expiry twenty years ahead must not read like one a century
// ago, and "2/24/26" is ambiguous next to days and months.
QString shortDateFormat(const QLocale& locale = QLocale());

// `date` in shortDateFormat().
QString formatShortDate(const QDate& date, const QLocale& locale = QLocale());

} // namespace appint
