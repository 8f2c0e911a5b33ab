#include "gui/outbound/CustomParameterModel.h"
#include "gui/outbound/OutboundCredentialDialog.h"
#include "gui/outbound/TokenPropertyModel.h"
#include "gui/widgets/CellEditDelegate.h"

#include "core/OutboundCredentialRules.h"

#include "TestMain.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {

using Rules = OutboundCredentialRules;

OutboundCredential savedCredential()
{
    OutboundCredential credential;
    credential.name = u"erp-orders"_s;
    credential.description = u"Orders API of the ERP"_s;
    credential.tokenServiceUrl = u"https://auth.example.com/oauth/token"_s;
    credential.clientId = u"sb-erp-orders"_s;
    credential.scope = u"orders.read"_s;
    credential.customParameters = {{u"x-tenant"_s, u"eu10"_s, ParameterLocation::Header}};
    credential.tokenServiceQueries = {{u"zone"_s, u"eu"_s}};
    return credential;
}

} // namespace

// The Add/Edit dialog of an outbound credential, offscreen: real widgets
// found by object name and typed into; the custom-parameter rules of seed
// 003 as the admin types; the secret required on every save.
class TestOutboundCredentialDialog : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();

    void testAddTypesEveryField();
    void testSubmitEnabledOnlyWhenValid();
    void testInlineErrorsAfterTyping_data();
    void testInlineErrorsAfterTyping();
    void testCommonUrlShowsSubdomainAndResolvedUrl();
    void testTypingIntoTheTableValidatesAsYouType();
    void testTwentyFirstRowIsRefused();
    void testLoadedTwentyFirstRowIsMarked();
    void testForbiddenKeys_data();
    void testForbiddenKeys();
    void testWhitespaceOnlyFields();
    void testDuplicateTriple();
    void testFieldLength();
    void testRemoveRows();
    void testTokenProperties();
    void testEditRequiresTheSecretAgain();
    void testTokenServicePasswordNeededWithUser();
    void testSaveErrorsLandBesideTheFields();
    void testBusyBlocksCloseAndRepeat();
    void testModelsPassTheModelTester();

private:
    template <typename T>
    static T* find(QWidget* parent, const QString& name)
    {
        auto* widget = parent->findChild<T*>(name);
        if (!widget) {
            qWarning("no widget %s", qPrintable(name));
        }
        return widget;
    }
    static QPushButton* submit(QWidget* dialog) { return find<QPushButton>(dialog, u"submitPushButton"_s); }
    static void type(QWidget* dialog, const QString& lineEdit, const QString& text)
    {
        auto* edit = find<QLineEdit>(dialog, lineEdit);
        edit->setFocus();
        edit->selectAll();
        if (text.isEmpty()) {
            QTest::keyClick(edit, Qt::Key_Backspace);
        } else {
            QTest::keyClicks(edit, text);
        }
    }
    // Opens the cell's editor, types into it and commits with Return.
    static bool typeIntoCell(QTableView* view, int row, int column, const QString& text);
    // Opens the cell's editor (the only one open).
    static QLineEdit* openCellEditor(QTableView* view, int row, int column);
    static void closeEditors();
    static void fillRequired(OutboundCredentialDialog& dialog);

    std::unique_ptr<OutboundCredentialDialog> m_dialog;
};

void TestOutboundCredentialDialog::cleanup()
{
    m_dialog.reset();
}

// Return commits and closes an editor through a queued call; the editor is
// deleted later still.
void TestOutboundCredentialDialog::closeEditors()
{
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

QLineEdit* TestOutboundCredentialDialog::openCellEditor(QTableView* view, int row, int column)
{
    const QModelIndex index = view->model()->index(row, column);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QList<QLineEdit*> editors = view->viewport()->findChildren<QLineEdit*>(u"cellLineEdit"_s);
    if (editors.size() == 1 && view->currentIndex() == index) {
        return editors.constFirst(); // already editing it (a row just added)
    }
    for (QLineEdit* open : std::as_const(editors)) {
        QTest::keyClick(open, Qt::Key_Return);
    }
    closeEditors();
    view->setCurrentIndex(index);
    view->edit(index);
    editors = view->viewport()->findChildren<QLineEdit*>(u"cellLineEdit"_s);
    return editors.size() == 1 ? editors.constFirst() : nullptr;
}

bool TestOutboundCredentialDialog::typeIntoCell(QTableView* view, int row, int column, const QString& text)
{
    QLineEdit* editor = openCellEditor(view, row, column);
    if (!editor) {
        return false;
    }
    editor->selectAll();
    QTest::keyClick(editor, Qt::Key_Delete);
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    closeEditors();
    return true;
}

void TestOutboundCredentialDialog::fillRequired(OutboundCredentialDialog& dialog)
{
    type(&dialog, u"nameLineEdit"_s, u"orders"_s);
    type(&dialog, u"tokenServiceUrlLineEdit"_s, u"https://auth.example.com/oauth/token"_s);
    type(&dialog, u"clientIdLineEdit"_s, u"sb-orders"_s);
    type(&dialog, u"clientSecretLineEdit"_s, u"s3cret"_s);
}

void TestOutboundCredentialDialog::testAddTypesEveryField()
{
    OutboundCredentialDialog dialog(OutboundCredentialDialog::Mode::Add, {}, {u"taken"_s});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.windowTitle(), u"Add Outbound Credential"_s);
    QCOMPARE(submit(&dialog)->text(), u"Add"_s);

    type(&dialog, u"nameLineEdit"_s, u"erp.orders_1"_s);
    type(&dialog, u"descriptionLineEdit"_s, u"Orders of the ERP"_s);
    type(&dialog, u"tokenServiceUrlLineEdit"_s, u"https://authentication.us10.example.com/oauth/token"_s);
    find<QComboBox>(&dialog, u"urlTypeComboBox"_s)->setCurrentIndex(1); // Common
    type(&dialog, u"subdomainLineEdit"_s, u"mytenant"_s);
    type(&dialog, u"clientIdLineEdit"_s, u"sb-orders!t1"_s);
    type(&dialog, u"clientSecretLineEdit"_s, u"s3cr3t-x9"_s);
    auto* authentication = find<QComboBox>(&dialog, u"clientAuthenticationComboBox"_s);
    QCOMPARE(authentication->itemText(0), u"Send as Body Parameter"_s);
    QCOMPARE(authentication->itemText(1), u"Send as Request Header"_s);
    authentication->setCurrentIndex(1);
    type(&dialog, u"tokenServiceUserLineEdit"_s, u"basic-user"_s);
    type(&dialog, u"tokenServicePasswordLineEdit"_s, u"basic-pass"_s);
    type(&dialog, u"scopeLineEdit"_s, u"orders.read orders.write"_s);
    type(&dialog, u"resourceLineEdit"_s, u"https://api.example.com/"_s);
    type(&dialog, u"audienceLineEdit"_s, u"orders-api"_s);
    find<QComboBox>(&dialog, u"contentTypeComboBox"_s)->setCurrentIndex(1);
    find<QSpinBox>(&dialog, u"connectionTimeoutSpinBox"_s)->setValue(5);
    find<QSpinBox>(&dialog, u"readTimeoutSpinBox"_s)->setValue(0);
    QCOMPARE(find<QSpinBox>(&dialog, u"readTimeoutSpinBox"_s)->text(), u"No limit"_s);

    find<QPushButton>(&dialog, u"addParameterPushButton"_s)->click();
    auto* parameters = find<QTableView>(&dialog, u"customParametersTableView"_s);
    QVERIFY(typeIntoCell(parameters, 0, CustomParameterModel::KeyColumn, u"x-zone"_s));
    QVERIFY(typeIntoCell(parameters, 0, CustomParameterModel::ValueColumn, u"eu"_s));
    parameters->model()->setData(parameters->model()->index(0, CustomParameterModel::SendAsColumn), 1); // Header
    find<QPushButton>(&dialog, u"addPropertyPushButton"_s)->click();
    auto* properties = find<QTableView>(&dialog, u"tokenPropertiesTableView"_s);
    properties->model()->setData(properties->model()->index(0, TokenPropertyModel::KindColumn), 2); // body
    QVERIFY(typeIntoCell(properties, 0, TokenPropertyModel::KeyColumn, u"app"_s));
    QVERIFY(typeIntoCell(properties, 0, TokenPropertyModel::ValueColumn, u"console"_s));

    QVERIFY2(
        dialog.validationErrors().isEmpty(),
        qPrintable(dialog.validationErrors().value(0).field + u": "_s + dialog.validationErrors().value(0).message));
    QVERIFY(submit(&dialog)->isEnabled());

    const OutboundCredential credential = dialog.credential();
    QCOMPARE(credential.name, u"erp.orders_1"_s);
    QCOMPARE(credential.description, u"Orders of the ERP"_s);
    QCOMPARE(credential.tokenServiceUrl, u"https://authentication.us10.example.com/oauth/token"_s);
    QCOMPARE(credential.urlType, TokenServiceUrlType::Common);
    QCOMPARE(credential.subdomain, u"mytenant"_s);
    QCOMPARE(credential.clientId, u"sb-orders!t1"_s);
    QCOMPARE(credential.clientAuthentication, ClientAuthentication::Header);
    QCOMPARE(credential.tokenServiceUser, u"basic-user"_s);
    QCOMPARE(credential.scope, u"orders.read orders.write"_s);
    QCOMPARE(credential.resource, u"https://api.example.com/"_s);
    QCOMPARE(credential.audience, u"orders-api"_s);
    QCOMPARE(credential.contentType, OutboundCredential::jsonContentType());
    QCOMPARE(credential.connectionTimeoutSeconds, 5);
    QCOMPARE(credential.readTimeoutSeconds, 0);
    QCOMPARE(credential.customParameters, (CustomParameters{{u"x-zone"_s, u"eu"_s, ParameterLocation::Header}}));
    QCOMPARE(credential.tokenServiceBody, (PropertyList{{u"app"_s, u"console"_s}}));
    QVERIFY(credential.tokenServiceHeaders.isEmpty());
    const OutboundSecrets secrets = dialog.secrets();
    QCOMPARE(secrets.clientSecret.toString(), u"s3cr3t-x9"_s);
    QCOMPARE(secrets.tokenServicePassword.toString(), u"basic-pass"_s);

    QSignalSpy submitted(&dialog, &OutboundCredentialDialog::submitted);
    submit(&dialog)->click();
    QCOMPARE(submitted.count(), 1);
    QVERIFY(dialog.isVisible()); // the page decides when it closes
}

void TestOutboundCredentialDialog::testSubmitEnabledOnlyWhenValid()
{
    OutboundCredentialDialog dialog(OutboundCredentialDialog::Mode::Add, {}, {});
    dialog.show();
    QVERIFY(!submit(&dialog)->isEnabled());
    // Nothing typed yet: hints, no errors.
    QVERIFY(!dialog.fieldHasError(Rules::FieldName));
    QVERIFY(dialog.fieldMessage(Rules::FieldName).contains(u"Letters, digits"_s));

    type(&dialog, u"nameLineEdit"_s, u"orders"_s);
    type(&dialog, u"tokenServiceUrlLineEdit"_s, u"https://auth.example.com/oauth/token"_s);
    type(&dialog, u"clientIdLineEdit"_s, u"sb-orders"_s);
    QVERIFY(!submit(&dialog)->isEnabled());
    QVERIFY(submit(&dialog)->toolTip().contains(u"Enter the client secret."_s));

    type(&dialog, u"clientSecretLineEdit"_s, u"x"_s);
    QVERIFY(submit(&dialog)->isEnabled());
    QCOMPARE(submit(&dialog)->toolTip(), QString());

    // A typed secret, deleted again: required.
    type(&dialog, u"clientSecretLineEdit"_s, QString());
    QVERIFY(!submit(&dialog)->isEnabled());
    QVERIFY(dialog.fieldHasError(OutboundCredentialDialog::FieldClientSecret));
    QCOMPARE(dialog.fieldMessage(OutboundCredentialDialog::FieldClientSecret), u"Enter the client secret."_s);

    // Save on an invalid form shows every error and emits nothing.
    OutboundCredentialDialog empty(OutboundCredentialDialog::Mode::Add, {}, {});
    empty.show();
    QSignalSpy submitted(&empty, &OutboundCredentialDialog::submitted);
    QMetaObject::invokeMethod(submit(&empty), "click"); // disabled: nothing happens
    QCOMPARE(submitted.count(), 0);
}

void TestOutboundCredentialDialog::testInlineErrorsAfterTyping_data()
{
    QTest::addColumn<QString>("lineEdit");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");

    QTest::newRow("name with a space") << u"nameLineEdit"_s << u"my orders"_s << Rules::FieldName
                                       << u"Use letters A–Z, digits, underscores, hyphens and periods only."_s;
    QTest::newRow("name taken, other case")
        << u"nameLineEdit"_s << u"TAKEN"_s << Rules::FieldName << u"Another credential is already called TAKEN."_s;
    QTest::newRow("plain http elsewhere") << u"tokenServiceUrlLineEdit"_s << u"http://auth.example.com/token"_s
                                          << Rules::FieldTokenServiceUrl << u"Use https://"_s;
    QTest::newRow("client id with a space at the end")
        << u"clientIdLineEdit"_s << u"sb-orders "_s << Rules::FieldClientId
        << u"Remove the spaces at the start or the end."_s;
    QTest::newRow("user with a colon") << u"tokenServiceUserLineEdit"_s << u"a:b"_s << Rules::FieldTokenServiceUser
                                       << u"cannot contain a colon"_s;
    QTest::newRow("scope with a quote") << u"scopeLineEdit"_s << u"orders\"read"_s << Rules::FieldScope
                                        << u"Separate scope values with spaces"_s;
    QTest::newRow("relative resource") << u"resourceLineEdit"_s << u"/api"_s << Rules::FieldResource
                                       << u"Enter an absolute URI"_s;
}

void TestOutboundCredentialDialog::testInlineErrorsAfterTyping()
{
    QFETCH(QString, lineEdit);
    QFETCH(QString, text);
    QFETCH(QString, field);
    QFETCH(QString, message);

    OutboundCredentialDialog dialog(OutboundCredentialDialog::Mode::Add, {}, {u"taken"_s});
    dialog.show();
    fillRequired(dialog);
    QVERIFY(submit(&dialog)->isEnabled());
    type(&dialog, lineEdit, text);
    QVERIFY(dialog.fieldHasError(field));
    QVERIFY2(dialog.fieldMessage(field).contains(message), qPrintable(dialog.fieldMessage(field)));
    QVERIFY(!submit(&dialog)->isEnabled());
    // The tab holding the field is marked.
    auto* tabs = find<QTabWidget>(&dialog, u"tabWidget"_s);
    bool marked = false;
    for (int i = 0; i < tabs->count(); ++i) {
        marked = marked || !tabs->tabIcon(i).isNull();
    }
    QVERIFY(marked);
}

void TestOutboundCredentialDialog::testCommonUrlShowsSubdomainAndResolvedUrl()
{
    OutboundCredentialDialog dialog(OutboundCredentialDialog::Mode::Add, {}, {});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* form = find<QFormLayout>(&dialog, u"generalFormLayout"_s);
    auto* subdomainField = find<QWidget>(&dialog, u"subdomainField"_s);
    QVERIFY(!form->isRowVisible(subdomainField));

    type(&dialog, u"tokenServiceUrlLineEdit"_s, u"https://authentication.us10.hana.ondemand.com/oauth/token"_s);
    find<QComboBox>(&dialog, u"urlTypeComboBox"_s)->setCurrentIndex(1);
    QVERIFY(form->isRowVisible(subdomainField));
    QCOMPARE(dialog.fieldMessage(Rules::FieldSubdomain), u"The subdomain of the tenant, such as mytenant."_s);
    type(&dialog, u"clientIdLineEdit"_s, u"sb-x"_s);
    type(&dialog, u"clientSecretLineEdit"_s, u"s"_s);
    type(&dialog, u"nameLineEdit"_s, u"common"_s);
    QVERIFY(!submit(&dialog)->isEnabled());
    QVERIFY(submit(&dialog)->toolTip().contains(u"Enter the subdomain of the tenant"_s));
    type(&dialog, u"subdomainLineEdit"_s, u"-bad"_s);
    QVERIFY(dialog.fieldHasError(Rules::FieldSubdomain));
    type(&dialog, u"subdomainLineEdit"_s, u"mytenant"_s);
    QVERIFY(submit(&dialog)->isEnabled());
    QVERIFY(!dialog.fieldHasError(Rules::FieldSubdomain));
    // Seed 004's first example.
    QCOMPARE(dialog.fieldMessage(Rules::FieldTokenServiceUrl),
             u"Requests go to https://mytenant.authentication.us10.hana.ondemand.com/oauth/token"_s);

    find<QComboBox>(&dialog, u"urlTypeComboBox"_s)->setCurrentIndex(0);
    QVERIFY(!form->isRowVisible(subdomainField));
    QVERIFY(dialog.credential().subdomain.isEmpty());
}

void TestOutboundCredentialDialog::testTypingIntoTheTableValidatesAsYouType()
{
    OutboundCredentialDialog dialog(OutboundCredentialDialog::Mode::Add, {}, {});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    fillRequired(dialog);
    QVERIFY(submit(&dialog)->isEnabled());

    auto* add = find<QPushButton>(&dialog, u"addParameterPushButton"_s);
    add->click();
    CustomParameterModel* model = dialog.customParameterModel();
    QCOMPARE(model->rowCount(), 1);
    // The new row's key is being edited; both empty cells are marked.
    auto* editor = find<QTableView>(&dialog, u"customParametersTableView"_s)
                       ->viewport()
                       ->findChild<QLineEdit*>(u"cellLineEdit"_s);
    QVERIFY(editor);
    QCOMPARE(model->index(0, CustomParameterModel::KeyColumn).data(CheckedTableModel::ProblemRole).toString(),
             u"Cannot be empty."_s);
    QVERIFY(!submit(&dialog)->isEnabled());
    QVERIFY(dialog.customParametersMessage().contains(u"Custom parameter 1, key: Cannot be empty."_s));

    // Each keystroke reaches the model while the editor stays open.
    QTest::keyClicks(editor, u"client_i"_s);
    QCOMPARE(model->parameters().value(0).key, u"client_i"_s);
    QVERIFY(model->index(0, CustomParameterModel::KeyColumn).data(CheckedTableModel::ProblemRole).toString().isEmpty());
    QTest::keyClick(editor, Qt::Key_D);
    QCOMPARE(model->index(0, CustomParameterModel::KeyColumn).data(CheckedTableModel::ProblemRole).toString(),
             u"The key cannot be client_id, client_secret or grant_type."_s);
    QCOMPARE(editor->text(), u"client_id"_s);
    QCOMPARE(editor->cursorPosition(), 9); // the markers did not reset the editor
    // The marked cell has the icon, the tint and the message as its tooltip.
    const QModelIndex key = model->index(0, CustomParameterModel::KeyColumn);
    QVERIFY(!key.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(key.data(Qt::BackgroundRole).isValid());
    QVERIFY(key.data(Qt::ToolTipRole).toString().startsWith(u"The key cannot be"_s));
    QVERIFY(!model->headerData(0, Qt::Vertical, Qt::DecorationRole).value<QIcon>().isNull());

    QTest::keyClick(editor, Qt::Key_Backspace);
    QTest::keyClick(editor, Qt::Key_Backspace);
    QTest::keyClicks(editor, u"hint"_s);
    QTest::keyClick(editor, Qt::Key_Return);
    closeEditors();
    auto* view = find<QTableView>(&dialog, u"customParametersTableView"_s);
    QVERIFY(typeIntoCell(view, 0, CustomParameterModel::ValueColumn, u"orders"_s));
    QCOMPARE(model->parameters().value(0), (CustomParameter{u"client_hint"_s, u"orders"_s, ParameterLocation::Body}));
    QVERIFY(!model->hasProblems());
    QCOMPARE(dialog.customParametersMessage(), QString());
    QVERIFY(model->headerData(0, Qt::Vertical, Qt::DecorationRole).isNull());
    QVERIFY(submit(&dialog)->isEnabled());
    QCOMPARE(find<QLabel>(&dialog, u"customParametersCountLabel"_s)->text(), u"1 of 20"_s);
}

void TestOutboundCredentialDialog::testTwentyFirstRowIsRefused()
{
    OutboundCredentialDialog dialog(OutboundCredentialDialog::Mode::Add, {}, {});
    dialog.show();
    fillRequired(dialog);
    CustomParameterModel* model = dialog.customParameterModel();
    auto* add = find<QPushButton>(&dialog, u"addParameterPushButton"_s);
    auto* view = find<QTableView>(&dialog, u"customParametersTableView"_s);
    for (int row = 0; row < 20; ++row) {
        QVERIFY(add->isEnabled());
        add->click();
        QVERIFY(typeIntoCell(view, row, CustomParameterModel::KeyColumn, u"key%1"_s.arg(row)));
        QVERIFY(typeIntoCell(view, row, CustomParameterModel::ValueColumn, u"value"_s));
    }
    QCOMPARE(model->rowCount(), 20);
    QVERIFY(!model->hasProblems());
    QVERIFY(submit(&dialog)->isEnabled());

    // The 21st: the button is off and says why, the model and the dialog refuse.
    QVERIFY(!add->isEnabled());
    QCOMPARE(add->toolTip(), u"At most 20 custom parameters."_s);
    QCOMPARE(find<QLabel>(&dialog, u"customParametersCountLabel"_s)->text(), u"20 of 20"_s);
    QVERIFY(!dialog.addParameter());
    QVERIFY(!model->insertRows(20, 1));
    QVERIFY(!model->insertRows(0, 1));
    QCOMPARE(model->rowCount(), 20);

    // One removed: room for one again.
    view->selectRow(3);
    find<QPushButton>(&dialog, u"removeParameterPushButton"_s)->click();
    QCOMPARE(model->rowCount(), 19);
    QVERIFY(add->isEnabled());
}

void TestOutboundCredentialDialog::testLoadedTwentyFirstRowIsMarked()
{
    // A settings file edited by hand can hold more than the dialog lets one add.
    OutboundCredential credential = savedCredential();
    credential.customParameters.clear();
    for (int i = 0; i < 21; ++i) {
        credential.customParameters.append({u"k%1"_s.arg(i), u"v"_s, ParameterLocation::Body});
    }
    OutboundCredentialDialog dialog(OutboundCredentialDialog::Mode::Edit, credential, {});
    dialog.show();
    type(&dialog, u"clientSecretLineEdit"_s, u"s"_s);
    CustomParameterModel* model = dialog.customParameterModel();
    QCOMPARE(model->rowCount(), 21);
    QVERIFY(!model->rowHasProblem(19));
    QVERIFY(model->rowHasProblem(20));
    for (int column = 0; column < CustomParameterModel::ColumnCount; ++column) {
        QCOMPARE(model->index(20, column).data(CheckedTableModel::ProblemRole).toString(),
                 u"You can add at most 20 custom parameters."_s);
    }
    QCOMPARE(dialog.customParametersMessage(), u"Custom parameter 21: You can add at most 20 custom parameters."_s);
    QVERIFY(!submit(&dialog)->isEnabled());
    QVERIFY(!find<QPushButton>(&dialog, u"addParameterPushButton"_s)->isEnabled());
    model->removeRow(20);
    QVERIFY(submit(&dialog)->isEnabled());
}

void TestOutboundCredentialDialog::testForbiddenKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("sendAs");
    QTest::addColumn<QString>("problem");
    const QString reserved = u"The key cannot be client_id, client_secret or grant_type."_s;
    QTest::newRow("client_id") << u"client_id"_s << 0 << reserved;
    QTest::newRow("client_secret in a header") << u"client_secret"_s << 1 << reserved;
    QTest::newRow("GRANT_TYPE in the URL") << u"GRANT_TYPE"_s << 2 << reserved;
    QTest::newRow("Authorization header")
        << u"Authorization"_s << 1 << u"The token request sets the Authorization header itself."_s;
    QTest::newRow("header name with a space")
        << u"X Zone"_s << 1 << u"A header name can use letters, digits and !#$%&'*+-.^_`|~ only."_s;
}

void TestOutboundCredentialDialog::testForbiddenKeys()
{
    QFETCH(QString, key);
    QFETCH(int, sendAs);
    QFETCH(QString, problem);

    OutboundCredentialDialog dialog(OutboundCredentialDialog::Mode::Add, {}, {});
    dialog.show();
    fillRequired(dialog);
    QVERIFY(dialog.addParameter());
    auto* view = find<QTableView>(&dialog, u"customParametersTableView"_s);
    CustomParameterModel* model = dialog.customParameterModel();
    QVERIFY(model->setData(model->index(0, CustomParameterModel::SendAsColumn), sendAs));
    QVERIFY(typeIntoCell(view, 0, CustomParameterModel::KeyColumn, key));
    QVERIFY(typeIntoCell(view, 0, CustomParameterModel::ValueColumn, u"v"_s));
    QCOMPARE(model->index(0, CustomParameterModel::KeyColumn).data(CheckedTableModel::ProblemRole).toString(), problem);
    QVERIFY(
        model->index(0, CustomParameterModel::ValueColumn).data(CheckedTableModel::ProblemRole).toString().isEmpty());
    QCOMPARE(dialog.customParametersMessage(), u"Custom parameter 1, key: "_s + problem);
    QVERIFY(!submit(&dialog)->isEnabled());
    // The parameters tab carries the warning icon.
    auto* tabs = find<QTabWidget>(&dialog, u"tabWidget"_s);
    QVERIFY(!tabs->tabIcon(tabs->indexOf(find<QWidget>(&dialog, u"parametersTab"_s))).isNull());
    QVERIFY(tabs->tabIcon(tabs->indexOf(find<QWidget>(&dialog, u"generalTab"_s))).isNull());
}

void TestOutboundCredentialDialog::testWhitespaceOnlyFields()
{
    OutboundCredentialDialog dialog(OutboundCredentialDialog::Mode::Add, {}, {});
    dialog.show();
    fillRequired(dialog);
    QVERIFY(dialog.addParameter());
    auto* view = find<QTableView>(&dialog, u"customParametersTableView"_s);
    CustomParameterModel* model = dialog.customParameterModel();
    QVERIFY(typeIntoCell(view, 0, CustomParameterModel::KeyColumn, u"   "_s));
    QVERIFY(typeIntoCell(view, 0, CustomParameterModel::ValueColumn, u"  "_s));
    QCOMPARE(model->problemAt(0, CustomParameterModel::KeyColumn), u"Cannot consist only of spaces."_s);
    QCOMPARE(model->problemAt(0, CustomParameterModel::ValueColumn), u"Cannot consist only of spaces."_s);
    QCOMPARE(model->problemAt(0, CustomParameterModel::SendAsColumn), QString());
    QVERIFY(model->setData(model->index(0, CustomParameterModel::ValueColumn), u"\t \u00a0"_s)); // any white space
    QCOMPARE(model->problemAt(0, CustomParameterModel::ValueColumn), u"Cannot consist only of spaces."_s);
    QVERIFY(!submit(&dialog)->isEnabled());
    QVERIFY(typeIntoCell(view, 0, CustomParameterModel::KeyColumn, u"k"_s));
    QVERIFY(typeIntoCell(view, 0, CustomParameterModel::ValueColumn, u" v "_s)); // spaces around text are fine
    QVERIFY(!model->hasProblems());
    QVERIFY(submit(&dialog)->isEnabled());
}

void TestOutboundCredentialDialog::testDuplicateTriple()
{
    OutboundCredentialDialog dialog(OutboundCredentialDialog::Mode::Add, {}, {});
    dialog.show();
    fillRequired(dialog);
    auto* view = find<QTableView>(&dialog, u"customParametersTableView"_s);
    CustomParameterModel* model = dialog.customParameterModel();
    for (int row = 0; row < 2; ++row) {
        QVERIFY(dialog.addParameter());
        QVERIFY(typeIntoCell(view, row, CustomParameterModel::KeyColumn, u"zone"_s));
        QVERIFY(typeIntoCell(view, row, CustomParameterModel::ValueColumn, u"eu"_s));
    }
    // The later row carries the error, on every cell, naming the earlier one.
    QVERIFY(!model->rowHasProblem(0));
    QVERIFY(model->rowHasProblem(1));
    for (int column = 0; column < CustomParameterModel::ColumnCount; ++column) {
        QCOMPARE(model->problemAt(1, column), u"Repeats row 1: the same key, value and Send as Part of."_s);
    }
    QCOMPARE(dialog.customParametersMessage(),
             u"Custom parameter 2: Repeats row 1: the same key, value and Send as Part of."_s);
    QVERIFY(!submit(&dialog)->isEnabled());

    // The same key and value sent elsewhere is another triple: allowed.
    QVERIFY(model->setData(model->index(1, CustomParameterModel::SendAsColumn), 2));
    QCOMPARE(model->index(1, CustomParameterModel::SendAsColumn).data().toString(), u"URL"_s);
    QVERIFY(!model->hasProblems());
    QVERIFY(submit(&dialog)->isEnabled());
    // So is another value.
    QVERIFY(model->setData(model->index(1, CustomParameterModel::SendAsColumn), 0));
    QVERIFY(model->hasProblems());
    QVERIFY(typeIntoCell(view, 1, CustomParameterModel::ValueColumn, u"us"_s));
    QVERIFY(!model->hasProblems());
}

void TestOutboundCredentialDialog::testFieldLength()
{
    OutboundCredentialDialog dialog(OutboundCredentialDialog::Mode::Add, {}, {});
    dialog.show();
    fillRequired(dialog);
    QVERIFY(dialog.addParameter());
    auto* view = find<QTableView>(&dialog, u"customParametersTableView"_s);
    CustomParameterModel* model = dialog.customParameterModel();
    QVERIFY(typeIntoCell(view, 0, CustomParameterModel::KeyColumn, u"k"_s));
    // 1024 characters are fine; the 1025th is one too many.
    QVERIFY(typeIntoCell(view, 0, CustomParameterModel::ValueColumn, QString(1024, u'v')));
    QCOMPARE(model->parameters().value(0).value.size(), 1024);
    QVERIFY(!model->hasProblems());
    QLineEdit* editor = openCellEditor(view, 0, CustomParameterModel::ValueColumn);
    QVERIFY(editor);
    editor->end(false);
    QTest::keyClick(editor, Qt::Key_W);
    QCOMPARE(model->parameters().value(0).value.size(), 1025);
    QCOMPARE(model->problemAt(0, CustomParameterModel::ValueColumn), u"Can have at most 1024 characters."_s);
    QCOMPARE(dialog.customParametersMessage(), u"Custom parameter 1, value: Can have at most 1024 characters."_s);
    QVERIFY(!submit(&dialog)->isEnabled());
    QTest::keyClick(editor, Qt::Key_Backspace);
    QVERIFY(!model->hasProblems());
    QVERIFY(submit(&dialog)->isEnabled());
}

void TestOutboundCredentialDialog::testRemoveRows()
{
    OutboundCredential credential = savedCredential();
    credential.customParameters = {{u"a"_s, u"1"_s, ParameterLocation::Body},
                                   {u"client_id"_s, u"2"_s, ParameterLocation::Body},
                                   {u"c"_s, u"3"_s, ParameterLocation::Url}};
    OutboundCredentialDialog dialog(OutboundCredentialDialog::Mode::Edit, credential, {});
    dialog.show();
    CustomParameterModel* model = dialog.customParameterModel();
    QVERIFY(model->rowHasProblem(1));
    auto* remove = find<QPushButton>(&dialog, u"removeParameterPushButton"_s);
    QVERIFY(!remove->isEnabled()); // nothing selected
    find<QTableView>(&dialog, u"customParametersTableView"_s)->selectRow(1);
    QVERIFY(remove->isEnabled());
    remove->click();
    QCOMPARE(model->parameters(),
             (CustomParameters{{u"a"_s, u"1"_s, ParameterLocation::Body}, {u"c"_s, u"3"_s, ParameterLocation::Url}}));
    QVERIFY(!model->hasProblems());
    QCOMPARE(model->headerData(1, Qt::Vertical).toInt(), 2);
}

void TestOutboundCredentialDialog::testTokenProperties()
{
    OutboundCredential credential = savedCredential();
    credential.tokenServiceQueries.clear();
    OutboundCredentialDialog dialog(OutboundCredentialDialog::Mode::Edit, credential, {});
    dialog.show();
    type(&dialog, u"clientSecretLineEdit"_s, u"s"_s);
    QVERIFY(submit(&dialog)->isEnabled());
    TokenPropertyModel* model = dialog.tokenPropertyModel();
    auto* view = find<QTableView>(&dialog, u"tokenPropertiesTableView"_s);

    QVERIFY(dialog.addProperty()); // a header row
    QCOMPARE(model->index(0, TokenPropertyModel::KindColumn).data().toString(), u"tokenServiceURL.headers"_s);
    QCOMPARE(model->problemAt(0, TokenPropertyModel::KeyColumn),
             u"tokenServiceURL.headers.: the key cannot be empty."_s);
    QVERIFY(typeIntoCell(view, 0, TokenPropertyModel::KeyColumn, u"Authorization"_s));
    QCOMPARE(model->problemAt(0, TokenPropertyModel::KeyColumn),
             u"tokenServiceURL.headers.Authorization: the token request sets this header itself."_s);
    QVERIFY(!submit(&dialog)->isEnabled());
    QVERIFY(typeIntoCell(view, 0, TokenPropertyModel::KeyColumn, u"X-Zone"_s));
    QVERIFY(typeIntoCell(view, 0, TokenPropertyModel::ValueColumn, u"eu"_s));
    QVERIFY(!model->hasProblems());

    // The settings keep one property per key: a repeated header (any case) is refused.
    QVERIFY(dialog.addProperty());
    QVERIFY(typeIntoCell(view, 1, TokenPropertyModel::KeyColumn, u"x-zone"_s));
    QVERIFY(typeIntoCell(view, 1, TokenPropertyModel::ValueColumn, u"us"_s));
    QCOMPARE(model->problemAt(1, TokenPropertyModel::KeyColumn),
             u"Repeats the key of row 1: each key once per property."_s);
    QCOMPARE(dialog.tokenPropertiesMessage(), u"Property 2: Repeats the key of row 1: each key once per property."_s);
    // As a body parameter the same key is another property; "scope" has its own field.
    QVERIFY(model->setData(model->index(1, TokenPropertyModel::KindColumn), 2));
    QVERIFY(!model->hasProblems());
    QVERIFY(typeIntoCell(view, 1, TokenPropertyModel::KeyColumn, u"scope"_s));
    QCOMPARE(model->problemAt(1, TokenPropertyModel::KeyColumn),
             u"tokenService.body.scope: use the field scope instead."_s);
    QVERIFY(typeIntoCell(view, 1, TokenPropertyModel::KeyColumn, u"app"_s));
    QVERIFY(submit(&dialog)->isEnabled());

    const OutboundCredential edited = dialog.credential();
    QCOMPARE(edited.tokenServiceHeaders, (PropertyList{{u"X-Zone"_s, u"eu"_s}}));
    QCOMPARE(edited.tokenServiceBody, (PropertyList{{u"app"_s, u"us"_s}}));
    QVERIFY(edited.tokenServiceQueries.isEmpty());
}

void TestOutboundCredentialDialog::testEditRequiresTheSecretAgain()
{
    const OutboundCredential saved = savedCredential();
    OutboundCredentialDialog dialog(OutboundCredentialDialog::Mode::Edit, saved, {u"other"_s});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.windowTitle(), u"Edit Outbound Credential"_s);
    QCOMPARE(submit(&dialog)->text(), u"Save"_s);
    QCOMPARE(dialog.originalName(), u"erp-orders"_s);

    // Every field as saved, except the secret: empty, required, and the
    // field to type into first.
    QCOMPARE(dialog.credential(), saved);
    auto* secret = find<QLineEdit>(&dialog, u"clientSecretLineEdit"_s);
    QVERIFY(secret->text().isEmpty());
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QCOMPARE(dialog.focusWidget(), secret);
    QVERIFY(!submit(&dialog)->isEnabled());
    QVERIFY(!dialog.fieldHasError(OutboundCredentialDialog::FieldClientSecret)); // a hint until touched
    QVERIFY(dialog.fieldMessage(OutboundCredentialDialog::FieldClientSecret)
                .startsWith(u"Enter the client secret again: it is needed every time you save."_s));

    QTest::keyClicks(secret, u"new-secret"_s);
    QVERIFY(submit(&dialog)->isEnabled());
    // The show toggle reveals it on request only.
    auto* show = secret->findChild<QAction*>(u"showClientSecretAction"_s);
    QVERIFY(show);
    show->trigger();
    QCOMPARE(secret->echoMode(), QLineEdit::Normal);
    show->trigger();
    QCOMPARE(secret->echoMode(), QLineEdit::Password);

    QTest::keyClick(secret, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(secret, Qt::Key_Delete);
    QVERIFY(!submit(&dialog)->isEnabled());
    QCOMPARE(dialog.fieldMessage(OutboundCredentialDialog::FieldClientSecret),
             u"Enter the client secret again: it is needed every time the credential is saved."_s);

    QTest::keyClicks(secret, u"again"_s);
    QSignalSpy submitted(&dialog, &OutboundCredentialDialog::submitted);
    submit(&dialog)->click();
    QCOMPARE(submitted.count(), 1);
    QCOMPARE(dialog.secrets().clientSecret.toString(), u"again"_s);

    // Closing clears the secret fields.
    dialog.reject();
    QVERIFY(secret->text().isEmpty());
}

void TestOutboundCredentialDialog::testTokenServicePasswordNeededWithUser()
{
    OutboundCredential saved = savedCredential();
    saved.tokenServiceUser = u"neo-user"_s;
    OutboundCredentialDialog dialog(OutboundCredentialDialog::Mode::Edit, saved, {});
    dialog.show();
    type(&dialog, u"clientSecretLineEdit"_s, u"s"_s);
    QVERIFY(!submit(&dialog)->isEnabled());
    QVERIFY(submit(&dialog)->toolTip().contains(u"Enter the password of the token service user."_s));
    type(&dialog, u"tokenServicePasswordLineEdit"_s, u"p"_s);
    QVERIFY(submit(&dialog)->isEnabled());
    QCOMPARE(dialog.secrets().tokenServicePassword.toString(), u"p"_s);
    // Without a user no password is needed, and none is handed out.
    type(&dialog, u"tokenServiceUserLineEdit"_s, QString());
    QVERIFY(submit(&dialog)->isEnabled());
    QVERIFY(dialog.secrets().tokenServicePassword.isEmpty());
}

void TestOutboundCredentialDialog::testSaveErrorsLandBesideTheFields()
{
    OutboundCredentialDialog dialog(OutboundCredentialDialog::Mode::Add, {}, {});
    dialog.show();
    fillRequired(dialog);
    dialog.setBusy(true);
    dialog.showSaveError(u"The credential was not saved."_s,
                         {{Rules::FieldName, u"Another credential is already called orders."_s},
                          {u"somethingElse"_s, u"A problem without a field."_s}});
    QVERIFY(!dialog.isBusy());
    QVERIFY(dialog.fieldHasError(Rules::FieldName));
    QCOMPARE(dialog.fieldMessage(Rules::FieldName), u"Another credential is already called orders."_s);
    auto* banner = find<QWidget>(&dialog, u"messageWidget"_s);
    QVERIFY(banner->isVisible());
    QVERIFY(banner->findChild<QLabel*>(u"messageTextLabel"_s)->text().contains(u"A problem without a field."_s));
    QVERIFY(!submit(&dialog)->isEnabled());
    type(&dialog, u"nameLineEdit"_s, u"orders-2"_s);
    QVERIFY(!dialog.fieldHasError(Rules::FieldName));
    QVERIFY(submit(&dialog)->isEnabled());
    // The secret typed before is still there for the next try.
    QCOMPARE(dialog.secrets().clientSecret.toString(), u"s3cret"_s);
}

void TestOutboundCredentialDialog::testBusyBlocksCloseAndRepeat()
{
    OutboundCredentialDialog dialog(OutboundCredentialDialog::Mode::Add, {}, {});
    dialog.show();
    fillRequired(dialog);
    dialog.setBusy(true);
    QVERIFY(!submit(&dialog)->isEnabled());
    QVERIFY(!find<QPushButton>(&dialog, u"cancelPushButton"_s)->isEnabled());
    QVERIFY(!find<QWidget>(&dialog, u"tabWidget"_s)->isEnabled());
    dialog.reject();
    QVERIFY(dialog.isVisible());
    dialog.setBusy(false);
    QVERIFY(submit(&dialog)->isEnabled());
    dialog.reject();
    QVERIFY(!dialog.isVisible());
}

void TestOutboundCredentialDialog::testModelsPassTheModelTester()
{
    CustomParameterModel parameters;
    QAbstractItemModelTester parametersTester(&parameters, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&parameters, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&parameters, &QAbstractItemModel::rowsInserted);
    parameters.setParameters({{u"a"_s, u"1"_s, ParameterLocation::Body}, {u"a"_s, u"1"_s, ParameterLocation::Body}});
    QCOMPARE(reset.count(), 1);
    QVERIFY(parameters.rowHasProblem(1));
    QVERIFY(parameters.insertRows(1, 2));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(parameters.rowCount(), 4);
    QVERIFY(parameters.setData(parameters.index(1, 0), u"b"_s));
    QVERIFY(!parameters.setData(parameters.index(1, 2), 7)); // no such choice
    QVERIFY(!parameters.setData(parameters.index(1, 0), u"x"_s, Qt::DisplayRole));
    QVERIFY(parameters.removeRows(0, 2));
    QVERIFY(!parameters.removeRows(1, 5));
    QCOMPARE(parameters.headerData(CustomParameterModel::SendAsColumn, Qt::Horizontal).toString(),
             u"Send as Part of"_s);
    QCOMPARE(parameters.index(0, CustomParameterModel::SendAsColumn).data(CellEditDelegate::ChoicesRole).toStringList(),
             (QStringList{u"Body"_s, u"Header"_s, u"URL"_s}));

    TokenPropertyModel properties;
    QAbstractItemModelTester propertiesTester(&properties, QAbstractItemModelTester::FailureReportingMode::QtTest);
    OutboundCredential credential;
    credential.tokenServiceHeaders = {{u"X-A"_s, u"1"_s}};
    credential.tokenServiceQueries = {{u"q"_s, u"2"_s}};
    credential.tokenServiceBody = {{u"b"_s, u"3"_s}};
    properties.setProperties(credential);
    QCOMPARE(properties.rowCount(), 3);
    QVERIFY(properties.insertRows(0, 1));
    QVERIFY(properties.removeRows(0, 1));
    OutboundCredential back;
    properties.applyTo(back);
    QCOMPARE(back.tokenServiceHeaders, credential.tokenServiceHeaders);
    QCOMPARE(back.tokenServiceQueries, credential.tokenServiceQueries);
    QCOMPARE(back.tokenServiceBody, credential.tokenServiceBody);
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestOutboundCredentialDialog)
#include "TestOutboundCredentialDialog.moc"
