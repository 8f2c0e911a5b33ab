#include "gui/idps/IdentityProviderDialog.h"
#include "gui/idps/IdentityProviderTableModel.h"
#include "gui/idps/IdentityProvidersPage.h"
#include "gui/widgets/ClientTableView.h"
#include "gui/widgets/FileDialogs.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/MessageWidget.h"
#include "service/AdminSession.h"
#include "service/IdentityProviderApi.h"
#include "service/TenantApi.h"

#include "HttpTestClient.h"
#include "SamlTestSupport.h"
#include "TestMain.h"
#include "TestServer.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QIcon>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace saml = appint::test::saml;
using State = IdentityProviderTableModel::CertificateState;

// System › Administration › Trusted Identity Providers driven through its
// widgets against a real appint-server on loopback: load when shown, add from
// a metadata file and from a pasted certificate (made by openssl), the
// tenant's field errors inline, the certificate markers at the server's
// clock, delete after the confirmation, and a tenant switch.
class TestIdentityProvidersPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void loadsWhenFirstShown();
    void addFromMetadataFileShowsValidityAndMarker();
    void addFromPastedCertificate();
    void tenantRefusalsShowBesideTheField();
    void expiredCertificateTurnsRed();
    void deleteAfterConfirmation();
    void unreachableTenantShowsTheBanner();
    void followsTenantSwitch();

private:
    IdentityProviderDialog* openDialog();
    bool waitIdle()
    {
        return QTest::qWaitFor([this] { return !m_page->isBusy(); }, 20'000);
    }
    QStringList serverEntityIds(TestServer& server);
    QString adminToken(const TestServer& server)
    {
        return m_http.token(server.tokenUrl(), server.adminClientId(), server.adminSecret());
    }

    QTemporaryDir m_dir;
    saml::KeyPair m_key; // valid for 20 days: "expires within 30 days"
    QString m_metadataPath;
    QNetworkAccessManager m_network;
    HttpTestClient m_http;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<AdminSession> m_session;
    std::unique_ptr<TenantApi> m_api;
    std::unique_ptr<IdentityProvidersPage> m_page;
};

void TestIdentityProvidersPage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_key = saml::makeKeyPair(m_dir.path(), u"corporate-idp"_s, u"rsa"_s, 20);
    QVERIFY2(m_key.ok(), qPrintable(m_key.error));
    m_metadataPath = m_dir.filePath(u"idp-metadata.xml"_s);
    QFile file(m_metadataPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(saml::metadataXml(u"https://idp.example.com/saml"_s, m_key.certificatePem));
}

void TestIdentityProvidersPage::init()
{
    TestServer::Options options;
    options.startTime = QDateTime::currentSecsSinceEpoch(); // the certificate's own time
    m_server = std::make_unique<TestServer>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_session = std::make_unique<AdminSession>(&m_network, m_server->baseUrl(), m_server->adminClientId(),
                                               Secret(m_server->adminSecret()), m_server->clock());
    m_api = std::make_unique<TenantApi>(m_session.get());
    m_page = std::make_unique<IdentityProvidersPage>(m_api.get(), m_server->clock());
    m_page->resize(1100, 600);
}

void TestIdentityProvidersPage::cleanup()
{
    m_page.reset();
    m_api.reset();
    m_session.reset();
    m_server.reset();
}

QStringList TestIdentityProvidersPage::serverEntityIds(TestServer& server)
{
    QStringList ids;
    const auto reply = m_http.get(server.url(u"/api/v1/identity-providers"_s), adminToken(server));
    for (const QJsonValue& value : reply.array()) {
        ids.append(value.toObject().value(u"entity_id"_s).toString());
    }
    return ids;
}

IdentityProviderDialog* TestIdentityProvidersPage::openDialog()
{
    if (!m_page->addAction()->isEnabled()) {
        return nullptr;
    }
    m_page->addAction()->trigger();
    IdentityProviderDialog* dialog = m_page->dialog();
    if (dialog && !QTest::qWaitForWindowExposed(dialog)) {
        return nullptr;
    }
    return dialog;
}

void TestIdentityProvidersPage::loadsWhenFirstShown()
{
    // Nothing is asked before the page is shown.
    QVERIFY(!m_page->isLoaded());
    QVERIFY(!m_page->isBusy());
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->isLoaded(), 20'000);
    QCOMPARE(m_page->model()->rowCount(), 0);
    QVERIFY(m_page->view()->placeholderText().contains(u"No trusted identity providers yet"_s));
    QVERIFY(m_page->addAction()->isEnabled());
    QVERIFY(!m_page->deleteAction()->isEnabled());
}

void TestIdentityProvidersPage::addFromMetadataFileShowsValidityAndMarker()
{
    m_page->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->isLoaded(), 20'000);
    IdentityProviderDialog* dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->findChild<QRadioButton*>(u"metadataRadioButton"_s)->isChecked());
    // Add without a file: said beside the field, nothing sent.
    QPushButton* add = dialog->findChild<QPushButton*>(u"addPushButton"_s);
    QTest::mouseClick(add, Qt::LeftButton);
    QVERIFY(!dialog->fieldMessage(IdentityProviderDialog::FieldMetadata).isEmpty());
    QVERIFY(!m_page->isBusy());

    FileDialogs::setNextOpenFileName(m_metadataPath);
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"chooseMetadataFilePushButton"_s), Qt::LeftButton);
    QCOMPARE(dialog->findChild<QLineEdit*>(u"metadataFileLineEdit"_s)->text(),
             QDir::toNativeSeparators(m_metadataPath));
    QVERIFY(dialog->fieldMessage(IdentityProviderDialog::FieldMetadata).isEmpty());
    QTest::mouseClick(add, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->dialog(), 20'000);
    QVERIFY(waitIdle());

    QCOMPARE(m_page->model()->rowCount(), 1);
    const QModelIndex name = m_page->model()->index(0, IdentityProviderTableModel::NameColumn);
    QCOMPARE(name.data().toString(), u"https://idp.example.com/saml"_s);
    QCOMPARE(m_page->model()->index(0, IdentityProviderTableModel::EntityIdColumn).data().toString(),
             u"https://idp.example.com/saml"_s);
    const QString certificates
        = m_page->model()->index(0, IdentityProviderTableModel::CertificatesColumn).data().toString();
    QVERIFY2(certificates.contains(u"corporate-idp"_s), qPrintable(certificates));
    // openssl made it for 20 days: amber, with the days in the tooltip.
    QCOMPARE(State(name.data(IdentityProviderTableModel::CertificateStateRole).toInt()), State::Expiring);
    QVERIFY(!name.data(Qt::DecorationRole).value<QIcon>().isNull());
    // (No translation loaded here: "day(s)".)
    QVERIFY2(name.data(Qt::ToolTipRole).toString().contains(u"Expires in 20 day"_s)
                 || name.data(Qt::ToolTipRole).toString().contains(u"Expires in 19 day"_s),
             qPrintable(name.data(Qt::ToolTipRole).toString()));
    // Added, selected, and on the server.
    QCOMPARE(m_page->selectedProviderId(), name.data(IdentityProviderTableModel::IdpIdRole).toString());
    QCOMPARE(serverEntityIds(*m_server), QStringList{u"https://idp.example.com/saml"_s});
    QCOMPARE(m_page->messageWidget()->type(), MessageWidget::Type::Positive);
}

void TestIdentityProvidersPage::addFromPastedCertificate()
{
    m_page->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->isLoaded(), 20'000);
    IdentityProviderDialog* dialog = openDialog();
    QVERIFY(dialog);
    auto* certificateRadio = dialog->findChild<QRadioButton*>(u"certificateRadioButton"_s);
    // On the button's indicator: the button is as wide as the dialog, its clickable part is not.
    QTest::mouseClick(certificateRadio, Qt::LeftButton, {}, QPoint(6, certificateRadio->height() / 2));
    QVERIFY(certificateRadio->isChecked());
    QVERIFY(dialog->findChild<QLineEdit*>(u"nameLineEdit"_s)->isEnabled());
    QVERIFY(!dialog->findChild<QPushButton*>(u"chooseMetadataFilePushButton"_s)->isEnabled());
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"nameLineEdit"_s), u"Partner IdP"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"entityIdLineEdit"_s), u"https://partner.example.org/idp"_s);
    dialog->findChild<QPlainTextEdit*>(u"certificatePlainTextEdit"_s)->setPlainText(m_key.certificatePem);
    QCOMPARE(dialog->certificatePems().size(), 1);
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"addPushButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->dialog(), 20'000);
    QVERIFY(waitIdle());
    QCOMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(m_page->model()->index(0, 0).data().toString(), u"Partner IdP"_s);
    QCOMPARE(serverEntityIds(*m_server), QStringList{u"https://partner.example.org/idp"_s});
}

void TestIdentityProvidersPage::tenantRefusalsShowBesideTheField()
{
    m_page->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->isLoaded(), 20'000);
    // A taken entity ID: the tenant's 409 beside the Entity ID field.
    const auto taken = m_http.postJson(m_server->url(u"/api/v1/identity-providers"_s),
                                       QJsonObject{{u"name"_s, u"First"_s},
                                                   {u"entity_id"_s, u"https://taken.example.com"_s},
                                                   {u"certificates"_s, QJsonArray{m_key.certificatePem}}},
                                       adminToken(*m_server));
    QCOMPARE(taken.status, 201);
    IdentityProviderDialog* dialog = openDialog();
    QVERIFY(dialog);
    dialog->setSource(IdentityProviderDialog::Source::Certificate);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"nameLineEdit"_s), u"Second"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"entityIdLineEdit"_s), u"https://taken.example.com"_s);
    dialog->findChild<QPlainTextEdit*>(u"certificatePlainTextEdit"_s)->setPlainText(m_key.certificatePem);
    QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy() && !m_page->isBusy(), 20'000);
    QVERIFY(m_page->dialog());
    QVERIFY2(!dialog->fieldMessage(IdentityProviderDialog::FieldEntityId).isEmpty(),
             qPrintable(dialog->findChild<MessageWidget*>(u"messageWidget"_s)->text()));
    QVERIFY(!dialog->addButton()->isEnabled()); // the refused input must change first
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"entityIdLineEdit"_s), u"/other"_s);
    QVERIFY(dialog->addButton()->isEnabled());

    // Metadata that is not an EntityDescriptor: the tenant's 422 beside the file.
    const QString bad = m_dir.filePath(u"not-metadata.xml"_s);
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("<html><body>not SAML metadata</body></html>");
    file.close();
    dialog->setSource(IdentityProviderDialog::Source::Metadata);
    FileDialogs::setNextOpenFileName(bad);
    dialog->chooseMetadataFile();
    QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy() && !m_page->isBusy(), 20'000);
    QVERIFY2(dialog->fieldMessage(IdentityProviderDialog::FieldMetadata).contains(u"EntityDescriptor"_s),
             qPrintable(dialog->fieldMessage(IdentityProviderDialog::FieldMetadata)));
    dialog->reject();
    // Nothing was added; the one made behind the page's back shows after a Refresh.
    QCOMPARE(m_page->model()->rowCount(), 0);
    m_page->refreshAction()->trigger();
    QVERIFY(waitIdle());
    QCOMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(serverEntityIds(*m_server), QStringList{u"https://taken.example.com"_s});
}

void TestIdentityProvidersPage::expiredCertificateTurnsRed()
{
    const auto created = m_http.postJson(m_server->url(u"/api/v1/identity-providers"_s),
                                         QJsonObject{{u"name"_s, u"Old IdP"_s},
                                                     {u"entity_id"_s, u"https://old.example.com"_s},
                                                     {u"certificates"_s, QJsonArray{m_key.certificatePem}}},
                                         adminToken(*m_server));
    QCOMPARE(created.status, 201);
    // Three weeks on, the 20-day certificate has expired: the tenant flags it, the page marks it red.
    m_server->clock().advance(21 * 86400);
    m_page->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->isLoaded(), 20'000);
    QVERIFY(waitIdle());
    QCOMPARE(m_page->model()->rowCount(), 1);
    const QModelIndex name = m_page->model()->index(0, 0);
    QCOMPARE(State(name.data(IdentityProviderTableModel::CertificateStateRole).toInt()), State::Expired);
    QVERIFY(name.data(Qt::ToolTipRole).toString().contains(u"Expired on"_s));
    QCOMPARE(m_page->model()->providerAt(name)->certificates.constFirst().expired, true); // the tenant's own flag
}

void TestIdentityProvidersPage::deleteAfterConfirmation()
{
    for (const QString& entityId : {u"https://keep.example.com"_s, u"https://drop.example.com"_s}) {
        const auto created = m_http.postJson(m_server->url(u"/api/v1/identity-providers"_s),
                                             QJsonObject{{u"name"_s, entityId},
                                                         {u"entity_id"_s, entityId},
                                                         {u"certificates"_s, QJsonArray{m_key.certificatePem}}},
                                             adminToken(*m_server));
        QCOMPARE(created.status, 201);
    }
    m_page->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->isLoaded(), 20'000);
    QCOMPARE(m_page->model()->rowCount(), 2);
    const QString dropId = m_page->model()->index(0, 0).data().toString() == u"https://drop.example.com"_s
        ? m_page->model()->index(0, 0).data(IdentityProviderTableModel::IdpIdRole).toString()
        : m_page->model()->index(1, 0).data(IdentityProviderTableModel::IdpIdRole).toString();
    m_page->selectProvider(dropId);
    QVERIFY(m_page->deleteAction()->isEnabled());

    // Cancelled: nothing happens.
    const int asked = MessageBox::questionCount();
    MessageBox::setNextAnswer(false);
    m_page->deleteAction()->trigger();
    QCOMPARE(MessageBox::questionCount(), asked + 1);
    QVERIFY(MessageBox::lastQuestion().contains(u"https://drop.example.com"_s));
    QVERIFY(!m_page->isBusy());
    QCOMPARE(m_page->model()->rowCount(), 2);

    MessageBox::setNextAnswer(true);
    m_page->deleteAction()->trigger();
    QVERIFY(waitIdle());
    QCOMPARE(m_page->model()->rowCount(), 1);
    QVERIFY(!m_page->model()->indexOf(dropId).isValid());
    QCOMPARE(serverEntityIds(*m_server), QStringList{u"https://keep.example.com"_s});
}

void TestIdentityProvidersPage::unreachableTenantShowsTheBanner()
{
    m_server->stop();
    m_page->show();
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy() && m_page->messageWidget()->isVisible(), 30'000);
    QCOMPARE(m_page->messageWidget()->type(), MessageWidget::Type::Error);
    QVERIFY(m_page->messageWidget()->text().contains(u"could not be loaded"_s));
    QVERIFY(m_page->view()->placeholderText().contains(u"Refresh"_s));
    QVERIFY(m_page->refreshAction()->isEnabled());
}

void TestIdentityProvidersPage::followsTenantSwitch()
{
    m_page->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->isLoaded(), 20'000);
    QCOMPARE(m_page->model()->rowCount(), 0);

    TestServer other;
    QVERIFY2(other.start(), qPrintable(other.errorString()));
    const auto created = m_http.postJson(other.url(u"/api/v1/identity-providers"_s),
                                         QJsonObject{{u"name"_s, u"Other tenant's IdP"_s},
                                                     {u"entity_id"_s, u"https://other.example.com"_s},
                                                     {u"certificates"_s, QJsonArray{m_key.certificatePem}}},
                                         adminToken(other));
    QCOMPARE(created.status, 201);
    AdminSession session(&m_network, other.baseUrl(), other.adminClientId(), Secret(other.adminSecret()),
                         other.clock());
    TenantApi api(&session);
    m_page->setTenant(&api);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->isLoaded(), 20'000);
    QCOMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(m_page->model()->index(0, 0).data().toString(), u"Other tenant's IdP"_s);
    m_page->setTenant(nullptr);
    QCOMPARE(m_page->model()->rowCount(), 0);
    QVERIFY(!m_page->addAction()->isEnabled());
    QVERIFY(m_page->view()->placeholderText().contains(u"Not connected"_s));
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestIdentityProvidersPage)
#include "TestIdentityProvidersPage.moc"
