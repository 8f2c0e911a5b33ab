#pragma once

#include "cli/Command.h"

#include <QCoreApplication>
#include <QStringList>

#include <memory>
#include <vector>

namespace appint {

// The `appint` command line: finds the command named by the first argument,
// parses the rest with that command's options, answers --help and --version,
// and runs the command. Usage errors go to standard error as one line with
// exit code 2 (ExitCode::Usage); help goes to standard output.
class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)

public:
    Cli();
    ~Cli();

    // `arguments` as in main(): the program name first. Returns the exit code.
    int run(const QStringList& arguments);

    QString helpText() const;
    QString commandHelpText(const Command& command) const;
    const Command* find(const QString& name) const;

private:
    std::vector<std::unique_ptr<Command>> m_commands;
};

} // namespace appint
