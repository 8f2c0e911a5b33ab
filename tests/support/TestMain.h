#pragma once

#include "core/Translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTest>

// Like QTEST_GUILESS_MAIN / QTEST_MAIN, plus the project's English translator
// (plural forms) and a fixed C-like locale so that messages are predictable.
#define APPINT_TEST_MAIN_IMPL(AppType, TestObject)                                                                     \
    int main(int argc, char** argv)                                                                                    \
    {                                                                                                                  \
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));                                         \
        AppType app(argc, argv);                                                                                       \
        app.setApplicationName(QStringLiteral("appint-tests"));                                                        \
        appint::installTranslations(QLocale(QLocale::English));                                                        \
        TestObject tc;                                                                                                 \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                     \
        return QTest::qExec(&tc, argc, argv);                                                                          \
    }

#define APPINT_TEST_MAIN(TestObject) APPINT_TEST_MAIN_IMPL(QCoreApplication, TestObject)
// For widget tests; the test includes <QApplication>.
#define APPINT_TEST_GUI_MAIN(TestObject) APPINT_TEST_MAIN_IMPL(QApplication, TestObject)
