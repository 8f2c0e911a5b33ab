#include "server/http/LogPrivacy.h"

#include <QLoggingCategory>

#include <cstring>
#include <mutex>

namespace appint {

namespace {

QLoggingCategory::CategoryFilter previousFilter = nullptr;

bool printsRequests(const char* name)
{
    return std::strcmp(name, "qt.httpserver") == 0 || std::strncmp(name, "qt.httpserver.", 14) == 0;
}

void filter(QLoggingCategory* category)
{
    if (previousFilter) {
        previousFilter(category); // the rules as configured
    }
    if (printsRequests(category->categoryName())) {
        category->setEnabled(QtDebugMsg, false);
        category->setEnabled(QtInfoMsg, false);
    }
}

} // namespace

void LogPrivacy::install()
{
    static std::once_flag once;
    std::call_once(once, [] { previousFilter = QLoggingCategory::installFilter(filter); });
}

} // namespace appint
