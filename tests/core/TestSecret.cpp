#include "TestMain.h"

#include "core/Secret.h"

using namespace Qt::StringLiterals;
using namespace appint;

class TestSecret : public QObject
{
    Q_OBJECT

private slots:
    void holdsAndCompares();
    void copiesShareOneBuffer();
    void fromUtf8WipesTheSource();
    void wipeHelpers();
};

void TestSecret::holdsAndCompares()
{
    const Secret empty;
    QVERIFY(empty.isEmpty());
    QCOMPARE(empty.size(), 0);
    const Secret secret(u"pä55"_s);
    QVERIFY(!secret.isEmpty());
    QCOMPARE(secret.toString(), u"pä55"_s);
    QCOMPARE(secret.utf8(),
             QByteArray("p\xc3\xa4"
                        "55"));
    QVERIFY(secret == Secret(u"pä55"_s));
    QVERIFY(!(secret == Secret(u"pä56"_s)));
    QVERIFY(!(secret == empty));
    QVERIFY(Secret(QString()) == empty);
}

void TestSecret::copiesShareOneBuffer()
{
    Secret original(u"top-secret"_s);
    Secret copy = original;
    QCOMPARE(copy.toString(), u"top-secret"_s);
    copy.wipe();
    QVERIFY(copy.isEmpty());
    // wipe() zeroed the shared buffer: the other copy holds nothing readable.
    QVERIFY(original.isEmpty());
    QCOMPARE(original.toString(), QString());
}

void TestSecret::fromUtf8WipesTheSource()
{
    QByteArray bytes("s3cr3t");
    const Secret secret = Secret::fromUtf8(bytes);
    QVERIFY(bytes.isEmpty());
    QCOMPARE(secret.toString(), u"s3cr3t"_s);
}

void TestSecret::wipeHelpers()
{
    QByteArray bytes("abc");
    bytes.detach();
    QByteArray shared = bytes; // another owner of the same data
    wipeBytes(bytes);
    QVERIFY(bytes.isEmpty());
    QCOMPARE(shared, QByteArray("abc")); // not touched: it was shared

    QString text(u"secret"_s);
    text.detach();
    wipeString(text);
    QVERIFY(text.isEmpty());
}

APPINT_TEST_MAIN(TestSecret)
#include "TestSecret.moc"
