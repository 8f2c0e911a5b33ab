#include "TestMain.h"

#include "credentials/SavedClientSecrets.h"
#include "gui/shell/ConsolePreferences.h"
#include "gui/shell/PreferencesDialog.h"
#include "gui/tenants/TenantEntry.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QSpinBox>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace appint::test {

// What the console keeps in the settings file (never a secret): the
// Preferences, the tenant used last, the index of kept client secrets; and
// how tenants are named in the switcher.
class TestConsoleSettings : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void testClipboardTimeout_data();
    void testClipboardTimeout();
    void testLastTenant();
    void testSavedClientSecretsIndex();
    void testPreferencesDialog();
    void testTenantEntryTexts();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
};

void TestConsoleSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<QSettings>(m_dir->filePath(u"appint.conf"_s), QSettings::IniFormat);
}

void TestConsoleSettings::cleanup()
{
    m_settings.reset();
    m_dir.reset();
}

void TestConsoleSettings::testClipboardTimeout_data()
{
    QTest::addColumn<QVariant>("stored");
    QTest::addColumn<int>("read");
    QTest::newRow("nothing stored: the default") << QVariant() << 30;
    QTest::newRow("a value") << QVariant(12) << 12;
    QTest::newRow("too short") << QVariant(1) << 5;
    QTest::newRow("too long") << QVariant(100000) << 600;
    QTest::newRow("not a number") << QVariant(u"soon"_s) << 30;
}

void TestConsoleSettings::testClipboardTimeout()
{
    QFETCH(QVariant, stored);
    QFETCH(int, read);
    if (stored.isValid()) {
        m_settings->setValue(ConsolePreferences::ClipboardClearSecondsKey, stored);
    }
    ConsolePreferences preferences(m_settings.get());
    QCOMPARE(preferences.clipboardClearSeconds(), read);
    preferences.setClipboardClearSeconds(3);
    QCOMPARE(preferences.clipboardClearSeconds(), 5);
    preferences.setClipboardClearSeconds(45);
    QCOMPARE(QSettings(m_settings->fileName(), QSettings::IniFormat).value(u"console/clipboardClearSeconds"_s).toInt(),
             45);
}

void TestConsoleSettings::testLastTenant()
{
    ConsolePreferences preferences(m_settings.get());
    QVERIFY(preferences.lastTenant().isEmpty());
    preferences.setLastTenant(u"saved:https://tenant.example"_s);
    QCOMPARE(ConsolePreferences(m_settings.get()).lastTenant(), u"saved:https://tenant.example"_s);
    preferences.setLastTenant(QString());
    QVERIFY(!m_settings->contains(ConsolePreferences::LastTenantKey));
}

void TestConsoleSettings::testSavedClientSecretsIndex()
{
    SavedClientSecrets index(m_settings.get());
    const QString tenant = u"https://Tenant.Example:443/"_s;
    QVERIFY(index.clientIds(tenant).isEmpty());
    index.add(tenant, u"cl-b"_s);
    index.add(u"https://tenant.example"_s, u"cl-a"_s); // the same tenant, normalised
    index.add(u"file:///home/x/sandbox"_s, u"cl-a"_s);
    QCOMPARE(index.clientIds(tenant), QSet<QString>({u"cl-a"_s, u"cl-b"_s}));
    QVERIFY(index.contains(u"https://tenant.example"_s, u"cl-b"_s));
    QVERIFY(!index.contains(u"https://other.example"_s, u"cl-b"_s));
    index.remove(tenant, u"cl-b"_s);
    QCOMPARE(index.clientIds(tenant), QSet<QString>({u"cl-a"_s}));
    // Client IDs only, under one key per tenant; nothing else.
    m_settings->sync();
    QFile file(m_settings->fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY(content.contains("[savedClientSecrets]"));
    QVERIFY(content.contains("cl-a"));
    index.removeTenant(tenant);
    QVERIFY(index.clientIds(tenant).isEmpty());
    QCOMPARE(index.clientIds(u"file:///home/x/sandbox"_s), QSet<QString>({u"cl-a"_s}));
}

void TestConsoleSettings::testPreferencesDialog()
{
    PreferencesDialog dialog(42);
    auto* seconds = dialog.findChild<QSpinBox*>(u"clearSecondsSpinBox"_s);
    QCOMPARE(seconds->value(), 42);
    QCOMPARE(seconds->minimum(), ConsolePreferences::MinimumClipboardClearSeconds);
    QCOMPARE(seconds->maximum(), ConsolePreferences::MaximumClipboardClearSeconds);
    QCOMPARE(seconds->suffix(), u" seconds"_s);
    QVERIFY(dialog.findChild<QLabel*>(u"clipboardHintLabel"_s)->text().contains(u"Default: 30 seconds."_s));
    seconds->setValue(90);
    QCOMPARE(dialog.clipboardClearSeconds(), 90);
}

void TestConsoleSettings::testTenantEntryTexts()
{
    const TenantEntry sandbox{TenantEntry::Kind::Sandbox, u"http://127.0.0.1:4242"_s, u"sb-admin"_s, QString()};
    QCOMPARE(sandbox.id(), u"sandbox"_s);
    QCOMPARE(sandbox.displayText(), u"Local sandbox tenant"_s);
    QCOMPARE(sandbox.connectionText(), u"Local sandbox tenant at http://127.0.0.1:4242"_s);
    const TenantEntry saved = TenantEntry::fromProfile({u"https://t.example"_s, u"admin"_s, u"Production"_s});
    QCOMPARE(saved.id(), u"saved:https://t.example"_s);
    QCOMPARE(saved.displayText(), u"Production"_s);
    QCOMPARE(saved.connectionText(), u"Connected to https://t.example as admin"_s);
    const TenantEntry unnamed = TenantEntry::fromProfile({u"https://t.example"_s, u"admin"_s, QString()});
    QCOMPARE(unnamed.displayText(), u"https://t.example"_s);
    const TenantEntry cli{TenantEntry::Kind::CommandLine, u"https://c.example"_s, u"admin"_s, QString()};
    QCOMPARE(cli.id(), u"cli:https://c.example"_s);
    QCOMPARE(cli.displayText(), u"https://c.example (command line)"_s);
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestConsoleSettings)
#include "TestConsoleSettings.moc"
