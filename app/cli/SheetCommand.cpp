#include "cli/SheetCommand.h"

#include "cli/CliContext.h"
#include "cli/TenantConnection.h"
#include "core/ConnectionSheet.h"
#include "keychain/KeychainKeys.h"
#include "print/SheetPdfWriter.h"
#include "service/OutputFile.h"
#include "service/TenantApi.h"

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
QCommandLineOption formatOption()
{
    return {u"format"_s, SheetCommand::tr("The format: pdf, json, btp, cpi, curl, env or md."), u"FORMAT"_s};
}

QCommandLineOption outputOption()
{
    return {u"output"_s,
            SheetCommand::tr("The file to write; - for standard output. Default: a name made from the client's "
                             "name, in the current folder."),
            u"FILE"_s};
}

QCommandLineOption withoutSecretOption()
{
    return {u"without-secret"_s, SheetCommand::tr("Leave the secret out even when it is saved in the keychain.")};
}

QString formatList()
{
    QStringList ids;
    for (const SheetFormat format : allSheetFormats()) {
        ids.append(sheetFormatId(format));
    }
    return ids.join(u", "_s);
}
} // namespace

Command::Help SheetCommand::help() const
{
    return {u"sheet"_s, tr("Write a client's connection sheet (PDF, JSON, BTP destination, ...)"),
            u"sheet CLIENT_ID --format pdf|json|btp|cpi|curl|env|md [--output FILE|-] [--tenant URL] "
            u"[--without-secret]"_s,
            tr("Writes what the users of a client need: pdf (a printable sheet), json (the datasphere CLI's "
               "--secrets-file), btp (an SAP BTP destination), cpi (a Cloud Integration OAuth2 Client Credentials "
               "artifact), curl (a script that fetches a token), env (a .env file) or md (Markdown).\n\n"
               "The client secret is included only when it is saved in the system keychain for this client (saved "
               "by the console when the client was created). A file with the secret is made readable only by you "
               "(mode 0600).")};
}

void SheetCommand::addOptions(QCommandLineParser& parser) const
{
    parser.addOption(formatOption());
    parser.addOption(outputOption());
    parser.addOption(tenantOption());
    parser.addOption(withoutSecretOption());
}

bool SheetCommand::paintsPdf(const QStringList& arguments)
{
    if (arguments.size() < 2 || arguments.at(1) != u"sheet"_s) {
        return false;
    }
    for (qsizetype i = 2; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (argument == u"--"_s) {
            return false;
        }
        if ((argument == u"--format"_s || argument == u"-format"_s) && i + 1 < arguments.size()) {
            if (arguments.at(i + 1) == u"pdf"_s) {
                return true;
            }
            ++i;
        } else if (argument == u"--format=pdf"_s || argument == u"-format=pdf"_s) {
            return true;
        }
    }
    return false;
}

int SheetCommand::run(const QCommandLineParser& parser, CliContext& context) const
{
    const QStringList arguments = parser.positionalArguments();
    if (arguments.isEmpty()) {
        return context.fail(ExitCode::Usage, tr("Name the client: appint sheet CLIENT_ID --format FORMAT."));
    }
    const QString clientId = arguments.constFirst();
    if (!parser.isSet(formatOption())) {
        return context.fail(ExitCode::Usage, tr("--format is required: %1.").arg(formatList()));
    }
    const std::optional<SheetFormat> format = sheetFormatFromId(parser.value(formatOption()));
    if (!format) {
        return context.fail(ExitCode::Usage, tr("--format: use one of %1.").arg(formatList()));
    }
    const QString output = parser.value(outputOption());
    const bool toStandardOutput = output == u"-"_s;
    if (toStandardOutput && *format == SheetFormat::Pdf && isatty(STDOUT_FILENO) == 1) {
        return context.fail(ExitCode::Usage, tr("A PDF is not written to a terminal: name a file with --output."));
    }

    TenantConnection connection(context);
    if (auto failure = connection.open(parser.value(tenantOption()))) {
        return context.fail(*failure);
    }
    const Result<TenantInfo> tenant
        = context.wait<Result<TenantInfo>>([&](QObject* owner, auto done) { connection.api().tenant(owner, done); });
    if (!tenant.ok()) {
        return context.fail(CliFailure::fromResult(tenant, tr("The tenant cannot be read:")));
    }
    const Result<Client> client = context.wait<Result<Client>>(
        [&](QObject* owner, auto done) { connection.api().client(clientId, owner, done); });
    if (!client.ok()) {
        return context.fail(CliFailure::fromResult(client, tr("The client cannot be read:")));
    }

    ConnectionSheetInput input{tenant.value, client.value, std::nullopt, SecretOrigin::Keychain, context.now()};
    QString withoutReason = tr("--without-secret");
    if (!parser.isSet(withoutSecretOption())) {
        KeychainResult saved = context.readSecret(KeychainKeys::clientSecret(connection.profile().url, clientId));
        if (saved.ok()) {
            input.secret = saved.secret;
        } else if (saved.status == KeychainStatus::NotFound) {
            withoutReason = tr("none is saved in the system keychain for this client");
        } else {
            withoutReason = tr("the system keychain cannot be read");
            context.warn(tr("The sheet is written without the secret: %1").arg(saved.message));
        }
        wipeString(saved.secret);
    }
    const ConnectionSheet sheet(std::move(input));
    const bool withSecret = sheet.containsSecret();

    QByteArray bytes;
    if (*format == SheetFormat::Pdf) {
        SheetPdfWriter writer(sheet.document());
        writer.setGeneratedAt(sheet.input().generatedAt);
        writer.setCreator(u"App Integration Console "_s + QCoreApplication::applicationVersion());
        bytes = writer.toPdf();
        if (bytes.isEmpty()) {
            return context.fail(ExitCode::Error, writer.errorString());
        }
    } else {
        bytes = sheet.render(*format);
    }
    if (!sheet.fits(*format)) {
        context.warn(tr("This format is made for clients with the client credentials grant, which this client "
                        "does not have; the file says so."));
    }

    if (toStandardOutput) {
        context.writeOutput(bytes);
        wipeBytes(bytes);
        if (withSecret) {
            context.notice(tr("The sheet contains the client secret from the system keychain."));
        }
        return toInt(ExitCode::Ok);
    }
    const QString path = output.isEmpty() ? sheet.suggestedFileName(*format) : output;
    const QString problem = OutputFile::write(path, bytes, withSecret);
    wipeBytes(bytes);
    if (!problem.isEmpty()) {
        return context.fail(ExitCode::File, problem);
    }
    if (withSecret) {
        context.print(tr("Wrote %1 with the client secret from the system keychain. The file is readable only by "
                         "you (mode 0600): hand it over on a secure channel.")
                          .arg(path));
    } else {
        context.print(tr("Wrote %1 without the client secret (%2).").arg(path, withoutReason));
    }
    return toInt(ExitCode::Ok);
}

} // namespace appint
