// GET /api/v1/clients at the server over real HTTP, as issue 11 changed it:
// cached sort orders that follow every write and the clock, ETag /
// If-None-Match on the list and on one client, and the change feed behind
// `revision` and `changed_since` (changed clients plus tombstones).
#include "ServerTestSupport.h"
#include "TestMain.h"

#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;
using namespace appint::test;

namespace {

QStringList idsOf(const QJsonArray& items)
{
    QStringList ids;
    for (const QJsonValue& item : items) {
        ids.append(item[u"client_id"_s].toString());
    }
    return ids;
}

QStringList fieldsOf(const HttpTestReply& reply)
{
    QStringList fields;
    for (const QJsonValue& error : reply.object().value(u"errors"_s).toArray()) {
        fields.append(error.toObject().value(u"field"_s).toString());
    }
    return fields;
}

} // namespace

class TestClientListing : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void pagesFollowOneOrder_data();
    void pagesFollowOneOrder();
    void cachedOrderFollowsWrites();
    void statusFollowsTheClock();
    void listAnswersNotModified();
    void clientAnswersNotModified();
    void changesSinceRevision();
    void changesPageInRevisionOrder();
    void changesRefused();

private:
    QUrl api(const QString& pathAndQuery) const { return m_server->url(u"/api/v1"_s + pathAndQuery); }
    HttpTestReply get(const QString& pathAndQuery, const QByteArray& ifNoneMatch = {});
    QString create(const QString& name);

    std::unique_ptr<TestServer> m_server;
    HttpTestClient m_http;
    QString m_token;
};

void TestClientListing::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_token = adminToken(m_http, *m_server);
    QVERIFY(!m_token.isEmpty());
}

void TestClientListing::cleanup()
{
    m_server.reset();
}

HttpTestReply TestClientListing::get(const QString& pathAndQuery, const QByteArray& ifNoneMatch)
{
    HttpHeaders headers{{"Authorization", "Bearer " + m_token.toLatin1()}};
    if (!ifNoneMatch.isEmpty()) {
        headers.append({"If-None-Match", ifNoneMatch});
    }
    return m_http.send("GET", api(pathAndQuery), {}, headers);
}

QString TestClientListing::create(const QString& name)
{
    const CreatedClient created = createClient(m_http, *m_server, m_token, apiBody(name));
    return created.status == 201 ? created.id : QString();
}

void TestClientListing::pagesFollowOneOrder_data()
{
    QTest::addColumn<QString>("sort");
    QTest::newRow("name") << u"client_name"_s;
    QTest::newRow("name descending") << u"-client_name"_s;
    QTest::newRow("client_id") << u"client_id"_s;
    QTest::newRow("expiry") << u"client_secret_expires_at"_s;
    QTest::newRow("status descending") << u"-status"_s;
}

void TestClientListing::pagesFollowOneOrder()
{
    QFETCH(QString, sort);
    const QStringList names{u"kilo"_s, u"Alpha"_s, u"alpha"_s, u"Zulu"_s, u"mike"_s,  u"Bravo"_s, u"alpha"_s,
                            u"echo"_s, u"Delta"_s, u"x-ray"_s, u"golf"_s, u"Hotel"_s, u"india"_s};
    for (const QString& name : names) {
        QVERIFY(!create(name).isEmpty());
    }
    const HttpTestReply whole = get(u"/clients?limit=5000&sort="_s + sort);
    QCOMPARE(whole.status, 200);
    const QStringList expected = idsOf(whole.object().value(u"items"_s).toArray());
    QCOMPARE(expected.size(), names.size() + 1); // and the bootstrap administrator
    for (int limit : {1, 4, 5}) {
        QStringList paged;
        for (int offset = 0; offset < expected.size(); offset += limit) {
            const QJsonObject page
                = get(u"/clients?sort=%1&offset=%2&limit=%3"_s.arg(sort).arg(offset).arg(limit)).object();
            QCOMPARE(page.value(u"total"_s).toInt(), expected.size());
            paged += idsOf(page.value(u"items"_s).toArray());
        }
        QCOMPARE(paged, expected);
    }
    QCOMPARE(get(u"/clients?offset=14&sort="_s + sort).object().value(u"items"_s).toArray().size(), 0);
}

void TestClientListing::cachedOrderFollowsWrites()
{
    const QString bravo = create(u"Bravo"_s);
    const QString delta = create(u"Delta"_s);
    const auto names = [&] {
        QStringList list;
        for (const QJsonValue& item : get(u"/clients?purpose=api"_s).object().value(u"items"_s).toArray()) {
            list.append(item[u"client_name"_s].toString());
        }
        return list;
    };
    QCOMPARE(names(), (QStringList{u"Bravo"_s, u"Delta"_s}));
    QVERIFY(!create(u"Charlie"_s).isEmpty());
    QCOMPARE(names(), (QStringList{u"Bravo"_s, u"Charlie"_s, u"Delta"_s}));
    QCOMPARE(m_http.patchJson(api(u"/clients/"_s + bravo), QJsonObject{{u"client_name"_s, u"Echo"_s}}, m_token).status,
             200);
    QCOMPARE(names(), (QStringList{u"Charlie"_s, u"Delta"_s, u"Echo"_s}));
    QCOMPARE(m_http.del(api(u"/clients/"_s + delta), m_token).status, 204);
    QCOMPARE(names(), (QStringList{u"Charlie"_s, u"Echo"_s}));
}

void TestClientListing::statusFollowsTheClock()
{
    const qint64 now = m_server->clock().now();
    QJsonObject body = technicalBody(u"Soon"_s, u"SOON"_s);
    body.insert(u"client_secret_expires_at"_s, now + 20 * 86400);
    const CreatedClient soon = createClient(m_http, *m_server, m_token, body);
    QCOMPARE(soon.status, 201);

    const HttpTestReply before = get(u"/clients?status=expiring"_s);
    QCOMPARE(before.object().value(u"total"_s).toInt(), 0);
    QCOMPARE(get(u"/clients?status=expiring"_s, before.header("ETag")).status, 304);
    QCOMPARE(get(u"/clients?status=active&sort=status"_s).object().value(u"total"_s).toInt(), 2);

    // No write in between: only the clock moves the client into "expiring".
    m_server->clock().advance(7 * 86400);
    m_token = adminToken(m_http, *m_server);
    const HttpTestReply expiring = get(u"/clients?status=expiring"_s, before.header("ETag"));
    QCOMPARE(expiring.status, 200);
    QCOMPARE(idsOf(expiring.object().value(u"items"_s).toArray()), QStringList{soon.id});
    QVERIFY(expiring.header("ETag") != before.header("ETag"));
    // The item's status is "active" or "expired" (api.md): both still active.
    const QJsonArray bySort = get(u"/clients?sort=-status"_s).object().value(u"items"_s).toArray();
    QCOMPARE(bySort.size(), 2);
    QCOMPARE(bySort.at(1)[u"status"_s].toString(), u"active"_s);

    m_server->clock().advance(14 * 86400);
    m_token = adminToken(m_http, *m_server);
    QCOMPARE(get(u"/clients?status=expiring"_s).object().value(u"total"_s).toInt(), 0);
    QCOMPARE(idsOf(get(u"/clients?status=expired"_s).object().value(u"items"_s).toArray()), QStringList{soon.id});
    QCOMPARE(get(u"/clients?sort=-status"_s).object().value(u"items"_s).toArray().at(0)[u"status"_s].toString(),
             u"expired"_s);
}

void TestClientListing::listAnswersNotModified()
{
    QVERIFY(!create(u"One"_s).isEmpty());
    const HttpTestReply first = get(u"/clients?limit=10"_s);
    QCOMPARE(first.status, 200);
    const QByteArray etag = first.header("ETag");
    QVERIFY2(etag.startsWith('"') && etag.endsWith('"') && etag.size() > 2, etag.constData());
    QVERIFY(!first.object().value(u"revision"_s).toString().isEmpty());

    const HttpTestReply unchanged = get(u"/clients?limit=10"_s, etag);
    QCOMPARE(unchanged.status, 304);
    QVERIFY(unchanged.body.isEmpty());
    QCOMPARE(unchanged.header("ETag"), etag);
    QCOMPARE(get(u"/clients?limit=10"_s, "\"other\", W/" + etag).status, 304);
    QCOMPARE(get(u"/clients?limit=10"_s, "*").status, 304);
    QCOMPARE(get(u"/clients?limit=10"_s, "\"other\"").status, 200);
    // Another page or another query is another answer.
    QCOMPARE(get(u"/clients?limit=9"_s, etag).status, 200);
    QCOMPARE(get(u"/clients?limit=10&q=one"_s, etag).status, 200);

    QVERIFY(!create(u"Two"_s).isEmpty());
    const HttpTestReply changed = get(u"/clients?limit=10"_s, etag);
    QCOMPARE(changed.status, 200);
    QCOMPARE(changed.object().value(u"total"_s).toInt(), 3);
    QVERIFY(changed.header("ETag") != etag);
    QVERIFY(changed.object().value(u"revision"_s) != first.object().value(u"revision"_s));
}

void TestClientListing::clientAnswersNotModified()
{
    const QString id = create(u"One"_s);
    const HttpTestReply first = get(u"/clients/"_s + id);
    QCOMPARE(first.status, 200);
    const QByteArray etag = first.header("ETag");
    QVERIFY(etag.startsWith('"'));
    QCOMPARE(get(u"/clients/"_s + id, etag).status, 304);
    QCOMPARE(m_http.patchJson(api(u"/clients/"_s + id), QJsonObject{{u"client_name"_s, u"Uno"_s}}, m_token).status,
             200);
    const HttpTestReply changed = get(u"/clients/"_s + id, etag);
    QCOMPARE(changed.status, 200);
    QCOMPARE(changed.object().value(u"client_name"_s).toString(), u"Uno"_s);
    QVERIFY(changed.header("ETag") != etag);
}

void TestClientListing::changesSinceRevision()
{
    const QString edited = create(u"Edited"_s);
    const QString deleted = create(u"Deleted"_s);
    const QString kept = create(u"Kept"_s);
    const QJsonObject load = get(u"/clients?limit=5000"_s).object();
    const QString revision = load.value(u"revision"_s).toString();
    QVERIFY(!revision.isEmpty());

    const QJsonObject nothing = get(u"/clients?changed_since="_s + revision).object();
    QCOMPARE(nothing.value(u"items"_s).toArray().size(), 0);
    QCOMPARE(nothing.value(u"deleted"_s).toArray().size(), 0);
    QCOMPARE(nothing.value(u"total"_s).toInt(), 0);
    QCOMPARE(nothing.value(u"more"_s).toBool(), false);
    QCOMPARE(nothing.value(u"revision"_s).toString(), revision);

    const QString created = create(u"Created"_s);
    QCOMPARE(m_http.patchJson(api(u"/clients/"_s + edited), QJsonObject{{u"client_name"_s, u"Edited again"_s}}, m_token)
                 .status,
             200);
    QCOMPARE(m_http.del(api(u"/clients/"_s + deleted), m_token).status, 204);

    const HttpTestReply changes = get(u"/clients?changed_since="_s + revision);
    QCOMPARE(changes.status, 200);
    const QJsonObject body = changes.object();
    const QJsonArray items = body.value(u"items"_s).toArray();
    QCOMPARE(idsOf(items), (QStringList{created, edited})); // revision order
    QCOMPARE(items.at(1)[u"client_name"_s].toString(), u"Edited again"_s);
    QVERIFY(!items.at(0).toObject().contains(u"client_secret"_s));
    QCOMPARE(body.value(u"deleted"_s).toArray(), QJsonArray{deleted});
    QCOMPARE(body.value(u"total"_s).toInt(), 3);
    QCOMPARE(body.value(u"more"_s).toBool(), false);
    const QString next = body.value(u"revision"_s).toString();
    QVERIFY(next != revision);
    QVERIFY(!idsOf(items).contains(kept));

    const QJsonObject after = get(u"/clients?changed_since="_s + next).object();
    QCOMPARE(after.value(u"total"_s).toInt(), 0);
    QCOMPARE(after.value(u"revision"_s).toString(), next);
    // The full list agrees with the old load plus the changes.
    QCOMPARE(get(u"/clients?limit=5000"_s).object().value(u"revision"_s).toString(), next);
}

void TestClientListing::changesPageInRevisionOrder()
{
    const QString revision = get(u"/clients"_s).object().value(u"revision"_s).toString();
    QStringList made;
    for (int i = 0; i < 5; ++i) {
        made.append(create(u"Client %1"_s.arg(i)));
    }
    QCOMPARE(m_http.del(api(u"/clients/"_s + made.at(1)), m_token).status, 204);
    QStringList seenItems;
    QStringList seenDeleted;
    QString since = revision;
    int requests = 0;
    bool more = true;
    while (more && requests < 10) {
        const QJsonObject page = get(u"/clients?limit=2&changed_since="_s + since).object();
        ++requests;
        QVERIFY(page.value(u"items"_s).toArray().size() + page.value(u"deleted"_s).toArray().size() <= 2);
        seenItems += idsOf(page.value(u"items"_s).toArray());
        for (const QJsonValue& id : page.value(u"deleted"_s).toArray()) {
            seenDeleted.append(id.toString());
        }
        more = page.value(u"more"_s).toBool();
        since = page.value(u"revision"_s).toString();
    }
    QCOMPARE(requests, 3);
    QCOMPARE(seenItems, (QStringList{made.at(0), made.at(2), made.at(3), made.at(4)}));
    QCOMPARE(seenDeleted, QStringList{made.at(1)});
    QCOMPARE(get(u"/clients?limit=0&changed_since="_s + revision).object().value(u"revision"_s).toString(), revision);
}

void TestClientListing::changesRefused()
{
    const QString revision = get(u"/clients"_s).object().value(u"revision"_s).toString();
    const HttpTestReply malformed = get(u"/clients?changed_since=%3Cscript%3E"_s);
    QCOMPARE(malformed.status, 400);
    QCOMPARE(fieldsOf(malformed), QStringList{u"changed_since"_s});
    const HttpTestReply combined = get(u"/clients?sort=client_id&q=a&changed_since="_s + revision);
    QCOMPARE(combined.status, 400);
    const QStringList combinedFields = fieldsOf(combined);
    QCOMPARE(QSet<QString>(combinedFields.cbegin(), combinedFields.cend()), (QSet<QString>{u"sort"_s, u"q"_s}));
    QCOMPARE(get(u"/clients?changed_since=zzzz-1"_s).status, 410);
    const QString ahead = revision.section(u'-', 0, 0) + u"-999999"_s;
    QCOMPARE(get(u"/clients?changed_since="_s + ahead).status, 410);

    // A restart starts a new epoch: an old revision asks for a full load.
    QVERIFY(m_server->restart());
    m_token = adminToken(m_http, *m_server);
    const HttpTestReply gone = get(u"/clients?changed_since="_s + revision);
    QCOMPARE(gone.status, 410);
    QVERIFY(gone.header("Content-Type").startsWith("application/problem+json"));
    QVERIFY(!gone.object().value(u"detail"_s).toString().isEmpty());
}

APPINT_TEST_MAIN(TestClientListing)
#include "TestClientListing.moc"
