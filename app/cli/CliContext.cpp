#include "cli/CliContext.h"

#include "core/BidiText.h"
#include "core/Clock.h"
#include "keychain/SecretStore.h"
#include "keychain/SystemSecretStore.h"
#include "service/SharedSettings.h"

#include <QNetworkAccessManager>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace appint {

CliContext::CliContext() = default;

CliContext::~CliContext() = default;

void CliContext::print(const QString& text)
{
    writeOutput((text + u'\n').toUtf8());
}

void CliContext::writeOutput(const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void CliContext::writeError(const QString& text)
{
    const QByteArray bytes = (text + u'\n').toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

QString CliContext::oneLine(const QString& text)
{
    // Bidirectional controls would reorder the terminal's text: dropped.
    QString line = BidiText::stripControls(text);
    for (QChar& c : line) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator) {
            c = u' ';
        }
    }
    return line.simplified();
}

int CliContext::requestTimeoutMs()
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue("APPINT_TIMEOUT_MS", &ok);
    return ok && value >= 100 && value <= 600'000 ? value : 30'000;
}

void CliContext::warn(const QString& message)
{
    writeError(u"appint "_s + m_commandName + u": "_s + tr("warning: %1").arg(oneLine(message)));
}

int CliContext::fail(const CliFailure& failure)
{
    const QString prefix = m_commandName.isEmpty() ? u"appint: "_s : u"appint "_s + m_commandName + u": "_s;
    writeError(prefix + oneLine(failure.message));
    return toInt(failure.code);
}

void CliContext::notice(const QString& text)
{
    writeError(text);
}

QNetworkAccessManager* CliContext::network()
{
    if (!m_network) {
        m_network = std::make_unique<QNetworkAccessManager>();
    }
    return m_network.get();
}

SecretStore* CliContext::secretStore()
{
    if (!m_secretStore) {
        m_keychainOwner = std::make_unique<QObject>();
        m_secretStore = createSystemSecretStore(m_keychainOwner.get());
    }
    return m_secretStore;
}

QSettings* CliContext::settings()
{
    if (!m_settings) {
        m_settings = SharedSettings::open();
    }
    return m_settings.get();
}

qint64 CliContext::now() const
{
    return Clock::system().now();
}

KeychainResult CliContext::readSecret(const QString& key)
{
    SecretStore* store = secretStore();
    return wait<KeychainResult>([&](QObject* context, auto done) { store->read(key, context, done); });
}

KeychainResult CliContext::writeSecret(const QString& key, const Secret& secret)
{
    SecretStore* store = secretStore();
    QString text = secret.toString();
    const KeychainResult result
        = wait<KeychainResult>([&](QObject* context, auto done) { store->write(key, text, context, done); });
    wipeString(text);
    return result;
}

KeychainResult CliContext::removeSecret(const QString& key)
{
    SecretStore* store = secretStore();
    return wait<KeychainResult>([&](QObject* context, auto done) { store->remove(key, context, done); });
}

} // namespace appint
