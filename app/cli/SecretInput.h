#pragma once

#include "cli/CliFailure.h"
#include "core/Secret.h"

#include <QCoreApplication>

#include <variant>

namespace appint {

// Where a secret comes from on the command line: never an argument (it would
// show in `ps` and in the shell's history), only
// - standard input (`--client-secret-stdin`): everything up to end of file,
//   or, on a terminal, one line typed without echo after a prompt on standard
//   error; one trailing line break (LF or CRLF) is dropped;
// - an environment variable named by the argument (`--client-secret-env VAR`).
// An empty secret is refused.
class SecretInput
{
    Q_DECLARE_TR_FUNCTIONS(SecretInput)

public:
    static constexpr qsizetype MaximumSize = 64 * 1024;

    using Outcome = std::variant<Secret, CliFailure>;

    static Outcome fromStandardInput(const QString& prompt);
    // `option` names the option in messages ("--client-secret-env").
    static Outcome fromEnvironment(const QString& variable, const QString& option);

    // [A-Za-z_][A-Za-z0-9_]*
    static bool isValidVariableName(const QString& name);
};

} // namespace appint
