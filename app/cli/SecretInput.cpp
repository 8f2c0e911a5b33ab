#include "cli/SecretInput.h"

#include <QRegularExpression>

#include <optional>

#include <cerrno>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
// Turns terminal echo off for its lifetime.
class EchoOff
{
public:
    EchoOff()
    {
        if (tcgetattr(STDIN_FILENO, &m_saved) == 0) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            m_active = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
    ~EchoOff()
    {
        if (m_active) {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
        }
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};

void dropTrailingLineBreak(QByteArray& bytes)
{
    if (bytes.endsWith("\r\n")) {
        bytes.chop(2);
    } else if (bytes.endsWith('\n')) {
        bytes.chop(1);
    }
}
} // namespace

bool SecretInput::isValidVariableName(const QString& name)
{
    static const QRegularExpression pattern(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    return pattern.match(name).hasMatch();
}

SecretInput::Outcome SecretInput::fromStandardInput(const QString& prompt)
{
    const bool terminal = isatty(STDIN_FILENO) == 1;
    QByteArray bytes;
    bytes.reserve(256);
    {
        std::optional<EchoOff> echoOff;
        if (terminal) {
            // Echo off before the prompt: whatever is typed once the prompt
            // shows is never echoed.
            echoOff.emplace();
            const QByteArray text = prompt.toUtf8();
            std::fwrite(text.constData(), 1, size_t(text.size()), stderr);
            std::fflush(stderr);
        }
        char buffer[512];
        for (;;) {
            const ssize_t count = ::read(STDIN_FILENO, buffer, sizeof buffer);
            if (count < 0 && errno == EINTR) {
                continue;
            }
            if (count < 0) {
                wipeBytes(bytes);
                return CliFailure{ExitCode::File, tr("Standard input cannot be read.")};
            }
            if (count == 0) {
                break;
            }
            bytes.append(buffer, count);
            std::fill(std::begin(buffer), std::end(buffer), '\0');
            if (bytes.size() > MaximumSize) {
                wipeBytes(bytes);
                return CliFailure{
                    ExitCode::Usage,
                    tr("The secret on standard input is longer than %n byte(s).", nullptr, int(MaximumSize))};
            }
            if (terminal && bytes.endsWith('\n')) {
                break; // one typed line
            }
        }
    }
    if (terminal) {
        std::fputs("\n", stderr); // the Enter that echo did not show
    }
    dropTrailingLineBreak(bytes);
    if (bytes.isEmpty()) {
        return CliFailure{ExitCode::Usage, tr("No secret on standard input.")};
    }
    return Secret::fromUtf8(bytes);
}

SecretInput::Outcome SecretInput::fromEnvironment(const QString& variable, const QString& option)
{
    // The variable's name is not repeated in messages: someone who typed the
    // secret itself where the name belongs must not see it in a log.
    if (!isValidVariableName(variable)) {
        return CliFailure{ExitCode::Usage,
                          tr("%1 takes the name of an environment variable ([A-Za-z_][A-Za-z0-9_]*) "
                             "that holds the secret, never the secret itself.")
                              .arg(option)};
    }
    QByteArray bytes = qgetenv(variable.toLocal8Bit().constData());
    if (bytes.isEmpty()) {
        return CliFailure{ExitCode::Usage, tr("The environment variable named by %1 is not set or empty.").arg(option)};
    }
    return Secret::fromUtf8(bytes);
}

} // namespace appint
