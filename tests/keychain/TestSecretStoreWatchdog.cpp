#include "TestMain.h"

#include "FaultInjectingSecretStore.h"
#include "keychain/SystemSecretStore.h"

#include <QPointer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace appint;
using appint::test::FaultInjectingSecretStore;
using Operation = FaultInjectingSecretStore::Operation;

namespace {
constexpr std::chrono::milliseconds ShortTimeout{50};

// Collects what a callback receives.
struct Answers
{
    QList<KeychainResult> results;
    SecretStore::Callback callback()
    {
        return [this](const KeychainResult& result) { results.append(result); };
    }
};
} // namespace

// The watchdog against a fake store that never answers (FaultInjectingSecretStore
// stalls): fault injection, the one place where a fake is the right tool.
class TestSecretStoreWatchdog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void stalledCallsTimeOut_data();
    void stalledCallsTimeOut();
    void lateAnswerIsDropped();
    void lateAnswerBeforeCleanupIsDropped();
    void answerWinsAndIsDeliveredOnce();
    void destroyedContextGetsNothing();
    void callbackMayDestroyItsContext();
    void defaultTimeoutIsFiveSeconds();

private:
    FaultInjectingSecretStore* m_fake = nullptr;
    std::unique_ptr<SecretStoreWatchdog> m_watchdog;
};

void TestSecretStoreWatchdog::init()
{
    m_fake = new FaultInjectingSecretStore;
    m_watchdog = std::make_unique<SecretStoreWatchdog>(m_fake, ShortTimeout);
}

void TestSecretStoreWatchdog::cleanup()
{
    m_watchdog.reset();
    m_fake = nullptr;
}

void TestSecretStoreWatchdog::stalledCallsTimeOut_data()
{
    QTest::addColumn<int>("operation");
    QTest::newRow("read") << int(Operation::Read);
    QTest::newRow("write") << int(Operation::Write);
    QTest::newRow("remove") << int(Operation::Remove);
}

void TestSecretStoreWatchdog::stalledCallsTimeOut()
{
    QFETCH(int, operation);
    m_fake->stall();
    QObject context;
    Answers answers;
    switch (Operation(operation)) {
    case Operation::Read:
        m_watchdog->read(u"outbound:a"_s, &context, answers.callback());
        break;
    case Operation::Write:
        m_watchdog->write(u"outbound:a"_s, u"s3cret"_s, &context, answers.callback());
        break;
    case Operation::Remove:
        m_watchdog->remove(u"outbound:a"_s, &context, answers.callback());
        break;
    }
    QCOMPARE(m_fake->callCount(Operation(operation)), 1);
    QCOMPARE(m_fake->stalledCount(), 1);
    QVERIFY(answers.results.isEmpty()); // never from inside the call
    QTRY_COMPARE(answers.results.size(), 1);
    const KeychainResult& result = answers.results.first();
    QCOMPARE(result.status, KeychainStatus::Timeout);
    QCOMPARE(result.message,
             u"The system keychain did not answer within 1 second. If it is asking for a password, unlock it and "
             "try again."_s);
    QVERIFY(result.secret.isEmpty());
}

void TestSecretStoreWatchdog::lateAnswerIsDropped()
{
    m_fake->stall();
    QObject context;
    Answers answers;
    m_watchdog->read(u"outbound:a"_s, &context, answers.callback());
    QTRY_COMPARE(answers.results.size(), 1);
    QCOMPARE(answers.results.first().status, KeychainStatus::Timeout);
    // The guard the inner call was bound to is gone: the store's answer finds
    // no one to deliver to.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCOMPARE(m_fake->releaseStalled(KeychainResult::success(u"late"_s)), 0);
    QCOMPARE(answers.results.size(), 1);
}

void TestSecretStoreWatchdog::lateAnswerBeforeCleanupIsDropped()
{
    m_fake->stall();
    QObject context;
    QList<KeychainStatus> statuses;
    int released = -1;
    m_watchdog->read(u"outbound:a"_s, &context, [&](const KeychainResult& result) {
        statuses.append(result.status);
        // The inner store answers right after the timeout, while the guard it
        // was bound to still exists: the answer reaches it and is dropped.
        if (released < 0) {
            released = m_fake->releaseStalled(KeychainResult::success(u"late"_s));
        }
    });
    QTRY_COMPARE(statuses.size(), 1);
    QCOMPARE(released, 1);
    QCOMPARE(statuses, QList<KeychainStatus>{KeychainStatus::Timeout});
}

void TestSecretStoreWatchdog::answerWinsAndIsDeliveredOnce()
{
    m_fake->fail(KeychainStatus::Locked, u"Cannot create an item in a locked collection"_s, Operation::Read);
    m_fake->stall(Operation::Write);
    QObject context;
    Answers answered;
    Answers stalled;
    m_watchdog->read(u"outbound:a"_s, &context, answered.callback());
    m_watchdog->write(u"outbound:b"_s, u"x"_s, &context, stalled.callback());
    QTRY_COMPARE(answered.results.size(), 1);
    QCOMPARE(answered.results.first().status, KeychainStatus::Locked);
    // The stalled write was watched from the same moment with the same time:
    // once it has timed out, the read's deadline has passed as well.
    QTRY_COMPARE(stalled.results.size(), 1);
    QCOMPARE(stalled.results.first().status, KeychainStatus::Timeout);
    QCOMPARE(answered.results.size(), 1);
}

void TestSecretStoreWatchdog::destroyedContextGetsNothing()
{
    m_fake->stall(Operation::Read);
    m_fake->stall(Operation::Write);
    Answers gone;
    Answers witness;
    QObject survivor;
    {
        QObject context;
        m_watchdog->read(u"outbound:a"_s, &context, gone.callback());
    }
    m_watchdog->write(u"outbound:b"_s, u"x"_s, &survivor, witness.callback());
    QTRY_COMPARE(witness.results.size(), 1);
    QCOMPARE(gone.results.size(), 0);
    QCOMPARE(m_fake->releaseStalled(KeychainResult::success()), 0);
    QCOMPARE(gone.results.size(), 0);
}

void TestSecretStoreWatchdog::callbackMayDestroyItsContext()
{
    m_fake->fail(KeychainStatus::NoService, u"The name org.freedesktop.secrets was not provided"_s, Operation::Read);
    m_fake->stall(Operation::Write);
    auto* context = new QObject;
    QPointer<QObject> watched(context);
    QList<KeychainStatus> statuses;
    m_watchdog->read(u"outbound:a"_s, context, [&statuses, context](const KeychainResult& result) {
        statuses.append(result.status);
        delete context; // e.g. a dialog that closes itself
    });
    QObject survivor;
    Answers witness;
    m_watchdog->write(u"outbound:b"_s, u"x"_s, &survivor, witness.callback());
    QTRY_COMPARE(witness.results.size(), 1);
    QVERIFY(watched.isNull());
    QCOMPARE(statuses, QList<KeychainStatus>{KeychainStatus::NoService});
}

void TestSecretStoreWatchdog::defaultTimeoutIsFiveSeconds()
{
    QCOMPARE(SecretStoreWatchdog::DefaultTimeout, std::chrono::milliseconds(5000));
    QObject owner;
    auto* store = qobject_cast<SecretStoreWatchdog*>(createSystemSecretStore(&owner));
    QVERIFY(store);
    QCOMPARE(store->timeout(), std::chrono::milliseconds(5000));
    QCOMPARE(store->parent(), &owner);
    QVERIFY(store->inner());
}

APPINT_TEST_MAIN(TestSecretStoreWatchdog)
#include "TestSecretStoreWatchdog.moc"
