#include "gui/idps/IdentityProviderTableModel.h"
#include "gui/widgets/Formats.h"
#include "gui/widgets/Icons.h"

#include "ManualClock.h"
#include "TestMain.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDateTime>
#include <QIcon>
#include <QSignalSpy>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {

constexpr qint64 Now = 1'750'000'000;
constexpr qint64 Day = 86400;
const QString Pem = u"-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n"_s;

TrustedCertificate certificate(const QString& subject, qint64 notBefore, qint64 notAfter)
{
    TrustedCertificate c;
    c.pem = Pem;
    c.subject = subject;
    c.notBefore = notBefore;
    c.notAfter = notAfter;
    return c;
}

TrustedIdentityProvider provider(const QString& id, const QString& name, QList<TrustedCertificate> certificates)
{
    TrustedIdentityProvider p;
    p.idpId = id;
    p.name = name;
    p.entityId = u"https://"_s + id + u".example.com/saml"_s;
    p.certificates = std::move(certificates);
    return p;
}

} // namespace

using State = IdentityProviderTableModel::CertificateState;

// The Trusted Identity Providers table: rows, markers by certificate
// validity at the clock's time, one insert per add and one removal per
// delete, under QAbstractItemModelTester.
class TestIdentityProviderTableModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void showsProvidersInNameOrder();
    void certificateState_data();
    void certificateState();
    void worstCertificateMarksTheRow();
    void addIsOneInsertAndDeleteOneRemoval();
    void clockMovesMarkersWithoutReset();
    void pemIsNeverDisplayed();

private:
    ManualClock m_clock{Now};
    std::unique_ptr<IdentityProviderTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestIdentityProviderTableModel::init()
{
    m_clock.set(Now);
    m_model = std::make_unique<IdentityProviderTableModel>(m_clock);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestIdentityProviderTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestIdentityProviderTableModel::showsProvidersInNameOrder()
{
    m_model->setProviders({provider(u"b"_s, u"Zeta IdP"_s, {certificate(u"CN=zeta"_s, Now - Day, Now + 400 * Day)}),
                           provider(u"a"_s, u"alpha IdP"_s, {certificate(u"CN=alpha"_s, Now - Day, Now + 400 * Day)})});
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->columnCount(), int(IdentityProviderTableModel::ColumnCount));
    QCOMPARE(m_model->index(0, IdentityProviderTableModel::NameColumn).data().toString(), u"alpha IdP"_s);
    QCOMPARE(m_model->index(0, IdentityProviderTableModel::EntityIdColumn).data().toString(),
             u"https://a.example.com/saml"_s);
    const QString certificates = m_model->index(0, IdentityProviderTableModel::CertificatesColumn).data().toString();
    QVERIFY2(certificates.startsWith(u"CN=alpha ("_s), qPrintable(certificates));
    QVERIFY(!m_model->index(0, IdentityProviderTableModel::ValidUntilColumn).data().toString().isEmpty());
    QCOMPARE(m_model->index(1, 0).data(IdentityProviderTableModel::IdpIdRole).toString(), u"b"_s);
    QCOMPARE(m_model->indexOf(u"b"_s).row(), 1);
    QVERIFY(!m_model->indexOf(u"nope"_s).isValid());
    QCOMPARE(m_model->headerData(IdentityProviderTableModel::CertificatesColumn, Qt::Horizontal).toString(),
             u"Signing Certificates"_s);
}

void TestIdentityProviderTableModel::certificateState_data()
{
    QTest::addColumn<qint64>("notBefore");
    QTest::addColumn<qint64>("notAfter");
    QTest::addColumn<bool>("serverSaysExpired");
    QTest::addColumn<State>("state");
    QTest::addColumn<bool>("marked");
    QTest::newRow("valid for a year") << Now - Day << Now + 365 * Day << false << State::Valid << false;
    QTest::newRow("31 days left") << Now - Day << Now + 31 * Day << false << State::Valid << false;
    QTest::newRow("30 days left") << Now - Day << Now + 30 * Day << false << State::Expiring << true;
    QTest::newRow("one second left") << Now - Day << Now + 1 << false << State::Expiring << true;
    QTest::newRow("expired just now") << Now - Day << Now << false << State::Expired << true;
    QTest::newRow("expired by the server's clock") << Now - Day << Now + 100 * Day << true << State::Expired << true;
    QTest::newRow("not valid yet") << Now + Day << Now + 365 * Day << false << State::NotYetValid << true;
}

void TestIdentityProviderTableModel::certificateState()
{
    QFETCH(qint64, notBefore);
    QFETCH(qint64, notAfter);
    QFETCH(bool, serverSaysExpired);
    QFETCH(State, state);
    QFETCH(bool, marked);
    TrustedCertificate c = certificate(u"CN=idp"_s, notBefore, notAfter);
    c.expired = serverSaysExpired;
    m_model->setProviders({provider(u"x"_s, u"IdP"_s, {c})});
    const QModelIndex name = m_model->index(0, IdentityProviderTableModel::NameColumn);
    QCOMPARE(State(name.data(IdentityProviderTableModel::CertificateStateRole).toInt()), state);
    const QIcon icon = name.data(Qt::DecorationRole).value<QIcon>();
    QCOMPARE(!icon.isNull(), marked);
    if (state == State::Expired) {
        QCOMPARE(icon.cacheKey(), Icons::statusExpired().cacheKey());
        QVERIFY(name.data(Qt::ToolTipRole).toString().contains(u"Expired on"_s));
    } else if (state == State::Expiring) {
        QCOMPARE(icon.cacheKey(), Icons::statusExpiring().cacheKey());
        QVERIFY(name.data(Qt::ToolTipRole).toString().contains(u"Expires in"_s));
    }
    QVERIFY(
        !m_model->index(0, IdentityProviderTableModel::CertificatesColumn).data(Qt::ToolTipRole).toString().isEmpty());
}

void TestIdentityProviderTableModel::worstCertificateMarksTheRow()
{
    // A rollover: the old certificate expires in 10 days, the new one is good for a year.
    m_model->setProviders({provider(u"r"_s, u"Rollover"_s,
                                    {certificate(u"CN=old"_s, Now - 300 * Day, Now + 10 * Day),
                                     certificate(u"CN=new"_s, Now - Day, Now + 365 * Day)})});
    const QModelIndex name = m_model->index(0, IdentityProviderTableModel::NameColumn);
    QCOMPARE(State(name.data(IdentityProviderTableModel::CertificateStateRole).toInt()), State::Expiring);
    const QString text = m_model->index(0, IdentityProviderTableModel::CertificatesColumn).data().toString();
    QCOMPARE(text.split(u'\n').size(), 2);
    QVERIFY(text.contains(u"CN=old"_s) && text.contains(u"CN=new"_s));
    // Valid Until is when the first one ends.
    QCOMPARE(m_model->index(0, IdentityProviderTableModel::ValidUntilColumn).data().toString(),
             formatShortDate(QDateTime::fromSecsSinceEpoch(Now + 10 * Day).date()));
}

void TestIdentityProviderTableModel::addIsOneInsertAndDeleteOneRemoval()
{
    m_model->setProviders({provider(u"a"_s, u"Alpha"_s, {certificate(u"CN=a"_s, Now - Day, Now + 400 * Day)}),
                           provider(u"c"_s, u"Gamma"_s, {certificate(u"CN=c"_s, Now - Day, Now + 400 * Day)})});
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->addProvider(provider(u"b"_s, u"Beta"_s, {certificate(u"CN=b"_s, Now - Day, Now + 400 * Day)}));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 1); // between Alpha and Gamma
    QCOMPARE(m_model->index(1, 0).data().toString(), u"Beta"_s);
    QVERIFY(m_model->removeProvider(u"a"_s));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QVERIFY(!m_model->removeProvider(u"a"_s));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(m_model->rowCount(), 2);
}

void TestIdentityProviderTableModel::clockMovesMarkersWithoutReset()
{
    m_model->setProviders({provider(u"a"_s, u"Alpha"_s, {certificate(u"CN=a"_s, Now - Day, Now + 40 * Day)})});
    const QModelIndex name = m_model->index(0, 0);
    QCOMPARE(State(name.data(IdentityProviderTableModel::CertificateStateRole).toInt()), State::Valid);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_clock.advance(15 * Day);
    m_model->refreshStates();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(State(name.data(IdentityProviderTableModel::CertificateStateRole).toInt()), State::Expiring);
    m_clock.advance(30 * Day);
    QCOMPARE(State(name.data(IdentityProviderTableModel::CertificateStateRole).toInt()), State::Expired);
}

void TestIdentityProviderTableModel::pemIsNeverDisplayed()
{
    m_model->setProviders({provider(u"a"_s, u"Alpha"_s, {certificate(u"CN=a"_s, Now - Day, Now + 400 * Day)})});
    for (int column = 0; column < m_model->columnCount(); ++column) {
        for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
            QVERIFY(!m_model->index(0, column).data(role).toString().contains(u"MIIB"_s));
        }
    }
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestIdentityProviderTableModel)
#include "TestIdentityProviderTableModel.moc"
