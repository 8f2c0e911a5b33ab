#include "OidcPeer.h"
#include "TestMain.h"

#include "service/HttpLog.h"
#include "service/TokenClient.h"

#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;
using namespace appint;

namespace {
QStringList g_messages;

void capture(QtMsgType, const QMessageLogContext& context, const QString& message)
{
    g_messages.append(QString::fromLatin1(context.category) + u": "_s + message);
}
} // namespace

// The redaction rules of appint.service.http, and what a real token request
// actually writes to the log.
class TestHttpLog : public QObject
{
    Q_OBJECT

private slots:
    void headers_data();
    void headers();
    void formBodies_data();
    void formBodies();
    void jsonBodies();
    void otherBodies();
    void tokenRequestLogNeverHoldsSecrets();
};

void TestHttpLog::headers_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("logged");
    QTest::newRow("basic") << "Authorization"_ba
                           << "Basic Zm9vOmJhcg=="_ba
                           << "Basic <redacted>"_ba;
    QTest::newRow("bearer lower") << "authorization"_ba
                                  << "Bearer eyJ.abc.def"_ba
                                  << "Bearer <redacted>"_ba;
    QTest::newRow("no scheme") << "Authorization"_ba
                               << "opaque"_ba
                               << "<redacted>"_ba;
    QTest::newRow("proxy") << "Proxy-Authorization"_ba
                           << "Basic x"_ba
                           << "Basic <redacted>"_ba;
    QTest::newRow("cookie") << "Cookie"_ba
                            << "session=abc"_ba
                            << "<redacted>"_ba;
    QTest::newRow("plain") << "X-Trace"_ba
                           << "abc"_ba
                           << "abc"_ba;
}

void TestHttpLog::headers()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, logged);
    QCOMPARE(HttpLog::redactHeader(name, value), logged);
}

void TestHttpLog::formBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("logged");
    QTest::newRow("client credentials") << "grant_type=client_credentials&client_id=abc&client_secret=s%2B3cr%26t"_ba
                                        << "grant_type=client_credentials&client_id=abc&client_secret=<redacted>"_ba;
    QTest::newRow("saml assertion") << "grant_type=x&assertion=PHNhbWw%2B"_ba
                                    << "grant_type=x&assertion=<redacted>"_ba;
    QTest::newRow("client assertion") << "client_assertion=eyJ&client_assertion_type=jwt"_ba
                                      << "client_assertion=<redacted>&client_assertion_type=jwt"_ba;
    QTest::newRow("revocation") << "token=abc&token_type_hint=access_token"_ba
                                << "token=<redacted>&token_type_hint=access_token"_ba;
    QTest::newRow("encoded key") << "client%5Fsecret=x"_ba
                                 << "client%5Fsecret=<redacted>"_ba;
    QTest::newRow("refresh") << "refresh_token=r&password=p"_ba
                             << "refresh_token=<redacted>&password=<redacted>"_ba;
}

void TestHttpLog::formBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, logged);
    QCOMPARE(HttpLog::redactBody(body, "application/x-www-form-urlencoded; charset=utf-8"), logged);
}

void TestHttpLog::jsonBodies()
{
    const QByteArray created
        = R"({"client_id":"sb-1","client_secret":"top",)"
          R"("nested":{"access_token":"a","list":[{"refresh_token":"r"}]},"id_token":"i","name":"ok"})";
    const QByteArray logged = HttpLog::redactBody(created, "application/json");
    QVERIFY(!logged.contains("top"));
    QVERIFY(!logged.contains("\"a\""));
    QVERIFY(!logged.contains("\"r\""));
    QVERIFY(!logged.contains("\"i\""));
    QVERIFY(logged.contains(R"("client_secret":"<redacted>")"));
    QVERIFY(logged.contains(R"("refresh_token":"<redacted>")"));
    QVERIFY(logged.contains(R"("client_id":"sb-1")"));
    QVERIFY(logged.contains(R"("name":"ok")"));
    QCOMPARE(HttpLog::redactBody(R"([{"assertion":"x"}])", "application/problem+json"),
             R"([{"assertion":"<redacted>"}])"_ba);
    QCOMPARE(HttpLog::redactBody(R"({"client_secret":)", "application/json"), "<17 bytes of malformed JSON>"_ba);
}

void TestHttpLog::otherBodies()
{
    QCOMPARE(HttpLog::redactBody("client_secret=x", "text/plain"), "<15 bytes>"_ba);
    QCOMPARE(HttpLog::redactBody("time,actor\n", "text/csv"), "<11 bytes of CSV>"_ba);
    QCOMPARE(HttpLog::redactBody({}, "application/json"), QByteArray());
}

void TestHttpLog::tokenRequestLogNeverHoldsSecrets()
{
    test::OidcPeer peer;
    const QString error = peer.start();
    if (!error.isEmpty()) {
        QFAIL(qPrintable(u"The OAuth peer must run for this test: "_s + error));
    }
    auto& category = const_cast<QLoggingCategory&>(lcServiceHttp());
    category.setEnabled(QtDebugMsg, true);
    g_messages.clear();
    const QtMessageHandler previous = qInstallMessageHandler(capture);

    QNetworkAccessManager network;
    TokenClient client(&network);
    QString token;
    bool done = false;
    for (const ClientAuthentication authentication : {ClientAuthentication::Body, ClientAuthentication::Header}) {
        OutboundCredential credential;
        credential.name = u"peer"_s;
        credential.tokenServiceUrl = peer.tokenUrl().toString();
        credential.clientId = u"basic-client"_s;
        credential.clientAuthentication = authentication;
        OutboundSecrets secrets;
        secrets.clientSecret = Secret(u"basic-secret"_s);
        done = false;
        client.fetch(credential, secrets, this, [&](const Result<AccessToken>& result, const RedactedRequest&) {
            token = result.value.value.toString();
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30'000);
        QVERIFY(!token.isEmpty());
    }

    qInstallMessageHandler(previous);
    category.setEnabled(QtDebugMsg, false);
    const QString log = g_messages.join(u'\n');
    QVERIFY2(log.contains(u"appint.service.http: POST "_s), qPrintable(log));
    QVERIFY(log.contains(u"client_secret=<redacted>"_s));
    QVERIFY(log.contains(u"Authorization: Basic <redacted>"_s));
    QVERIFY(log.contains(u"token endpoint reply not logged"_s));
    QVERIFY(!log.contains(u"basic-secret"_s));
    QVERIFY(!log.contains(QString::fromLatin1(QByteArray("basic-client:basic-secret").toBase64())));
    QVERIFY(!log.contains(token));
    QVERIFY(!log.contains(u"access_token"_s));
}

APPINT_TEST_MAIN(TestHttpLog)
#include "TestHttpLog.moc"
