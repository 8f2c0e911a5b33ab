// The server's building blocks on their own: crypto helpers, the secret
// cipher, the ES256 key and JWTs, form decoding, routing and the store's
// transactions.

#include "TestMain.h"

#include "server/crypto/Crypto.h"
#include "server/crypto/SecretCipher.h"
#include "server/http/FormData.h"
#include "server/http/Router.h"
#include "server/oauth/Jwt.h"
#include "server/oauth/SigningKey.h"
#include "server/storage/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace appint;

class TestServerUnits : public QObject
{
    Q_OBJECT

private slots:
    void base64Url_data();
    void base64Url();
    void hmacAndComparison();
    void randomTokens();
    void secretCipher();
    void signingKey();
    void jwtRejects_data();
    void jwtRejects();
    void formData();
    void router();
    void problemListsAtMostFiftyErrors();
    void storeTransactionsAreAllOrNothing();
};

void TestServerUnits::base64Url_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("plain") << QByteArray("aGVsbG8") << true;
    QTest::newRow("url alphabet") << QByteArray("-_-_") << true;
    QTest::newRow("padding") << QByteArray("aGVsbG8=") << false;
    QTest::newRow("standard alphabet") << QByteArray("+/+/") << false;
    QTest::newRow("space") << QByteArray("aGVs bG8") << false;
    QTest::newRow("impossible length") << QByteArray("aGVsb") << false;
    QTest::newRow("stray bits") << QByteArray("aGVsbG9") << false; // not what "hello" encodes to
}

void TestServerUnits::base64Url()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    const auto decoded = Crypto::fromBase64Url(text);
    QCOMPARE(decoded.has_value(), valid);
    if (valid) {
        QCOMPARE(Crypto::toBase64Url(*decoded), text);
    }
}

void TestServerUnits::hmacAndComparison()
{
    // RFC 4231, test case 2.
    QCOMPARE(Crypto::hmacSha256("Jefe", "what do ya want for nothing?").toHex(),
             QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
    QCOMPARE(Crypto::sha256("abc").toHex(),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QVERIFY(Crypto::constantTimeEquals("same", "same"));
    QVERIFY(!Crypto::constantTimeEquals("same", "sane"));
    QVERIFY(!Crypto::constantTimeEquals("same", "same!"));
    QVERIFY(Crypto::constantTimeEquals({}, {}));
}

void TestServerUnits::randomTokens()
{
    QSet<QString> seen;
    for (int i = 0; i < 1000; ++i) {
        const QString token = Crypto::randomToken(32);
        QCOMPARE(token.size(), 43);
        QCOMPARE(Crypto::fromBase64Url(token.toLatin1())->size(), 32);
        seen.insert(token);
    }
    QCOMPARE(seen.size(), 1000);
}

void TestServerUnits::secretCipher()
{
    const SecretCipher cipher(Crypto::randomBytes(32));
    const QByteArray sealed = cipher.seal("the secret", "client-1");
    QVERIFY(!sealed.contains("the secret"));
    QCOMPARE(sealed.size(), 12 + 10 + 16);
    QCOMPARE(cipher.open(sealed, "client-1").value_or(QByteArray()), QByteArray("the secret"));
    QVERIFY(cipher.seal("the secret", "client-1") != sealed); // a fresh nonce each time
    QVERIFY(!cipher.open(sealed, "client-2")); // bound to its client
    QByteArray tampered = sealed;
    tampered[14] = char(tampered[14] ^ 1);
    QVERIFY(!cipher.open(tampered, "client-1"));
    QVERIFY(!cipher.open(sealed.left(20), "client-1"));
    QVERIFY(!SecretCipher(Crypto::randomBytes(32)).open(sealed, "client-1")); // another key
    QCOMPARE(cipher.open(cipher.seal({}, "x"), "x").value_or("nope"), QByteArray());
}

void TestServerUnits::signingKey()
{
    const auto key = SigningKey::generate();
    QVERIFY(key);
    const QJsonObject jwk = key->publicJwk();
    QCOMPARE(jwk[u"kty"_s].toString(), u"EC"_s);
    QCOMPARE(jwk[u"crv"_s].toString(), u"P-256"_s);
    QCOMPARE(Crypto::fromBase64Url(jwk[u"x"_s].toString().toLatin1())->size(), 32);
    QCOMPARE(jwk[u"kid"_s].toString(), key->keyId());
    const QByteArray signature = key->sign("payload");
    QCOMPARE(signature.size(), 64);
    QVERIFY(key->verify("payload", signature));
    QVERIFY(!key->verify("payloaD", signature));
    QVERIFY(!key->verify("payload", signature.left(63)));

    QString error;
    const auto reloaded = SigningKey::fromPem(key->toPem(), &error);
    QVERIFY2(reloaded, qPrintable(error));
    QCOMPARE(reloaded->keyId(), key->keyId());
    QVERIFY(reloaded->verify("payload", signature));
    QVERIFY(!SigningKey::generate()->verify("payload", signature));
    QVERIFY(!SigningKey::fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", &error));
    QVERIFY(!error.isEmpty());
}

void TestServerUnits::jwtRejects_data()
{
    QTest::addColumn<QByteArray>("token");
    const auto b64 = [](const QByteArray& json) { return Crypto::toBase64Url(json); };
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("two parts") << QByteArray("a.b");
    QTest::newRow("four parts") << QByteArray("a.b.c.d");
    QTest::newRow("alg none") << b64(R"({"alg":"none"})") + '.' + b64("{}") + '.';
    QTest::newRow("alg HS256") << b64(R"({"alg":"HS256","kid":"KID"})") + '.' + b64("{}") + '.' + b64("x");
    QTest::newRow("not json") << b64("nope") + '.' + b64("{}") + '.' + b64("x");
    QTest::newRow("too long") << QByteArray(Jwt::MaximumLength + 1, 'a');
    QTest::newRow("bad base64") << QByteArray("***.***.***");
}

void TestServerUnits::jwtRejects()
{
    QFETCH(QByteArray, token);
    const auto key = SigningKey::generate();
    token.replace("KID", key->keyId().toLatin1());
    QVERIFY(!Jwt::verify(token, *key));

    // The good case, and what breaks it.
    const QByteArray good = Jwt::sign(Jwt::encodedHeader(*key), QJsonObject{{u"sub"_s, u"me"_s}}, *key);
    QCOMPARE(Jwt::verify(good, *key).value_or(QJsonObject())[u"sub"_s].toString(), u"me"_s);
    QVERIFY(!Jwt::verify(good, *SigningKey::generate()));
    const QList<QByteArray> parts = good.split('.');
    const QByteArray crit = Crypto::toBase64Url(
        QJsonDocument(QJsonObject{{u"alg"_s, u"ES256"_s}, {u"kid"_s, key->keyId()}, {u"crit"_s, QJsonArray{u"x"_s}}})
            .toJson(QJsonDocument::Compact));
    const QByteArray critToken
        = crit + '.' + parts.at(1) + '.' + Crypto::toBase64Url(key->sign(QByteArray(crit + '.' + parts.at(1))));
    QVERIFY(!Jwt::verify(critToken, *key));
}

void TestServerUnits::formData()
{
    const auto form = FormData::parse("a=1+2&b=%2B%26%3D&c=&d&e=%C3%A9&a=3");
    QVERIFY(form);
    QCOMPARE(form->value(u"a"_s).value_or(QString()), u"1 2"_s);
    QCOMPARE(form->values(u"a"_s), (QStringList{u"1 2"_s, u"3"_s}));
    QCOMPARE(form->value(u"b"_s).value_or(QString()), u"+&="_s);
    QVERIFY(!form->contains(u"c"_s)); // no value: absent (RFC 6749 §3.1)
    QVERIFY(!form->contains(u"d"_s));
    QCOMPARE(form->value(u"e"_s).value_or(QString()), u"é"_s);
    QCOMPARE(form->names(), (QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s}));
    QCOMPARE(form->repeatedNames(), QStringList{u"a"_s});
    QCOMPARE(form->repeatedNames({u"a"_s}), QStringList());
    QVERIFY(!FormData::parse("a=%"));
    QVERIFY(!FormData::parse("a=%4"));
    QVERIFY(!FormData::parse("a=%G0"));
    QVERIFY(!FormData::parse("a=%FF"));
    QVERIFY(FormData::parse(""));
    QCOMPARE(FormData::decodeComponent("a%3Ab%20c+d").value_or(QString()), u"a:b c d"_s);
}

void TestServerUnits::router()
{
    Router router;
    const auto echo = [](const QString& tag) {
        return [tag](const HttpRequest&, const QStringList& args) {
            return HttpResponse::json(QJsonObject{{u"tag"_s, tag}, {u"args"_s, QJsonArray::fromStringList(args)}});
        };
    };
    using M = QHttpServerRequest::Method;
    router.add(u"/items/{id}"_s, M::Get, Router::Family::Management, echo(u"get"_s));
    router.add(u"/items/{id}"_s, M::Delete, Router::Family::Management, echo(u"delete"_s));
    router.add(u"/items/{id}/secret"_s, M::Get, Router::Family::Management, echo(u"secret"_s));
    router.add(u"/token"_s, M::Post, Router::Family::OAuth, echo(u"token"_s));

    const auto request = [](M method, const QStringList& segments, QByteArray body = {}) {
        HttpRequest r;
        r.method = method;
        r.segments = segments;
        r.path = u"/"_s + segments.join(u'/');
        r.body = std::move(body);
        return r;
    };
    HttpResponse response = router.handle(request(M::Get, {u"items"_s, u"a/b"_s}));
    QCOMPARE(response.status, 200);
    QCOMPARE(QJsonDocument::fromJson(response.body)[u"args"_s].toArray(), QJsonArray{u"a/b"_s});
    QCOMPARE(QJsonDocument::fromJson(router.handle(request(M::Get, {u"items"_s, u"x"_s, u"secret"_s})).body)[u"tag"_s],
             QJsonValue(u"secret"_s));
    response = router.handle(request(M::Patch, {u"items"_s, u"x"_s}));
    QCOMPARE(response.status, 405);
    QCOMPARE(response.header("Allow"), "GET, DELETE");
    QCOMPARE(router.handle(request(M::Get, {u"items"_s, u""_s})).status, 404); // empty id
    QCOMPARE(router.handle(request(M::Get, {u"items"_s})).status, 404);
    QCOMPARE(router.handle(request(M::Get, {u"items"_s, u"x"_s, u"other"_s})).status, 404);
    HttpRequest invalid = request(M::Get, {u"items"_s, u"x"_s});
    invalid.pathValid = false;
    QCOMPARE(router.handle(invalid).status, 404);

    response = router.handle(request(M::Get, {u"token"_s}));
    QCOMPARE(response.status, 405);
    QCOMPARE(QJsonDocument::fromJson(response.body)[u"error"_s].toString(), u"invalid_request"_s);
    response = router.handle(request(M::Post, {u"token"_s}, QByteArray(Router::MaximumBodySize + 1, 'x')));
    QCOMPARE(response.status, 413);
    QCOMPARE(router.handle(request(M::Post, {u"token"_s}, QByteArray(Router::MaximumBodySize, 'x'))).status, 200);

    QCOMPARE(router.routes().size(), 3);
    QCOMPARE(router.routes().at(0).methods, (QStringList{u"GET"_s, u"DELETE"_s}));
}

void TestServerUnits::problemListsAtMostFiftyErrors()
{
    FieldErrors errors;
    for (int i = 0; i < 120; ++i) {
        errors.append({u"field%1"_s.arg(i), u"bad"_s});
    }
    const QJsonObject problem = QJsonDocument::fromJson(HttpResponse::problem(400, u"Bad."_s, errors).body).object();
    QCOMPARE(problem[u"errors"_s].toArray().size(), 50);
    QVERIFY(problem[u"detail"_s].toString().contains(u"70"_s));
}

void TestServerUnits::storeTransactionsAreAllOrNothing()
{
    QTemporaryDir dir;
    QString error;
    auto store = Store::open(dir.filePath(u"t.db"_s), &error);
    QVERIFY2(store, qPrintable(error));
    QVERIFY(store->isNew());
    QCOMPARE(store->schemaVersionOnOpen(), 0);
    // The second insert fails (same id): the first is rolled back with it.
    const bool written = store->write(
        [](Store::Writer& w) {
            return w.insertSpace({u"ONE"_s, u"One"_s}) && w.insertSpace({u"ONE"_s, u"Again"_s});
        },
        &error);
    QVERIFY(!written);
    QVERIFY(!error.isEmpty());
    QVERIFY(store->load(&error)->spaces.isEmpty());
    // A body that gives up rolls back too.
    QVERIFY(!store->write([](Store::Writer& w) { return w.insertSpace({u"TWO"_s, u"Two"_s}) && false; }, &error));
    QVERIFY(store->load(&error)->spaces.isEmpty());
    // Updating a client that is not there is an error, not a silent no-op.
    StoredClient ghost;
    ghost.client.clientId = u"cl-ghost"_s;
    ghost.secretHash = QByteArray(32, 'h');
    QVERIFY(!store->write([&](Store::Writer& w) { return w.updateClient(ghost); }, &error));
    QVERIFY(store->write([](Store::Writer& w) { return w.insertSpace({u"THREE"_s, u"Three"_s}); }, &error));
    store->releaseThreadConnection();
    store.reset();

    auto reopened = Store::open(dir.filePath(u"t.db"_s), &error);
    QVERIFY(reopened);
    QVERIFY(!reopened->isNew());
    QCOMPARE(reopened->schemaVersionOnOpen(), Store::SchemaVersion);
    QCOMPARE(reopened->load(&error)->spaces, (Spaces{{u"THREE"_s, u"Three"_s}}));
    reopened->releaseThreadConnection();
}

APPINT_TEST_MAIN(TestServerUnits)
#include "TestServerUnits.moc"
