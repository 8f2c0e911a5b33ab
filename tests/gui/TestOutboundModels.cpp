#include "gui/outbound/OutboundCredentialTableModel.h"
#include "gui/outbound/TokenDisplay.h"

#include "ManualClock.h"
#include "TestMain.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDateTime>
#include <QIcon>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QSignalSpy>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {

constexpr qint64 Now = 1'750'000'000;

OutboundCredential credential(const QString& name)
{
    OutboundCredential result;
    result.name = name;
    result.tokenServiceUrl = u"https://auth.example.com/oauth/token"_s;
    result.clientId = u"sb-"_s + name;
    return result;
}

QByteArray base64Url(const QByteArray& bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// A token shaped like a JWT (the signature is not checked for display).
Secret jwt(const QJsonObject& header, const QJsonObject& claims)
{
    QByteArray token = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.' + base64Url(QByteArray(64, 's'));
    return Secret::fromUtf8(token);
}

} // namespace

// The page's table model and the text forms of the Test dialog.
class TestOutboundModels : public QObject
{
    Q_OBJECT

private slots:
    void testColumns();
    void testSingleChangesAreNotResets();
    void testTestOutcomeCountsDown();
    void testCachedTokenColumn();
    void testMaskedToken();
    void testJwtHeaderAndClaims();
    void testPrettyJsonShowsTimesAsDates();
    void testCountdown_data();
    void testCountdown();
    void testFailureSummary();
};

void TestOutboundModels::testColumns()
{
    ManualClock clock(Now);
    OutboundCredentialTableModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    OutboundCredential common = credential(u"common"_s);
    common.urlType = TokenServiceUrlType::Common;
    common.subdomain = u"mytenant"_s;
    common.description = u"Shared token service"_s;
    OutboundCredential header = credential(u"header"_s);
    header.clientAuthentication = ClientAuthentication::Header;
    OutboundCredential neo = credential(u"neo"_s);
    neo.clientAuthentication = ClientAuthentication::Header;
    neo.tokenServiceUser = u"neo-user"_s;
    model.setCredentials({common, header, neo});

    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(OutboundCredentialTableModel::ColumnCount));
    const QStringList headers{u"Name"_s, u"Token Service URL"_s, u"Client ID"_s, u"Client Authentication"_s,
                              u"Last Test"_s};
    for (int column = 0; column < headers.size(); ++column) {
        QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), headers.at(column));
    }
    QCOMPARE(model.index(0, 0).data().toString(), u"common"_s);
    QCOMPARE(model.index(0, 0).data(Qt::ToolTipRole).toString(), u"common\nShared token service"_s);
    QCOMPARE(model.index(0, 1).data().toString(), u"https://auth.example.com/oauth/token (Common, mytenant)"_s);
    QCOMPARE(model.index(0, 2).data().toString(), u"sb-common"_s);
    QCOMPARE(model.index(0, 3).data().toString(), u"Send as Body Parameter"_s);
    QCOMPARE(model.index(1, 3).data().toString(), u"Send as Request Header"_s);
    QCOMPARE(model.index(2, 3).data().toString(), u"Basic: neo-user"_s);
    QCOMPARE(model.index(2, 3).data(Qt::ToolTipRole).toString(),
             u"Send as Request Header: the token service user neo-user takes the place of the client credentials."_s);
    neo.clientAuthentication = ClientAuthentication::Body;
    QCOMPARE(OutboundCredentialTableModel::authenticationDisplayName(neo),
             u"Send as Body Parameter + Basic: neo-user"_s);
    QCOMPARE(model.index(1, 4).data().toString(), u"Not tested"_s);
    QCOMPARE(model.index(1, 4).data(OutboundCredentialTableModel::NameRole).toString(), u"header"_s);
    QCOMPARE(model.flags(model.index(0, 0)) & Qt::ItemIsEditable, Qt::NoItemFlags);
    QCOMPARE(model.indexOf(u"HEADER"_s).row(), 1); // names compare ignoring case
    QCOMPARE(model.names(), (QStringList{u"common"_s, u"header"_s, u"neo"_s}));
}

void TestOutboundModels::testSingleChangesAreNotResets()
{
    ManualClock clock(Now);
    OutboundCredentialTableModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCredentials({credential(u"a"_s), credential(u"b"_s)});
    QItemSelectionModel selection(&model);
    selection.select(model.index(1, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    model.addCredential(credential(u"c"_s));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 2);

    model.setTestOutcome(u"b"_s, {OutboundCredentialTableModel::TestState::Failed, 0, u"invalid_client"_s, u"m"_s});
    changed.clear();
    OutboundCredential renamed = credential(u"b2"_s);
    renamed.clientId = u"sb-new"_s;
    QVERIFY(model.updateCredential(u"b"_s, renamed));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(model.index(1, 0).data().toString(), u"b2"_s);
    QCOMPARE(model.index(1, 2).data().toString(), u"sb-new"_s);
    // The last test was of other settings.
    QCOMPARE(model.index(1, 4).data().toString(), u"Not tested"_s);
    QVERIFY(!model.updateCredential(u"nope"_s, renamed));

    QVERIFY(model.removeCredential(u"a"_s));
    QCOMPARE(removed.count(), 1);
    QVERIFY(!model.removeCredential(u"a"_s));
    QCOMPARE(reset.count(), 0);
    // The selection followed its row through the changes.
    QCOMPARE(selection.selectedRows().value(0).data().toString(), u"b2"_s);
}

void TestOutboundModels::testTestOutcomeCountsDown()
{
    ManualClock clock(Now);
    OutboundCredentialTableModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCredentials({credential(u"a"_s), credential(u"b"_s)});
    QVERIFY(!model.hasCountdown());

    model.setTestOutcome(u"a"_s, {OutboundCredentialTableModel::TestState::Running, 0, {}, {}});
    QCOMPARE(model.index(0, 4).data().toString(), u"Testing…"_s);

    model.setTestOutcome(u"a"_s, {OutboundCredentialTableModel::TestState::Succeeded, Now + 3600, {}, {}});
    QCOMPARE(model.index(0, 4).data().toString(), u"Token received; expires in 1:00:00"_s);
    QCOMPARE(model.index(0, 4).data(OutboundCredentialTableModel::TokenExpiresAtRole).toLongLong(), Now + 3600);
    QVERIFY(!model.index(0, 4).data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(model.hasCountdown());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    clock.advance(61);
    model.refreshCountdowns();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().column(), int(OutboundCredentialTableModel::LastTestColumn));
    // Through the Cached Token column, which counts down too (issue 15).
    QCOMPARE(changed.first().at(1).value<QModelIndex>().column(), int(OutboundCredentialTableModel::CachedTokenColumn));
    QCOMPARE(model.index(0, 4).data().toString(), u"Token received; expires in 58:59"_s);
    clock.advance(3600);
    QCOMPARE(model.index(0, 4).data().toString(), u"Token received; expired"_s);
    QVERIFY(!model.hasCountdown());

    model.setTestOutcome(u"b"_s,
                         {OutboundCredentialTableModel::TestState::Failed, 0, u"invalid_client"_s,
                          u"The token service refused the request: invalid_client (HTTP 401)."_s});
    QCOMPARE(model.index(1, 4).data().toString(), u"Failed: invalid_client"_s);
    QCOMPARE(model.index(1, 4).data(Qt::ToolTipRole).toString(),
             u"The token service refused the request: invalid_client (HTTP 401)."_s);
    QCOMPARE(model.index(1, 4).data(OutboundCredentialTableModel::TestStateRole).toInt(),
             int(OutboundCredentialTableModel::TestState::Failed));

    // A reload keeps the outcomes of the credentials that are still there.
    model.setCredentials({credential(u"b"_s)});
    QCOMPARE(model.index(0, 4).data().toString(), u"Failed: invalid_client"_s);
    model.setCredentials({credential(u"a"_s), credential(u"b"_s)});
    QCOMPARE(model.index(0, 4).data().toString(), u"Not tested"_s);
}

void TestOutboundModels::testCachedTokenColumn()
{
    ManualClock clock(Now);
    OutboundCredentialTableModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCredentials({credential(u"a"_s), credential(u"b"_s)});
    const int column = OutboundCredentialTableModel::CachedTokenColumn;
    QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), u"Cached Token"_s);
    QCOMPARE(model.index(0, column).data().toString(), u"None"_s);
    QVERIFY(!model.hasCountdown());

    // One dataChanged on the one cell whose entry changed (names ignore case).
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const OutboundCredentialTableModel::CachedTokenInfo info{Now + 600, Now + 540, 1, 1};
    model.setCachedTokens({{u"B"_s, info}});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>(), model.index(1, column));
    QCOMPARE(changed.first().at(1).value<QModelIndex>(), model.index(1, column));
    QCOMPARE(model.index(1, column).data().toString(), u"10:00 left, renews in 9:00"_s);
    QVERIFY(model.index(1, column)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"Served from the cache 1 time. 1 token fetched with these settings."_s));
    QCOMPARE(model.index(1, column).data(OutboundCredentialTableModel::CachedTokenExpiresAtRole).toLongLong(),
             Now + 600);
    QVERIFY(model.index(1, column).data(Qt::ToolTipRole).toString().contains(u"Served from the cache 1 time."_s));
    QVERIFY(model.hasCountdown());
    model.setCachedTokens({{u"b"_s, info}});
    QCOMPARE(changed.count(), 1); // nothing new

    clock.advance(541);
    model.setCachedTokens({{u"b"_s, {Now + 600, Now + 540, 3, 2}}});
    QCOMPARE(changed.count(), 2);
    QCOMPARE(model.index(1, column).data().toString(), u"0:59 left, renewal due"_s);
    QVERIFY(model.index(1, column)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"Served from the cache 3 times. 2 tokens fetched with these settings."_s));
    clock.advance(60);
    QCOMPARE(model.index(1, column).data().toString(), u"Expired"_s);
    QVERIFY(model.index(1, column)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"Served from the cache 3 times. 2 tokens fetched with these settings."_s));

    model.setCachedTokens({});
    QCOMPARE(changed.count(), 3);
    QCOMPARE(model.index(1, column).data().toString(), u"None"_s);
    QVERIFY(!model.cachedToken(u"b"_s).has_value());
}

void TestOutboundModels::testMaskedToken()
{
    const Secret token
        = jwt(QJsonObject{{u"alg"_s, u"ES256"_s}, {u"typ"_s, u"JWT"_s}}, QJsonObject{{u"sub"_s, u"x"_s}});
    const QString whole = token.toString();
    const QString masked = TokenDisplay::masked(token);
    QVERIFY(masked.startsWith(whole.left(TokenDisplay::VisiblePrefix)));
    QVERIFY(!masked.contains(whole.mid(TokenDisplay::VisiblePrefix, 4)));
    QVERIFY(masked.contains(u"••••••••"_s));
    QVERIFY(masked.endsWith(u"(%1 characters)"_s.arg(whole.size())));
    // Too short to show any of it.
    QCOMPARE(TokenDisplay::masked(Secret(u"abcdefghij"_s)), u"•••••••• (10 characters)"_s);
    QCOMPARE(TokenDisplay::masked(Secret(u"a"_s)), u"•••••••• (1 character)"_s);
}

void TestOutboundModels::testJwtHeaderAndClaims()
{
    const QJsonObject header{{u"alg"_s, u"ES256"_s}, {u"kid"_s, u"k1"_s}, {u"typ"_s, u"JWT"_s}};
    const Secret token = jwt(header, QJsonObject{{u"sub"_s, u"x"_s}});
    QCOMPARE(TokenDisplay::jwtHeader(token), std::optional<QJsonObject>(header));
    QCOMPARE(TokenDisplay::jwtHeader(Secret(u"opaque-token-value"_s)), std::nullopt);
    QCOMPARE(TokenDisplay::jwtHeader(Secret(u"a.b.c"_s)), std::nullopt);
}

void TestOutboundModels::testPrettyJsonShowsTimesAsDates()
{
    const qint64 exp = 1'750'003'600;
    const QJsonObject claims{{u"exp"_s, exp},
                             {u"iat"_s, 1'750'000'000},
                             {u"client_id"_s, u"sb-1"_s},
                             {u"count"_s, 5},
                             {u"nested"_s, QJsonObject{{u"nbf"_s, 1'750'000'000}}}};
    const QString text = TokenDisplay::prettyJson(claims);
    const QString date = QDateTime::fromSecsSinceEpoch(exp).toString(u"yyyy-MM-dd HH:mm:ss t"_s);
    QVERIFY2(text.contains(u"\"exp\": 1750003600,   // "_s + date), qPrintable(text));
    QVERIFY(text.contains(u"\"iat\": 1750000000,   // "_s));
    QVERIFY(text.contains(u"\"nbf\": 1750000000   // "_s));
    QVERIFY(text.contains(u"\"count\": 5,\n"_s)); // not a time
    QVERIFY(text.contains(u"\"client_id\": \"sb-1\","_s));
    QVERIFY(text.startsWith(u'{'));
    QVERIFY(text.endsWith(u'}'));
}

void TestOutboundModels::testCountdown_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("gone") << qint64(-5) << u"0:00"_s;
    QTest::newRow("seconds") << qint64(9) << u"0:09"_s;
    QTest::newRow("minutes") << qint64(59 * 60 + 12) << u"59:12"_s;
    QTest::newRow("hours") << qint64(3723) << u"1:02:03"_s;
    QTest::newRow("a day") << qint64(86400 + 3723) << u"1 day 01:02:03"_s;
    QTest::newRow("days") << qint64(2 * 86400) << u"2 days 00:00:00"_s;
}

void TestOutboundModels::testCountdown()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(TokenDisplay::countdown(seconds), text);
}

void TestOutboundModels::testFailureSummary()
{
    ResultInfo info;
    info.status = ResultStatus::Authentication;
    info.oauthError = u"invalid_client"_s;
    info.httpStatus = 401;
    QCOMPARE(TokenDisplay::failureSummary(info), u"invalid_client"_s);
    info = {};
    info.status = ResultStatus::Timeout;
    QCOMPARE(TokenDisplay::failureSummary(info), u"timed out"_s);
    info.status = ResultStatus::Tls;
    QCOMPARE(TokenDisplay::failureSummary(info), u"TLS handshake failed"_s);
    info.status = ResultStatus::Network;
    info.networkError = QNetworkReply::ConnectionRefusedError;
    QCOMPARE(TokenDisplay::failureSummary(info), u"connection refused"_s);
    info = {};
    info.status = ResultStatus::NotFound;
    info.httpStatus = 404;
    QCOMPARE(TokenDisplay::failureSummary(info), u"HTTP 404"_s);
}

} // namespace appint::test

APPINT_TEST_GUI_MAIN(appint::test::TestOutboundModels)
#include "TestOutboundModels.moc"
