#include "cli/Command.h"

using namespace Qt::StringLiterals;

namespace appint {

Command::~Command() = default;

QCommandLineOption Command::tenantOption()
{
    return QCommandLineOption(u"tenant"_s,
                              tr("The tenant's URL, as given to appint login. Default: $APPINT_TENANT, else the only "
                                 "tenant logged in to."),
                              u"URL"_s);
}

QCommandLineOption Command::jsonOption()
{
    return QCommandLineOption(u"json"_s, tr("Print JSON instead of text."));
}

} // namespace appint
