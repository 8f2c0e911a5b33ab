#include "cli/Cli.h"

#include "cli/CliContext.h"
#include "cli/ClientsCommand.h"
#include "cli/LoginCommand.h"
#include "cli/LogoutCommand.h"
#include "cli/SheetCommand.h"
#include "cli/TenantsCommand.h"
#include "cli/TextTable.h"
#include "cli/TokenCommand.h"

using namespace Qt::StringLiterals;

namespace appint {

namespace {
QCommandLineOption helpOption()
{
    return {{u"h"_s, u"help"_s}, Cli::tr("Show this help.")};
}

void addOptions(const Command& command, QCommandLineParser& parser)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOption(helpOption());
    command.addOptions(parser);
}
} // namespace

Cli::Cli()
{
    m_commands.push_back(std::make_unique<LoginCommand>());
    m_commands.push_back(std::make_unique<LogoutCommand>());
    m_commands.push_back(std::make_unique<TenantsCommand>());
    m_commands.push_back(std::make_unique<ClientsCommand>());
    m_commands.push_back(std::make_unique<SheetCommand>());
    m_commands.push_back(std::make_unique<TokenCommand>());
}

Cli::~Cli() = default;

const Command* Cli::find(const QString& name) const
{
    for (const auto& command : m_commands) {
        if (command->name() == name) {
            return command.get();
        }
    }
    return nullptr;
}

QString Cli::helpText() const
{
    QStringList lines;
    lines << tr("Usage: appint COMMAND [options]") << QString()
          << tr("The command line of App Integration Console: log in to a tenant, list and delete its OAuth "
                "clients, write connection sheets and fetch access tokens.")
          << QString() << tr("Commands:");
    TextTable commands({QString(), QString()});
    for (const auto& command : m_commands) {
        const Command::Help help = command->help();
        commands.addRow({u"  "_s + help.name, help.summary});
    }
    lines << commands.lines().mid(1);
    lines << QString()
          << tr("Run \"appint COMMAND --help\" for a command's options, \"appint --version\" for the "
                "version.")
          << QString()
          << tr("Secrets are never taken as arguments, where they would show in the process list and the shell "
                "history: give them on standard input (--client-secret-stdin) or name an environment variable that "
                "holds them (--client-secret-env VAR).")
          << QString() << tr("Environment:") << tr("  APPINT_TENANT  the tenant URL to use when --tenant is not given")
          << QString() << tr("Exit codes:");
    TextTable codes({QString(), QString()});
    for (const ExitCode code : ExitCodes::all()) {
        codes.addRow({u"  "_s + QString::number(toInt(code)), ExitCodes::description(code)});
    }
    lines << codes.lines().mid(1);
    return lines.join(u'\n');
}

QString Cli::commandHelpText(const Command& command) const
{
    QCommandLineParser parser;
    addOptions(command, parser);
    QString options = parser.helpText();
    // Qt's text starts with its own usage line; ours replaces it.
    const qsizetype optionsStart = options.indexOf(u"Options:"_s);
    options = optionsStart >= 0 ? options.mid(optionsStart) : QString();
    const Command::Help help = command.help();
    return tr("Usage: appint %1").arg(help.usage) + u"\n\n"_s + help.summary + u".\n\n"_s + help.description + u"\n\n"_s
        + options.trimmed() + u"\n\n"_s + tr("Exit codes: see appint --help.");
}

int Cli::run(const QStringList& arguments)
{
    CliContext context;
    const QString first = arguments.value(1);
    if (first.isEmpty()) {
        context.notice(tr("Usage: appint COMMAND [options]. Run \"appint --help\" for the commands."));
        return toInt(ExitCode::Usage);
    }
    if (first == u"--help"_s || first == u"-h"_s || first == u"help"_s) {
        const QString topic = arguments.value(2);
        if (!topic.isEmpty() && first == u"help"_s) {
            if (const Command* command = find(topic)) {
                context.print(commandHelpText(*command));
                return toInt(ExitCode::Ok);
            }
            return context.fail(
                ExitCode::Usage,
                tr("Unknown command \"%1\". Run \"appint --help\" for the commands.").arg(CliContext::oneLine(topic)));
        }
        context.print(helpText());
        return toInt(ExitCode::Ok);
    }
    if (first == u"--version"_s || first == u"-v"_s || first == u"version"_s) {
        context.print(u"appint "_s + QCoreApplication::applicationVersion());
        return toInt(ExitCode::Ok);
    }
    const Command* command = find(first);
    if (!command) {
        return context.fail(ExitCode::Usage,
                            first.startsWith(u'-')
                                ? tr("Unknown option \"%1\". Run \"appint --help\".")
                                      .arg(CliContext::oneLine(first.section(u'=', 0, 0)))
                                : tr("Unknown command \"%1\". Run \"appint --help\" for the commands.")
                                      .arg(CliContext::oneLine(first)));
    }
    context.setCommandName(command->name());

    QCommandLineParser parser;
    addOptions(*command, parser);
    if (!parser.parse(QStringList{u"appint"_s} + arguments.mid(2))) {
        // Qt names the option, never a value ("Unknown option 'x'.", "Missing value after '--tenant'.").
        return context.fail(ExitCode::Usage,
                            parser.errorText() + u' ' + tr("Run \"appint %1 --help\".").arg(command->name()));
    }
    if (parser.isSet(helpOption())) {
        context.print(commandHelpText(*command));
        return toInt(ExitCode::Ok);
    }
    // Options that take one value, given twice: the second would silently win.
    for (const QString& name : parser.optionNames()) {
        if (name != u"param"_s && parser.optionNames().count(name) > 1) {
            return context.fail(ExitCode::Usage, tr("--%1 is given more than once.").arg(name));
        }
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > command->maximumArguments()) {
        return context.fail(ExitCode::Usage,
                            tr("Unexpected argument \"%1\".").arg(positional.at(command->maximumArguments())));
    }
    return command->run(parser, context);
}

} // namespace appint
