#pragma once

#include "cli/SecretInput.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace appint {

// The two ways to hand a command a client secret (SecretInput):
// --client-secret-stdin and --client-secret-env VAR. Exactly one is required.
class SecretOptions
{
    Q_DECLARE_TR_FUNCTIONS(SecretOptions)

public:
    static QCommandLineOption stdinOption();
    static QCommandLineOption envOption();
    static void add(QCommandLineParser& parser);

    // Whether either option is on the command line.
    static bool isSet(const QCommandLineParser& parser);
    // The secret from the option that was given.
    static SecretInput::Outcome read(const QCommandLineParser& parser, const QString& prompt);
};

} // namespace appint
