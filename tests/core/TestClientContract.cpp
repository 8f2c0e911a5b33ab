#include "TestMain.h"

#include "core/BidiText.h"
#include "core/ClientContract.h"
#include "core/Duration.h"

#include <QJsonArray>
#include <QJsonObject>

#include <limits>

using namespace Qt::StringLiterals;
using namespace appint;

Q_DECLARE_METATYPE(QJsonValue)

namespace {
QJsonObject valid()
{
    return QJsonObject{
        {u"client_id"_s, u"c-1"_s},
        {u"client_name"_s, u"Orders"_s},
        {u"purpose"_s, u"technical"_s},
        {u"status"_s, u"active"_s},
        {u"grant_types"_s, QJsonArray{u"client_credentials"_s}},
        {u"access"_s, QJsonArray{}},
        {u"redirect_uris"_s, QJsonArray{}},
        {u"user_id"_s, u"ORDERS"_s},
        {u"roles"_s, QJsonArray{}},
        {u"access_token_lifetime"_s, 3600},
        {u"refresh_token_lifetime"_s, 0},
        {u"client_secret_expires_at"_s, 1'760'000'000LL},
        {u"client_id_issued_at"_s, 1'750'000'000LL},
        {u"secret_retrievable"_s, false},
    };
}

QJsonObject with(const QString& key, const QJsonValue& value)
{
    QJsonObject object = valid();
    if (value.isUndefined()) {
        object.remove(key);
    } else {
        object.insert(key, value);
    }
    return object;
}
} // namespace

// Issue 16: what a client item from a server must be before it is shown
// (ClientContract), the bidirectional isolation of server text (BidiText)
// and durations that never print "%n".
class TestClientContract : public QObject
{
    Q_OBJECT

private slots:
    void validItemIsRead();
    void brokenItemsAreRefused_data();
    void brokenItemsAreRefused();
    void bidiIsolation();
    void durationsOutOfRange();
};

void TestClientContract::validItemIsRead()
{
    QString problem;
    const std::optional<Client> client = ClientContract::fromServerJson(valid(), &problem);
    QVERIFY2(client, qPrintable(problem));
    QCOMPARE(client->clientId, u"c-1"_s);
    QCOMPARE(client->accessTokenLifetime, qint64(3600));
    QCOMPARE(client->clientSecretExpiresAt, 1'760'000'000LL);
    // Absent optional fields and "never" (0) are fine.
    QVERIFY(ClientContract::fromServerJson(with(u"status"_s, QJsonValue::Undefined), nullptr));
    QVERIFY(ClientContract::fromServerJson(with(u"client_secret_expires_at"_s, 0), nullptr));
    QVERIFY(ClientContract::fromServerJson(with(u"user_id"_s, QJsonValue::Null), nullptr));
}

void TestClientContract::brokenItemsAreRefused_data()
{
    QTest::addColumn<QJsonValue>("item");
    QTest::addColumn<QString>("problem");
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << u"not a client object"_s;
    QTest::newRow("number") << QJsonValue(42) << u"not a client object"_s;
    QTest::newRow("array") << QJsonValue(QJsonArray{1}) << u"not a client object"_s;
    QTest::newRow("{}") << QJsonValue(QJsonObject{}) << u"no client_id"_s;
    QTest::newRow("blank id") << QJsonValue(with(u"client_id"_s, u"  "_s)) << u"no client_id"_s;
    QTest::newRow("numeric id") << QJsonValue(with(u"client_id"_s, 7)) << u"no client_id"_s;
    QTest::newRow("name object") << QJsonValue(with(u"client_name"_s, QJsonObject{})) << u"client_name"_s;
    QTest::newRow("unknown purpose") << QJsonValue(with(u"purpose"_s, u"superuser"_s)) << u"unknown purpose"_s;
    QTest::newRow("no purpose") << QJsonValue(with(u"purpose"_s, QJsonValue::Undefined)) << u"unknown purpose"_s;
    QTest::newRow("unknown status") << QJsonValue(with(u"status"_s, u"zombie"_s)) << u"unknown status"_s;
    QTest::newRow("negative lifetime") << QJsonValue(with(u"access_token_lifetime"_s, -60))
                                       << u"access_token_lifetime"_s;
    QTest::newRow("fractional lifetime") << QJsonValue(with(u"access_token_lifetime"_s, 1.5))
                                         << u"access_token_lifetime"_s;
    QTest::newRow("lifetime as text") << QJsonValue(with(u"refresh_token_lifetime"_s, u"3600"_s))
                                      << u"refresh_token_lifetime"_s;
    QTest::newRow("expiry 1e300") << QJsonValue(with(u"client_secret_expires_at"_s, 1e300))
                                  << u"client_secret_expires_at"_s;
    QTest::newRow("expiry after 9999") << QJsonValue(with(u"client_secret_expires_at"_s, 253402300800.0))
                                       << u"client_secret_expires_at"_s;
    QTest::newRow("negative issued") << QJsonValue(with(u"client_id_issued_at"_s, -1)) << u"client_id_issued_at"_s;
    QTest::newRow("grant types not text") << QJsonValue(with(u"grant_types"_s, QJsonArray{1, 2})) << u"grant_types"_s;
}

void TestClientContract::brokenItemsAreRefused()
{
    QFETCH(QJsonValue, item);
    QFETCH(QString, problem);
    QString said;
    QVERIFY(!ClientContract::fromServerJson(item, &said));
    QVERIFY2(said.contains(problem), qPrintable(said));
}

void TestClientContract::bidiIsolation()
{
    const QString name = u"Orders\u202E enil dnammoc \u2069\u2066x"_s;
    const QString isolated = BidiText::isolate(name);
    QCOMPARE(isolated, u"\u2068Orders enil dnammoc x\u2069"_s);
    QCOMPARE(BidiText::isolate(QString()), QString());
    QCOMPARE(BidiText::stripControls(u"a\u200Eb\u200Fc\u061Cd\u202Ae\u2067f"_s), u"abcdef"_s);
    // Sentences of ours keep their order around it.
    const QString sentence = u"Delete the OAuth client “%1”?"_s.arg(isolated);
    QVERIFY(sentence.startsWith(u"Delete the OAuth client “\u2068"_s));
    QVERIFY(sentence.endsWith(u"\u2069”?"_s));
}

void TestClientContract::durationsOutOfRange()
{
    QVERIFY(!formatDuration(-60).contains(u"%n"_s));
    QVERIFY(formatDuration(-60).contains(u"out of range"_s));
    QVERIFY(!formatDuration(std::numeric_limits<qint64>::max()).contains(u"%n"_s));
    QVERIFY(formatDuration(3600).contains(u"1"_s));
}

APPINT_TEST_MAIN(TestClientContract)
#include "TestClientContract.moc"
