#include "gui/clients/ClientDialog.h"
#include "gui/clients/RolePickerDialog.h"
#include "gui/clients/RolePickerModel.h"
#include "gui/clients/SecretView.h"
#include "gui/widgets/Clipboard.h"
#include "gui/widgets/DurationEdit.h"
#include "gui/widgets/ExpiryEdit.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/MessageWidget.h"

#include "core/OAuthNames.h"

#include "GuiTestData.h"
#include "ManualClock.h"
#include "TestMain.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {
constexpr qint64 Now = 1'750'000'000;
}

class TestClientDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void testFieldsFollowThePurpose_data();
    void testFieldsFollowThePurpose();
    void testAddTechnicalClient();
    void testInlineErrors();
    void testTakenUserId();
    void testApiAccessAndGrant();
    void testInteractiveRedirectUri();
    void testServerFieldErrorsLandBesideTheField();
    void testBusyBlocksRepeatAndClose();
    void testSecretShownOnceAndCopied();
    void testClosingBeforeCopyingAsks();
    void testEditActiveClient();
    void testEditExpiredClientOnlyExtends();
    void testExpiryPresets();

private:
    ClientDialogContext context();
    template <typename T>
    T* find(QWidget* dialog, const QString& name)
    {
        auto* widget = dialog->findChild<T*>(name);
        if (!widget) {
            qWarning("no widget %s", qPrintable(name));
        }
        return widget;
    }
    QPushButton* submitButton(QWidget* dialog) { return find<QPushButton>(dialog, u"submitPushButton"_s); }
    void selectRoles(ClientDialog& dialog, const QStringList& roleIds);
    Client technicalClient(qint64 expiresAt) const;

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Clipboard> m_clipboard;
};

void TestClientDialog::init()
{
    m_clock = std::make_unique<ManualClock>(Now);
    m_clipboard = std::make_unique<Clipboard>();
    QGuiApplication::clipboard()->clear();
}

void TestClientDialog::cleanup()
{
    m_clipboard.reset();
    m_clock.reset();
}

ClientDialogContext TestClientDialog::context()
{
    ClientDialogContext context;
    context.clock = m_clock.get();
    context.roles = sampleRoles();
    context.spaces = sampleSpaces();
    context.userIdTaken = [](const QString& userId) { return userId == u"TAKEN"_s; };
    context.clipboard = m_clipboard.get();
    return context;
}

Client TestClientDialog::technicalClient(qint64 expiresAt) const
{
    Client client = ClientRules::withDefaults(Purpose::Technical, Now - 100 * SecondsPerDay);
    client.clientId = u"sb-tech-1"_s;
    client.clientName = u"Reporting Robot"_s;
    client.userId = u"REPORTING"_s;
    client.roles = {{u"DW_VIEWER"_s, {}}};
    client.clientSecretExpiresAt = expiresAt;
    client.clientIdIssuedAt = Now - 100 * SecondsPerDay;
    return client;
}

void TestClientDialog::selectRoles(ClientDialog& dialog, const QStringList& roleIds)
{
    find<QPushButton>(&dialog, u"selectRolesPushButton"_s)->click();
    auto* picker = dialog.findChild<RolePickerDialog*>();
    QVERIFY(picker);
    QTRY_VERIFY(picker->isVisible());
    for (const QString& id : roleIds) {
        picker->model()->setData(picker->model()->roleIndex(id), Qt::Checked, Qt::CheckStateRole);
    }
    find<QDialogButtonBox>(picker, u"buttonBox"_s)->button(QDialogButtonBox::Ok)->click();
}

void TestClientDialog::testFieldsFollowThePurpose_data()
{
    QTest::addColumn<int>("purpose");
    QTest::addColumn<QStringList>("visible");
    QTest::addColumn<QStringList>("hidden");
    QTest::addColumn<bool>("grantSelectable");
    QTest::addColumn<qint64>("tokenLifetime");

    QTest::newRow("technical") << int(Purpose::Technical)
                               << QStringList{u"userIdField"_s, u"rolesField"_s, u"expiryField"_s}
                               << QStringList{u"accessField"_s, u"redirectUriField"_s, u"refreshTokenLifetimeField"_s}
                               << false << qint64(SecondsPerDay);
    QTest::newRow("api") << int(Purpose::Api) << QStringList{u"accessField"_s, u"refreshTokenLifetimeField"_s}
                         << QStringList{u"userIdField"_s, u"rolesField"_s, u"expiryField"_s, u"redirectUriField"_s}
                         << true << qint64(3600);
    QTest::newRow("interactive") << int(Purpose::Interactive)
                                 << QStringList{u"redirectUriField"_s, u"refreshTokenLifetimeField"_s}
                                 << QStringList{u"userIdField"_s, u"rolesField"_s, u"expiryField"_s, u"accessField"_s}
                                 << false << qint64(3600);
}

void TestClientDialog::testFieldsFollowThePurpose()
{
    QFETCH(int, purpose);
    QFETCH(QStringList, visible);
    QFETCH(QStringList, hidden);
    QFETCH(bool, grantSelectable);
    QFETCH(qint64, tokenLifetime);

    ClientDialog dialog(context());
    dialog.show();
    auto* combo = find<QComboBox>(&dialog, u"purposeComboBox"_s);
    QCOMPARE(combo->currentText(), u"Technical User"_s); // the default
    combo->setCurrentIndex(combo->findData(purpose));
    auto* form = find<QFormLayout>(&dialog, u"formLayout"_s);
    for (const QString& name : visible) {
        QVERIFY2(form->isRowVisible(find<QWidget>(&dialog, name)), qPrintable(name));
    }
    for (const QString& name : hidden) {
        QVERIFY2(!form->isRowVisible(find<QWidget>(&dialog, name)), qPrintable(name));
    }
    QCOMPARE(find<QComboBox>(&dialog, u"grantComboBox"_s)->isEnabled(), grantSelectable);
    QCOMPARE(find<DurationEdit>(&dialog, u"tokenLifetimeDurationEdit"_s)->seconds(), tokenLifetime);
    QCOMPARE(dialog.client().accessTokenLifetime, tokenLifetime);
    QVERIFY(find<QLineEdit>(&dialog, u"clientIdLineEdit"_s)->isReadOnly());
    QVERIFY(!submitButton(&dialog)->isEnabled());
}

void TestClientDialog::testAddTechnicalClient()
{
    ClientDialog dialog(context());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.windowTitle(), u"Add a New OAuth Client"_s);
    QVERIFY(!submitButton(&dialog)->isEnabled());
    QVERIFY(submitButton(&dialog)->toolTip().contains(u"Enter a name."_s));

    QTest::keyClicks(find<QLineEdit>(&dialog, u"nameLineEdit"_s), u"Reporting Robot"_s);
    QTest::keyClicks(find<QLineEdit>(&dialog, u"userIdLineEdit"_s), u"reporting_bot"_s);
    QCOMPARE(find<QLineEdit>(&dialog, u"userIdLineEdit"_s)->text(), u"REPORTING_BOT"_s);
    QVERIFY(!submitButton(&dialog)->isEnabled()); // no roles yet

    selectRoles(dialog, {u"DW_VIEWER"_s, u"SALES_MODELER"_s});
    QCOMPARE(find<QLabel>(&dialog, u"rolesSummaryLabel"_s)->text(), u"DW_VIEWER, SALES_MODELER (SALES, HR, FINANCE)"_s);
    QVERIFY(submitButton(&dialog)->isEnabled());

    QSignalSpy submitted(&dialog, &ClientDialog::submitted);
    QTest::mouseClick(submitButton(&dialog), Qt::LeftButton);
    QCOMPARE(submitted.size(), 1);
    QVERIFY(dialog.isVisible()); // stays open: the page does the call

    const Client client = dialog.client();
    QCOMPARE(client.clientName, u"Reporting Robot"_s);
    QCOMPARE(client.purpose, Purpose::Technical);
    QCOMPARE(client.userId, u"REPORTING_BOT"_s);
    QCOMPARE(client.grantTypes, QStringList{oauth::GrantClientCredentials});
    QCOMPARE(client.roles,
             RoleAssignments({{u"DW_VIEWER"_s, {}}, {u"SALES_MODELER"_s, {u"SALES"_s, u"HR"_s, u"FINANCE"_s}}}));
    QCOMPARE(client.accessTokenLifetime, SecondsPerDay);
    QCOMPARE(client.refreshTokenLifetime, 0);
    // Default expiry: 3 months, at the end of that day; valid by the rules.
    QVERIFY(ClientRules::checkExpiry(Purpose::Technical, client.clientSecretExpiresAt, Now).isEmpty());
    QVERIFY(qAbs(client.clientSecretExpiresAt - ClientRules::defaultExpiry(Now)) < SecondsPerDay);
    QVERIFY(client.access.isEmpty());
    QVERIFY(client.redirectUris.isEmpty());
}

void TestClientDialog::testInlineErrors()
{
    ClientDialog dialog(context());
    dialog.show();
    auto* name = find<QLineEdit>(&dialog, u"nameLineEdit"_s);
    auto* userId = find<QLineEdit>(&dialog, u"userIdLineEdit"_s);

    // Nothing shouts before the admin types.
    QVERIFY(!dialog.fieldHasError(u"client_name"_s));
    QVERIFY(!dialog.fieldHasError(u"user_id"_s));
    QVERIFY(dialog.fieldMessage(u"user_id"_s).contains(u"Uppercase letters"_s)); // the hint

    QTest::keyClicks(name, u"X"_s);
    QTest::keyClick(name, Qt::Key_Backspace);
    QVERIFY(dialog.fieldHasError(u"client_name"_s));
    QCOMPARE(dialog.fieldMessage(u"client_name"_s), u"Enter a name."_s);
    QTest::keyClicks(name, u"Loader"_s);
    QVERIFY(!dialog.fieldHasError(u"client_name"_s));

    QTest::keyClicks(userId, u"bad-id"_s);
    QCOMPARE(userId->text(), u"BAD-ID"_s);
    QVERIFY(dialog.fieldHasError(u"user_id"_s));
    QCOMPARE(dialog.fieldMessage(u"user_id"_s),
             u"The user ID can contain only uppercase letters, numbers and underscores."_s);
    userId->selectAll();
    QTest::keyClicks(userId, u"abcdefghijklmnopqrstu"_s); // 21 characters
    QVERIFY(dialog.fieldMessage(u"user_id"_s).contains(u"at most 20 characters"_s));

    // A technical token lifetime below one hour.
    auto* lifetime = find<DurationEdit>(&dialog, u"tokenLifetimeDurationEdit"_s);
    lifetime->unitComboBox()->setCurrentIndex(1); // minutes
    lifetime->valueSpinBox()->selectAll();
    QTest::keyClicks(lifetime->valueSpinBox(), u"30"_s);
    QCOMPARE(lifetime->seconds(), 1800);
    QVERIFY(dialog.fieldHasError(u"access_token_lifetime"_s));
    QVERIFY(dialog.fieldMessage(u"access_token_lifetime"_s)
                .startsWith(u"The token lifetime must be between 1 hour and 1 day"_s));
    QVERIFY(!submitButton(&dialog)->isEnabled());

    // Clicking Add on an invalid form shows every remaining error.
    submitButton(&dialog)->setEnabled(true);
    QSignalSpy submitted(&dialog, &ClientDialog::submitted);
    submitButton(&dialog)->click();
    QCOMPARE(submitted.size(), 0);
    QCOMPARE(dialog.fieldMessage(u"roles"_s), u"Select at least one role."_s);
}

void TestClientDialog::testTakenUserId()
{
    ClientDialog dialog(context());
    dialog.show();
    QTest::keyClicks(find<QLineEdit>(&dialog, u"userIdLineEdit"_s), u"taken"_s);
    QVERIFY(dialog.fieldHasError(u"user_id"_s));
    QVERIFY(dialog.fieldMessage(u"user_id"_s).contains(u"already taken"_s));
}

void TestClientDialog::testApiAccessAndGrant()
{
    ClientDialog dialog(context());
    dialog.show();
    auto* purpose = find<QComboBox>(&dialog, u"purposeComboBox"_s);
    purpose->setCurrentIndex(purpose->findData(int(Purpose::Api)));
    QTest::keyClicks(find<QLineEdit>(&dialog, u"nameLineEdit"_s), u"SCIM"_s);
    QVERIFY(!submitButton(&dialog)->isEnabled());

    auto* provisioning = find<QCheckBox>(&dialog, u"userProvisioningCheckBox"_s);
    QCOMPARE(provisioning->text(), u"User Provisioning"_s);
    provisioning->click();
    provisioning->click(); // and off again: the error shows
    QCOMPARE(dialog.fieldMessage(u"access"_s), u"Select at least one access."_s);
    provisioning->click();
    QVERIFY(submitButton(&dialog)->isEnabled());

    auto* grant = find<QComboBox>(&dialog, u"grantComboBox"_s);
    QCOMPARE(grant->count(), 2);
    QCOMPARE(grant->itemText(1), u"SAML2.0 Bearer"_s);
    grant->setCurrentIndex(1);
    const Client client = dialog.client();
    QCOMPARE(client.grantTypes, QStringList{oauth::GrantSaml2Bearer});
    QCOMPARE(client.access, QStringList{oauth::AccessUserProvisioning});
    QCOMPARE(client.accessTokenLifetime, 3600);
    QCOMPARE(client.refreshTokenLifetime, 30 * SecondsPerDay);
    QCOMPARE(client.clientSecretExpiresAt, 0);
    QVERIFY(client.userId.isEmpty());
}

void TestClientDialog::testInteractiveRedirectUri()
{
    ClientDialog dialog(context());
    dialog.show();
    auto* purpose = find<QComboBox>(&dialog, u"purposeComboBox"_s);
    purpose->setCurrentIndex(purpose->findData(int(Purpose::Interactive)));
    QTest::keyClicks(find<QLineEdit>(&dialog, u"nameLineEdit"_s), u"CLI"_s);
    auto* uri = find<QLineEdit>(&dialog, u"redirectUriLineEdit"_s);
    QTest::keyClicks(uri, u"not a uri"_s);
    QVERIFY(dialog.fieldHasError(u"redirect_uris"_s));
    QVERIFY(dialog.fieldMessage(u"redirect_uris"_s).contains(u"is not an absolute URI"_s));
    uri->clear();
    QTest::keyClicks(uri, u"http://localhost:8080/**"_s);
    QVERIFY(!dialog.fieldHasError(u"redirect_uris"_s));
    QVERIFY(submitButton(&dialog)->isEnabled());
    QCOMPARE(dialog.client().redirectUris, QStringList{u"http://localhost:8080/**"_s});
    QCOMPARE(dialog.client().grantTypes, QStringList({oauth::GrantAuthorizationCode, oauth::GrantRefreshToken}));
    QVERIFY(!find<QComboBox>(&dialog, u"grantComboBox"_s)->isEnabled());
}

void TestClientDialog::testServerFieldErrorsLandBesideTheField()
{
    ClientDialog dialog(context());
    dialog.show();
    QTest::keyClicks(find<QLineEdit>(&dialog, u"nameLineEdit"_s), u"Robot"_s);
    QTest::keyClicks(find<QLineEdit>(&dialog, u"userIdLineEdit"_s), u"ROBOT"_s);
    selectRoles(dialog, {u"DW_VIEWER"_s});
    QVERIFY(submitButton(&dialog)->isEnabled());
    dialog.setBusy(true);
    dialog.showServerErrors(u"The client was not created."_s,
                            {{u"user_id"_s, u"The user ID ROBOT is already taken."_s},
                             {u"grant_types"_s, u"Unsupported grant."_s},
                             {u"some_other"_s, u"Something else."_s}});
    QVERIFY(!dialog.isBusy());
    QCOMPARE(dialog.fieldMessage(u"user_id"_s), u"The user ID ROBOT is already taken."_s);
    QVERIFY(dialog.fieldHasError(u"user_id"_s));
    QVERIFY(dialog.fieldHasError(u"grant_types"_s));
    auto* banner = find<MessageWidget>(&dialog, u"messageWidget"_s);
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->type(), MessageWidget::Type::Error);
    QVERIFY(banner->text().startsWith(u"The client was not created."_s));
    QVERIFY(banner->text().contains(u"Something else."_s));
    // The same request would fail again: Add waits for the refused field to change.
    QVERIFY(!submitButton(&dialog)->isEnabled());

    auto* userId = find<QLineEdit>(&dialog, u"userIdLineEdit"_s);
    QTest::keyClicks(userId, u"2"_s);
    QVERIFY(!dialog.fieldHasError(u"user_id"_s));
    QVERIFY(!submitButton(&dialog)->isEnabled()); // grant_types still refused
    find<QComboBox>(&dialog, u"grantComboBox"_s)->activated(0);
    QVERIFY(submitButton(&dialog)->isEnabled());
}

void TestClientDialog::testBusyBlocksRepeatAndClose()
{
    ClientDialog dialog(context());
    dialog.show();
    QTest::keyClicks(find<QLineEdit>(&dialog, u"nameLineEdit"_s), u"Robot"_s);
    QTest::keyClicks(find<QLineEdit>(&dialog, u"userIdLineEdit"_s), u"ROBOT"_s);
    selectRoles(dialog, {u"DW_VIEWER"_s});

    dialog.setBusy(true);
    QVERIFY(!submitButton(&dialog)->isEnabled());
    QVERIFY(!find<QPushButton>(&dialog, u"cancelPushButton"_s)->isEnabled());
    QVERIFY(find<QWidget>(&dialog, u"busyProgressBar"_s)->isVisible());
    QCOMPARE(find<QLabel>(&dialog, u"busyLabel"_s)->text(), u"Adding the client…"_s);
    dialog.reject();
    QVERIFY(dialog.isVisible()); // the answer must still reach the dialog

    dialog.setBusy(false);
    QVERIFY(submitButton(&dialog)->isEnabled());
    QVERIFY(!find<QWidget>(&dialog, u"busyProgressBar"_s)->isVisible());
    dialog.reject();
    QVERIFY(!dialog.isVisible());
}

void TestClientDialog::testSecretShownOnceAndCopied()
{
    ClientDialog dialog(context());
    dialog.show();
    const QString secret = u"s3cr3t-0123456789abcdef"_s;
    const Secret shown(secret);
    dialog.showSecret(u"sb-new-client"_s, shown);

    QVERIFY(dialog.isShowingSecret());
    QCOMPARE(dialog.windowTitle(), u"OAuth Client Added"_s);
    auto* secretEdit = find<QLineEdit>(&dialog, u"secretLineEdit"_s);
    QCOMPARE(secretEdit->text(), secret);
    QVERIFY(secretEdit->isReadOnly());
    QCOMPARE(dialog.secretView()->findChild<QLineEdit*>(u"secretClientIdLineEdit"_s)->text(), u"sb-new-client"_s);
    auto* warning = dialog.secretView()->findChild<MessageWidget*>(u"warningMessageWidget"_s);
    QVERIFY(warning->isVisible());
    QCOMPARE(warning->text(),
             u"You won't be able to copy the secret again. If you lose it, you will need to create a new client."_s);
    QVERIFY(!submitButton(&dialog)->isVisible());
    QVERIFY(!find<QPushButton>(&dialog, u"cancelPushButton"_s)->isVisible());

    find<QPushButton>(&dialog, u"copySecretPushButton"_s)->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), secret);
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    QCOMPARE(mime->data(u"x-kde-passwordManagerHint"_s), "secret"_ba);
    QVERIFY(dialog.secretView()->secretCopied());
    QCOMPARE(m_clipboard->secondsLeft(), Clipboard::DefaultClearSeconds);

    const int asked = MessageBox::questionCount();
    find<QPushButton>(&dialog, u"closePushButton"_s)->click();
    QCOMPARE(MessageBox::questionCount(), asked); // copied: no question
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    // The secret is gone from the widgets.
    QVERIFY(secretEdit->text().isEmpty());
    QVERIFY(!dialog.secretView()->hasSecret());
    QVERIFY(!find<QPushButton>(&dialog, u"copySecretPushButton"_s)->isEnabled());
    QVERIFY(shown.isEmpty()); // the shared buffer is zeroed and emptied

    // The clipboard forgets it when the console quits (or the timeout ends).
    m_clipboard.reset();
    QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
}

void TestClientDialog::testClosingBeforeCopyingAsks()
{
    ClientDialog dialog(context());
    dialog.show();
    const Secret shown(u"another-secret"_s);
    dialog.showSecret(u"sb-new-client"_s, shown);
    auto* secretEdit = find<QLineEdit>(&dialog, u"secretLineEdit"_s);

    MessageBox::setNextAnswer(false); // "Go Back"
    const int asked = MessageBox::questionCount();
    dialog.reject(); // Escape or the window's close button
    QCOMPARE(MessageBox::questionCount(), asked + 1);
    QVERIFY(MessageBox::lastQuestion().contains(u"You have not copied the secret"_s));
    QVERIFY(dialog.isVisible());
    QCOMPARE(secretEdit->text(), u"another-secret"_s);

    MessageBox::setNextAnswer(true); // "Close Without Copying"
    find<QPushButton>(&dialog, u"closePushButton"_s)->click();
    QVERIFY(!dialog.isVisible());
    QVERIFY(secretEdit->text().isEmpty());
    QVERIFY(!dialog.secretView()->hasSecret());
}

void TestClientDialog::testEditActiveClient()
{
    const Client existing = technicalClient(Now + 60 * SecondsPerDay);
    ClientDialog dialog(context(), existing);
    dialog.show();
    QCOMPARE(dialog.mode(), ClientDialog::Mode::Edit);
    QCOMPARE(dialog.windowTitle(), u"Edit OAuth Client"_s);
    QCOMPARE(submitButton(&dialog)->text(), u"Save"_s);
    QVERIFY(!submitButton(&dialog)->isEnabled()); // nothing changed
    QVERIFY(dialog.mergePatch().isEmpty());
    QCOMPARE(find<QLineEdit>(&dialog, u"clientIdLineEdit"_s)->text(), u"sb-tech-1"_s);
    QVERIFY(!find<QComboBox>(&dialog, u"purposeComboBox"_s)->isEnabled());
    QVERIFY(find<QLineEdit>(&dialog, u"userIdLineEdit"_s)->isReadOnly());
    QCOMPARE(find<DurationEdit>(&dialog, u"tokenLifetimeDurationEdit"_s)->seconds(), SecondsPerDay);

    auto* name = find<QLineEdit>(&dialog, u"nameLineEdit"_s);
    name->selectAll();
    QTest::keyClicks(name, u"Reporting Robot 2"_s);
    selectRoles(dialog, {u"DW_MODELER"_s});
    auto* lifetime = find<DurationEdit>(&dialog, u"tokenLifetimeDurationEdit"_s);
    lifetime->unitComboBox()->setCurrentIndex(2); // hours
    lifetime->valueSpinBox()->setValue(2);
    QVERIFY(submitButton(&dialog)->isEnabled());

    const QJsonObject patch = dialog.mergePatch();
    QCOMPARE(patch.keys(), QStringList({u"access_token_lifetime"_s, u"client_name"_s, u"roles"_s}));
    QCOMPARE(patch.value(u"client_name"_s).toString(), u"Reporting Robot 2"_s);
    QCOMPARE(patch.value(u"access_token_lifetime"_s).toInteger(), 7200);
    QCOMPARE(patch.value(u"roles"_s).toArray().size(), 2);

    // Extending the expiry of an active client keeps its secret: a plain edit.
    find<QComboBox>(&dialog, u"presetComboBox"_s)->activated(3); // 1 year
    QVERIFY(dialog.mergePatch().contains(u"client_secret_expires_at"_s));
    QSignalSpy submitted(&dialog, &ClientDialog::submitted);
    submitButton(&dialog)->click();
    QCOMPARE(submitted.size(), 1);
}

void TestClientDialog::testEditExpiredClientOnlyExtends()
{
    const Client expired = technicalClient(Now - 2 * SecondsPerDay);
    ClientDialog dialog(context(), expired);
    dialog.show();
    QCOMPARE(dialog.mode(), ClientDialog::Mode::Extend);
    QVERIFY(find<QLineEdit>(&dialog, u"nameLineEdit"_s)->isReadOnly());
    QVERIFY(!find<QPushButton>(&dialog, u"selectRolesPushButton"_s)->isEnabled());
    QVERIFY(!find<DurationEdit>(&dialog, u"tokenLifetimeDurationEdit"_s)->isEnabled());
    QVERIFY(find<ExpiryEdit>(&dialog, u"expiryEdit"_s)->isEnabled());
    auto* banner = find<MessageWidget>(&dialog, u"messageWidget"_s);
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(u"Only its expiry date can be changed"_s));

    // A new expiry (3 months by default) is all the patch carries.
    QVERIFY(submitButton(&dialog)->isEnabled());
    QJsonObject patch = dialog.mergePatch();
    QCOMPARE(patch.keys(), QStringList{u"client_secret_expires_at"_s});
    QVERIFY(ClientRules::checkExpiry(Purpose::Technical, patch.value(u"client_secret_expires_at"_s).toInteger(), Now)
                .isEmpty());
    find<QComboBox>(&dialog, u"presetComboBox"_s)->activated(4); // 20 years
    patch = dialog.mergePatch();
    QCOMPARE(patch.value(u"client_secret_expires_at"_s).toInteger(), ClientRules::maximumExpiry(Now));

    dialog.setBusy(true);
    QCOMPARE(find<QLabel>(&dialog, u"busyLabel"_s)->text(), u"Saving…"_s);
    dialog.showSecret(expired.clientId, Secret(u"renewed-secret"_s));
    QCOMPARE(dialog.windowTitle(), u"New Secret Generated"_s);
    QCOMPARE(find<QLineEdit>(&dialog, u"secretLineEdit"_s)->text(), u"renewed-secret"_s);
    find<QPushButton>(&dialog, u"copySecretPushButton"_s)->click();
    dialog.accept();
    QVERIFY(!dialog.isVisible());
}

void TestClientDialog::testExpiryPresets()
{
    ExpiryEdit edit;
    edit.setClock(*m_clock);
    QSignalSpy changed(&edit, &ExpiryEdit::expiresAtChanged);
    edit.presetComboBox()->activated(1); // 7 days
    QCOMPARE(changed.size(), 1);
    QVERIFY(ClientRules::checkExpiry(Purpose::Technical, edit.expiresAt(), Now).isEmpty());
    QVERIFY(edit.expiresAt() - ClientRules::minimumExpiry(Now) < SecondsPerDay);
    edit.presetComboBox()->activated(4); // 20 years
    QCOMPARE(edit.expiresAt(), ClientRules::maximumExpiry(Now));
    // The calendar cannot go below 7 days or beyond 20 years.
    edit.dateEdit()->setDate(QDate(2000, 1, 1));
    QVERIFY(ClientRules::checkExpiry(Purpose::Technical, edit.expiresAt(), Now).isEmpty());
    QCOMPARE(edit.presetComboBox()->currentIndex(), 0); // "Custom date"
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestClientDialog)
#include "TestClientDialog.moc"
