#include "TestMain.h"

#include "core/AuditRecord.h"

using namespace Qt::StringLiterals;
using namespace appint;

class TestAuditRecord : public QObject
{
    Q_OBJECT

private slots:
    void csv_data();
    void csv();
    void json();
};

void TestAuditRecord::csv_data()
{
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QByteArray>("row");
    QTest::newRow("plain") << u"name"_s << QByteArray("2025-11-24T16:00:00Z,admin,client.update,c1,name\r\n");
    QTest::newRow("comma") << u"a,b"_s << QByteArray("2025-11-24T16:00:00Z,admin,client.update,c1,\"a,b\"\r\n");
    QTest::newRow("quote") << u"say \"hi\""_s
                           << QByteArray("2025-11-24T16:00:00Z,admin,client.update,c1,\"say \"\"hi\"\"\"\r\n");
    QTest::newRow("newline") << u"a\nb"_s << QByteArray("2025-11-24T16:00:00Z,admin,client.update,c1,\"a\nb\"\r\n");
    QTest::newRow("formula") << u"=HYPERLINK(1)"_s
                             << QByteArray("2025-11-24T16:00:00Z,admin,client.update,c1,'=HYPERLINK(1)\r\n");
}

void TestAuditRecord::csv()
{
    QFETCH(QString, detail);
    QFETCH(QByteArray, row);
    const AuditRecord record{1'764'000'000, u"admin"_s, u"client.update"_s, u"c1"_s, detail};
    QCOMPARE(record.toCsvRow(), row);
    QCOMPARE(AuditRecord::csvHeader(), QByteArray("time,actor,action,target,detail\r\n"));
}

void TestAuditRecord::json()
{
    const AuditRecord record{1'764'000'000, u"admin"_s, u"client.create"_s, u"c1"_s, u"created"_s};
    QCOMPARE(AuditRecord::fromJson(record.toJson()), record);
    QCOMPARE(record.toJson().keys(), (QStringList{u"action"_s, u"actor"_s, u"detail"_s, u"target"_s, u"time"_s}));
}

APPINT_TEST_MAIN(TestAuditRecord)
#include "TestAuditRecord.moc"
