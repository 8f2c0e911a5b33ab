#include "keychain/QtKeychainSecretStore.h"

#include "keychain/KeychainLog.h"

#include <QPointer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

// What a probe entry holds. Nothing of value: a probe exists for a few
// milliseconds, only to find out whether the keychain accepts a write.
const QString ProbeSecret = u"appint keychain lock probe"_s;

struct JobOutcome
{
    QKeychain::Error error = QKeychain::NoError;
    QString detail;
    QString text; // read only
};

// One read, write or remove, possibly several jobs long (the lock probe). The
// jobs report to this object, not to the caller's context, so that a probe
// started on behalf of a caller who has gone away still cleans up after
// itself; only the delivery checks the context.
class Operation : public QObject
{
public:
    Operation(const char* name, const QString& service, const QString& key, QObject* context,
              SecretStore::Callback callback)
        : m_name(name)
        , m_service(service)
        , m_key(key)
        , m_context(context)
        , m_callback(std::move(callback))
    {
        Q_ASSERT(context);
    }

    QString service() const { return m_service; }
    QString key() const { return m_key; }

    void finish(const KeychainResult& result)
    {
        qCDebug(lcKeychain).noquote() << m_name << m_key << "->" << keychainStatusId(result.status);
        if (m_context) {
            m_callback(result);
        }
        deleteLater();
    }

    // For results known before any job runs: still delivered asynchronously.
    void finishLater(const KeychainResult& result)
    {
        QTimer::singleShot(0, this, [this, result] { finish(result); });
    }

private:
    const char* m_name;
    QString m_service;
    QString m_key;
    QPointer<QObject> m_context;
    SecretStore::Callback m_callback;
};

template <typename JobType>
JobType* makeJob(const QString& service, const QString& key)
{
    auto* job = new JobType(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never plain text (environment.md: KWallet would write it)
    job->setKey(key);
    return job;
}

void run(QKeychain::Job* job, Operation* operation, std::function<void(const JobOutcome&)> next)
{
    QObject::connect(job, &QKeychain::Job::finished, operation, [next = std::move(next)](QKeychain::Job* finished) {
        JobOutcome outcome{finished->error(), finished->errorString(), QString()};
        if (auto* readJob = qobject_cast<QKeychain::ReadPasswordJob*>(finished)) {
            outcome.text = readJob->textData();
        }
        next(outcome);
    });
    job->start();
}

// Writes and deletes a probe entry, then tells `then` whether the keychain
// refused the write because it is locked.
void probeLock(Operation* operation, std::function<void(bool locked)> then)
{
    const QString probeKey = KeychainKeys::probe();
    auto* writeJob = makeJob<QKeychain::WritePasswordJob>(operation->service(), probeKey);
    writeJob->setTextData(ProbeSecret);
    run(writeJob, operation, [operation, probeKey, then = std::move(then)](const JobOutcome& written) {
        const KeychainResult result = QtKeychainSecretStore::resultFor(written.error, written.detail);
        if (!result.ok()) {
            qCDebug(lcKeychain).noquote() << "lock probe write ->" << keychainStatusId(result.status) << written.detail;
            then(result.status == KeychainStatus::Locked);
            return;
        }
        auto* deleteJob = makeJob<QKeychain::DeletePasswordJob>(operation->service(), probeKey);
        run(deleteJob, operation, [then](const JobOutcome& deleted) {
            if (deleted.error != QKeychain::NoError) {
                qCWarning(lcKeychain).noquote() << "could not delete the lock probe entry:" << deleted.detail;
            }
            then(false);
        });
    });
}

bool mentionsLock(const QString& detail)
{
    return detail.contains(u"locked"_s, Qt::CaseInsensitive);
}

// The words D-Bus, libsecret and QtKeychain use when there is no keychain
// service to talk to (all measured, docs/keychain.md).
bool mentionsNoService(const QString& detail)
{
    static const QStringList markers{
        u"org.freedesktop.secrets"_s, // "The name org.freedesktop.secrets was not provided by any .service files"
        u"ServiceUnknown"_s, // KWallet: "Could not open wallet: ...ServiceUnknown..."
        u"autolaunch"_s, // "Cannot autolaunch D-Bus without X11 $DISPLAY"
        u"Could not connect"_s, // no session bus at DBUS_SESSION_BUS_ADDRESS
        u"D-Bus is not running"_s, // QtKeychain, KWallet path
        u"No keychain service"_s, // QtKeychain, KWallet path
        u"/org/freedesktop/secrets/collection/"_s, // no default collection and none could be created
    };
    for (const QString& marker : markers) {
        if (detail.contains(marker, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

} // namespace

QtKeychainSecretStore::QtKeychainSecretStore(const QString& service, QObject* parent)
    : SecretStore(parent)
    , m_service(service)
{
}

QtKeychainSecretStore::~QtKeychainSecretStore() = default;

KeychainResult QtKeychainSecretStore::resultFor(QKeychain::Error error, const QString& detail)
{
    switch (error) {
    case QKeychain::NoError:
        return KeychainResult::success();
    case QKeychain::EntryNotFound:
        return KeychainResult::failure(KeychainStatus::NotFound, detail);
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        // libsecret maps SECRET_ERROR_IS_LOCKED to AccessDenied ("Cannot create
        // an item in a locked collection").
        return KeychainResult::failure(mentionsLock(detail) ? KeychainStatus::Locked : KeychainStatus::AccessDenied,
                                       detail);
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return KeychainResult::failure(KeychainStatus::NoService, detail);
    case QKeychain::CouldNotDeleteEntry:
        return KeychainResult::failure(KeychainStatus::Other, detail);
    case QKeychain::OtherError:
        if (mentionsNoService(detail)) {
            return KeychainResult::failure(KeychainStatus::NoService, detail);
        }
        if (mentionsLock(detail)) {
            return KeychainResult::failure(KeychainStatus::Locked, detail);
        }
        return KeychainResult::failure(KeychainStatus::Other, detail);
    }
    return KeychainResult::failure(KeychainStatus::Other, detail);
}

void QtKeychainSecretStore::read(const QString& key, QObject* context, Callback callback)
{
    auto* operation = new Operation("read", m_service, key, context, std::move(callback));
    if (key.isEmpty()) {
        operation->finishLater(KeychainResult::failure(KeychainStatus::Other, tr("the entry has no name")));
        return;
    }
    auto* job = makeJob<QKeychain::ReadPasswordJob>(m_service, key);
    run(job, operation, [operation](const JobOutcome& outcome) {
        if (outcome.error == QKeychain::NoError) {
            operation->finish(KeychainResult::success(outcome.text));
            return;
        }
        KeychainResult result = resultFor(outcome.error, outcome.detail);
        if (result.status != KeychainStatus::NotFound) {
            operation->finish(result);
            return;
        }
        // A locked collection hides its items: "Entry not found" may mean "locked".
        probeLock(operation, [operation, result](bool locked) {
            operation->finish(locked ? KeychainResult::failure(KeychainStatus::Locked) : result);
        });
    });
}

void QtKeychainSecretStore::write(const QString& key, const QString& secret, QObject* context, Callback callback)
{
    auto* operation = new Operation("write", m_service, key, context, std::move(callback));
    if (key.isEmpty()) {
        operation->finishLater(KeychainResult::failure(KeychainStatus::Other, tr("the entry has no name")));
        return;
    }
    if (secret.isEmpty()) {
        operation->finishLater(KeychainResult::failure(KeychainStatus::Other, tr("an empty secret cannot be saved")));
        return;
    }
    if (secret.contains(QChar(0))) {
        // libsecret takes C strings: everything after a NUL would be lost.
        operation->finishLater(
            KeychainResult::failure(KeychainStatus::Other, tr("the secret contains a NUL character")));
        return;
    }
    auto* job = makeJob<QKeychain::WritePasswordJob>(m_service, key);
    job->setTextData(secret);
    run(job, operation, [operation](const JobOutcome& outcome) {
        KeychainResult result = resultFor(outcome.error, outcome.detail);
        if (result.status == KeychainStatus::NotFound) {
            result = KeychainResult::failure(KeychainStatus::Other, outcome.detail);
        }
        operation->finish(result);
    });
}

void QtKeychainSecretStore::remove(const QString& key, QObject* context, Callback callback)
{
    auto* operation = new Operation("remove", m_service, key, context, std::move(callback));
    if (key.isEmpty()) {
        operation->finishLater(KeychainResult::failure(KeychainStatus::Other, tr("the entry has no name")));
        return;
    }
    auto* job = makeJob<QKeychain::DeletePasswordJob>(m_service, key);
    run(job, operation, [operation](const JobOutcome& outcome) {
        const KeychainResult result = resultFor(outcome.error, outcome.detail);
        if (!result.ok() && result.status != KeychainStatus::NotFound) {
            operation->finish(result);
            return;
        }
        // libsecret answers success for an entry of a locked collection and
        // leaves it where it is: make sure the keychain was open.
        probeLock(operation, [operation](bool locked) {
            operation->finish(locked ? KeychainResult::failure(KeychainStatus::Locked) : KeychainResult::success());
        });
    });
}

} // namespace appint
