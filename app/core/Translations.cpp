#include "core/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
void load(const QString& name, const QString& directory, const QLocale& locale)
{
    auto* translator = new QTranslator(QCoreApplication::instance());
    if (translator->load(locale, name, u"_"_s, directory)) {
        QCoreApplication::installTranslator(translator);
    } else {
        delete translator;
    }
}
} // namespace

void installTranslations(const QLocale& locale)
{
    Q_ASSERT(QCoreApplication::instance());
    // English carries the plural forms of the source strings. Translators
    // installed later take precedence, so the user's language wins.
    load(u"appint"_s, u":/i18n"_s, QLocale(QLocale::English));
    if (locale.language() != QLocale::English && locale.language() != QLocale::C) {
        load(u"qtbase"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath), locale);
        load(u"appint"_s, u":/i18n"_s, locale);
    }
}

} // namespace appint
