#include "FaultInjectingSecretStore.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {
const QList<FaultInjectingSecretStore::Operation> AllOperations{FaultInjectingSecretStore::Operation::Read,
                                                                FaultInjectingSecretStore::Operation::Write,
                                                                FaultInjectingSecretStore::Operation::Remove};
}

FaultInjectingSecretStore::FaultInjectingSecretStore(SecretStore* inner, QObject* parent)
    : SecretStore(parent)
    , m_inner(inner)
{
}

FaultInjectingSecretStore::~FaultInjectingSecretStore() = default;

void FaultInjectingSecretStore::setPlan(std::optional<Operation> operation, const Plan& plan)
{
    for (Operation each : AllOperations) {
        if (!operation || *operation == each) {
            m_plans.insert(each, plan);
        }
    }
}

void FaultInjectingSecretStore::passThrough(std::optional<Operation> operation)
{
    setPlan(operation, Plan{Behaviour::PassThrough, KeychainStatus::Other, QString()});
}

void FaultInjectingSecretStore::fail(KeychainStatus status, const QString& detail, std::optional<Operation> operation)
{
    setPlan(operation, Plan{Behaviour::Fail, status, detail});
}

void FaultInjectingSecretStore::stall(std::optional<Operation> operation)
{
    setPlan(operation, Plan{Behaviour::Stall, KeychainStatus::Other, QString()});
}

int FaultInjectingSecretStore::releaseStalled(const KeychainResult& result)
{
    const QList<Stalled> stalled = std::exchange(m_stalled, {});
    int answered = 0;
    for (const Stalled& call : stalled) {
        if (call.context) {
            call.callback(result);
            ++answered;
        }
    }
    return answered;
}

int FaultInjectingSecretStore::stalledCount() const
{
    return int(m_stalled.size());
}

int FaultInjectingSecretStore::callCount(Operation operation) const
{
    return int(m_keys.value(operation).size());
}

QStringList FaultInjectingSecretStore::keys(Operation operation) const
{
    return m_keys.value(operation);
}

bool FaultInjectingSecretStore::intercept(Operation operation, const QString& key, QObject* context,
                                          const Callback& callback)
{
    Q_ASSERT(context);
    m_keys[operation].append(key);
    const Plan plan = m_plans.value(operation);
    switch (plan.behaviour) {
    case Behaviour::PassThrough:
        if (m_inner) {
            return false;
        }
        QTimer::singleShot(0, context, [callback] {
            callback(KeychainResult::failure(KeychainStatus::Other, u"FaultInjectingSecretStore: no inner store"_s));
        });
        return true;
    case Behaviour::Fail:
        QTimer::singleShot(0, context,
                           [callback, plan] { callback(KeychainResult::failure(plan.status, plan.detail)); });
        return true;
    case Behaviour::Stall:
        m_stalled.append(Stalled{context, callback});
        return true;
    }
    return false;
}

void FaultInjectingSecretStore::read(const QString& key, QObject* context, Callback callback)
{
    if (!intercept(Operation::Read, key, context, callback)) {
        m_inner->read(key, context, std::move(callback));
    }
}

void FaultInjectingSecretStore::write(const QString& key, const QString& secret, QObject* context, Callback callback)
{
    if (!intercept(Operation::Write, key, context, callback)) {
        m_inner->write(key, secret, context, std::move(callback));
    }
}

void FaultInjectingSecretStore::remove(const QString& key, QObject* context, Callback callback)
{
    if (!intercept(Operation::Remove, key, context, callback)) {
        m_inner->remove(key, context, std::move(callback));
    }
}

} // namespace appint::test
