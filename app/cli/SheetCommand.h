#pragma once

#include "cli/Command.h"

namespace appint {

// appint sheet CLIENT_ID --format pdf|json|btp|cpi|curl|env|md [--output FILE|-]
//              [--tenant URL] [--without-secret]
//
// The connection sheet of a client (core ConnectionSheet; docs/connection-
// sheets.md), with the secret only when it is saved in the system keychain
// under the client's key. A file with the secret is written with mode 0600,
// and the command says so. PDF is painted by app/print (SheetPdfWriter), for
// which main() starts a QGuiApplication on the offscreen platform: the only
// command that needs one (paintsPdf()).
class SheetCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(SheetCommand)

public:
    Help help() const override;
    qsizetype maximumArguments() const override { return 1; } // CLIENT_ID
    void addOptions(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, CliContext& context) const override;

    // Whether these program arguments (argv, program name first) ask for a
    // PDF sheet: decided before any QCoreApplication exists.
    static bool paintsPdf(const QStringList& arguments);
};

} // namespace appint
