#pragma once

#include "keychain/SecretStore.h"

#include <QHash>
#include <QList>
#include <QPointer>

#include <optional>

namespace appint::test {

// FAKE, FOR FAULT INJECTION ONLY. The happy path of every test runs against
// the real Secret Service (style.md, "Tests"); this store exists to produce
// what a real keychain does only now and then: a call that never answers, an
// answer that comes when the test says so, a locked or missing keychain.
//
// Each operation (read, write, remove) has a behaviour:
//   PassThrough  hand the call to the inner store (the real one). Without an
//                inner store the call answers Other, "no inner store".
//   Fail         answer at once (asynchronously) with the configured status
//                and detail, e.g. Locked or NoService.
//   Stall        never answer on its own: the call is held until the test
//                calls releaseStalled() (or for ever).
// Calls are counted and their keys recorded; secrets are not kept.
class FaultInjectingSecretStore : public SecretStore
{
    Q_OBJECT

public:
    enum class Operation { Read, Write, Remove };
    enum class Behaviour { PassThrough, Fail, Stall };

    // Does not take ownership of `inner`.
    explicit FaultInjectingSecretStore(SecretStore* inner = nullptr, QObject* parent = nullptr);
    ~FaultInjectingSecretStore() override;

    // For one operation, or all three when `operation` is not given.
    void passThrough(std::optional<Operation> operation = std::nullopt);
    void fail(KeychainStatus status, const QString& detail = QString(),
              std::optional<Operation> operation = std::nullopt);
    void stall(std::optional<Operation> operation = std::nullopt);

    // Answers every stalled call whose context is still alive with `result`;
    // returns how many were answered.
    int releaseStalled(const KeychainResult& result);
    int stalledCount() const;

    int callCount(Operation operation) const;
    QStringList keys(Operation operation) const;

    void read(const QString& key, QObject* context, Callback callback) override;
    void write(const QString& key, const QString& secret, QObject* context, Callback callback) override;
    void remove(const QString& key, QObject* context, Callback callback) override;

private:
    struct Plan
    {
        Behaviour behaviour = Behaviour::PassThrough;
        KeychainStatus status = KeychainStatus::Other;
        QString detail;
    };
    struct Stalled
    {
        QPointer<QObject> context;
        Callback callback;
    };

    // True when the call was handled here (failed or stalled).
    bool intercept(Operation operation, const QString& key, QObject* context, const Callback& callback);
    void setPlan(std::optional<Operation> operation, const Plan& plan);

    QPointer<SecretStore> m_inner;
    QHash<Operation, Plan> m_plans;
    QHash<Operation, QStringList> m_keys;
    QList<Stalled> m_stalled;
};

} // namespace appint::test
