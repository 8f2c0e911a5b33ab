// appint-keychain-probe: one keychain operation through the application's own
// store (createSystemSecretStore), for tests that need a D-Bus session of
// their own (no Secret Service, a locked keyring, a stalled service).
//
//   appint-keychain-probe [--service NAME] [--timeout-ms N] read KEY
//   appint-keychain-probe [--service NAME] [--timeout-ms N] write KEY   (the secret on standard input)
//   appint-keychain-probe [--service NAME] [--timeout-ms N] remove KEY
//
// Prints one JSON object on standard output: {"status", "message"} and, for a
// successful read, "secret". Exit code 0 when a result was printed, 2 on a
// usage error. Test code: it prints the secret it read, the application never.
#include "keychain/SystemSecretStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace appint;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    app.setApplicationName(u"appint-keychain-probe"_s);

    QCommandLineParser parser;
    parser.addOption({u"service"_s, u"Keychain service name."_s, u"name"_s, KeychainKeys::defaultService()});
    parser.addOption({u"timeout-ms"_s, u"Watchdog time in milliseconds."_s, u"ms"_s,
                      QString::number(SecretStoreWatchdog::DefaultTimeout.count())});
    parser.addPositionalArgument(u"operation"_s, u"read, write or remove"_s);
    parser.addPositionalArgument(u"key"_s, u"the entry's key"_s);
    parser.process(app);

    const QStringList arguments = parser.positionalArguments();
    bool timeoutOk = false;
    const int timeoutMs = parser.value(u"timeout-ms"_s).toInt(&timeoutOk);
    if (arguments.size() != 2 || !timeoutOk || timeoutMs <= 0) {
        std::fputs("usage: appint-keychain-probe [--service NAME] [--timeout-ms N] read|write|remove KEY\n", stderr);
        return 2;
    }
    const QString operation = arguments.at(0);
    const QString key = arguments.at(1);

    SecretStore* store
        = createSystemSecretStore(&app, parser.value(u"service"_s), std::chrono::milliseconds(timeoutMs));
    auto print = [&app](const KeychainResult& result) {
        QJsonObject object{{u"status"_s, keychainStatusId(result.status)}, {u"message"_s, result.message}};
        if (result.ok() && !result.secret.isEmpty()) {
            object.insert(u"secret"_s, result.secret);
        }
        const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fflush(stdout);
        app.quit();
    };

    if (operation == u"read"_s) {
        store->read(key, &app, print);
    } else if (operation == u"write"_s) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            std::fputs("cannot read standard input\n", stderr);
            return 2;
        }
        store->write(key, QString::fromUtf8(in.readAll()), &app, print);
    } else if (operation == u"remove"_s) {
        store->remove(key, &app, print);
    } else {
        std::fputs("operation must be read, write or remove\n", stderr);
        return 2;
    }
    return app.exec();
}
