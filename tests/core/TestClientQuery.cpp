#include "TestMain.h"

#include "core/ClientQuery.h"
#include "core/ClientRules.h"

#include <QUrl>

using namespace Qt::StringLiterals;
using namespace appint;

namespace {
constexpr qint64 Now = 1'764'000'000;

Client make(const QString& id, const QString& name, Purpose purpose, qint64 expiresAt = 0, const QString& userId = {})
{
    Client client = ClientRules::withDefaults(purpose, Now);
    client.clientId = id;
    client.clientName = name;
    client.userId = userId;
    client.clientSecretExpiresAt = purpose == Purpose::Technical ? expiresAt : 0;
    return client;
}

QStringList errorFields(const QString& query)
{
    QStringList fields;
    for (const FieldError& error : ClientQuery::fromQueryString(query).errors) {
        fields.append(error.field);
    }
    return fields;
}
} // namespace

class TestClientQuery : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void changedSinceRoundTrip();
    void plusIsSpace();
    void errors_data();
    void errors();
    void matches();
    void sorting();
};

void TestClientQuery::roundTrip()
{
    ClientQuery query;
    query.text = u"a&b=c d+e%"_s;
    query.purpose = Purpose::Technical;
    query.status = ClientQuery::Status::Expiring;
    query.sortField = u"client_secret_expires_at"_s;
    query.descending = true;
    query.offset = 10;
    query.limit = 5000;
    QUrl url(u"http://localhost/api/v1/clients"_s);
    url.setQuery(query.toUrlQuery());
    const auto parsed = ClientQuery::fromQueryString(url.query(QUrl::FullyEncoded));
    QVERIFY(parsed.errors.isEmpty());
    QCOMPARE(parsed.query, query);
}

void TestClientQuery::changedSinceRoundTrip()
{
    ClientQuery query;
    query.changedSince = u"k3j9x-42"_s;
    query.limit = 500;
    QUrl url(u"http://localhost/api/v1/clients"_s);
    url.setQuery(query.toUrlQuery());
    QCOMPARE(url.query(), u"changed_since=k3j9x-42&limit=500"_s); // no sort or offset: they do not combine
    const auto parsed = ClientQuery::fromQueryString(url.query(QUrl::FullyEncoded));
    QVERIFY(parsed.errors.isEmpty());
    QCOMPARE(parsed.query, query);
    QCOMPARE(errorFields(u"changed_since=K!"_s), QStringList{u"changed_since"_s});
    QCOMPARE(errorFields(u"changed_since=a-1&offset=5&purpose=api"_s), (QStringList{u"purpose"_s, u"offset"_s}));
}

void TestClientQuery::plusIsSpace()
{
    QCOMPARE(ClientQuery::fromQueryString(u"q=nightly+etl"_s).query.text, u"nightly etl"_s);
    QCOMPARE(ClientQuery::fromQueryString(u"q=a%2Bb"_s).query.text, u"a+b"_s);
}

void TestClientQuery::errors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("empty") << QString() << QStringList{};
    QTest::newRow("limit 5000") << u"limit=5000"_s << QStringList{};
    QTest::newRow("limit 5001") << u"limit=5001"_s << QStringList{u"limit"_s};
    QTest::newRow("limit 0") << u"limit=0"_s << QStringList{};
    QTest::newRow("limit -1") << u"limit=-1"_s << QStringList{u"limit"_s};
    QTest::newRow("limit huge") << u"limit=99999999999999999999999"_s << QStringList{u"limit"_s};
    QTest::newRow("limit text") << u"limit=ten"_s << QStringList{u"limit"_s};
    QTest::newRow("offset fraction") << u"offset=1.5"_s << QStringList{u"offset"_s};
    QTest::newRow("sort unknown") << u"sort=roles"_s << QStringList{u"sort"_s};
    QTest::newRow("sort descending") << u"sort=-client_id"_s << QStringList{};
    QTest::newRow("purpose unknown") << u"purpose=robot"_s << QStringList{u"purpose"_s};
    QTest::newRow("status unknown") << u"status=gone"_s << QStringList{u"status"_s};
    QTest::newRow("unknown parameter") << u"state=expired"_s << QStringList{u"state"_s};
    QTest::newRow("twice") << u"limit=1&limit=2"_s << QStringList{u"limit"_s};
    QTest::newRow("q 256") << (u"q="_s + QString(256, u'x')) << QStringList{};
    QTest::newRow("q 257") << (u"q="_s + QString(257, u'x')) << QStringList{u"q"_s};
}

void TestClientQuery::errors()
{
    QFETCH(QString, query);
    QFETCH(QStringList, fields);
    QCOMPARE(errorFields(query), fields);
}

void TestClientQuery::matches()
{
    const Client active = make(u"c1"_s, u"Nightly ETL"_s, Purpose::Technical, Now + 90 * 86400, u"ETL_USER"_s);
    const Client expiring = make(u"c2"_s, u"Reports"_s, Purpose::Technical, Now + 3 * 86400, u"REPORTS"_s);
    const Client expired = make(u"c3"_s, u"Old"_s, Purpose::Technical, Now - 1, u"OLD"_s);
    const Client api = make(u"c4"_s, u"SCIM"_s, Purpose::Api);

    ClientQuery query;
    query.text = u"etl"_s;
    QVERIFY(query.matches(active, Now));
    QVERIFY(!query.matches(expiring, Now));
    query.text = u"REPORTS"_s; // user_id, any case
    QVERIFY(query.matches(expiring, Now));
    query.text = u"C4"_s; // client_id
    QVERIFY(query.matches(api, Now));

    query = ClientQuery{};
    query.status = ClientQuery::Status::Active;
    QVERIFY(query.matches(active, Now) && query.matches(expiring, Now) && query.matches(api, Now));
    QVERIFY(!query.matches(expired, Now));
    query.status = ClientQuery::Status::Expiring;
    QVERIFY(!query.matches(active, Now) && query.matches(expiring, Now) && !query.matches(expired, Now));
    query.status = ClientQuery::Status::Expired;
    QVERIFY(query.matches(expired, Now) && !query.matches(api, Now));

    query = ClientQuery{};
    query.purpose = Purpose::Api;
    QVERIFY(query.matches(api, Now) && !query.matches(active, Now));
}

void TestClientQuery::sorting()
{
    Clients clients{make(u"b"_s, u"beta"_s, Purpose::Api), make(u"a"_s, u"Alpha"_s, Purpose::Api),
                    make(u"c"_s, u"alpha"_s, Purpose::Api)};
    ClientQuery query;
    std::sort(clients.begin(), clients.end(),
              [&](const Client& x, const Client& y) { return query.lessThan(x, y, Now); });
    QCOMPARE(clients.at(0).clientName, u"Alpha"_s); // case-insensitive, then exact
    QCOMPARE(clients.at(1).clientName, u"alpha"_s);
    QCOMPARE(clients.at(2).clientName, u"beta"_s);
    query.sortField = u"client_id"_s;
    query.descending = true;
    std::sort(clients.begin(), clients.end(),
              [&](const Client& x, const Client& y) { return query.lessThan(x, y, Now); });
    QCOMPARE(clients.at(0).clientId, u"c"_s);
    QCOMPARE(clients.at(2).clientId, u"a"_s);
}

APPINT_TEST_MAIN(TestClientQuery)
#include "TestClientQuery.moc"
