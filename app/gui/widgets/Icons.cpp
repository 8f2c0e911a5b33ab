#include "gui/widgets/Icons.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;

// Outside any namespace, as Q_INIT_RESOURCE requires.
static void initAppintResources()
{
    Q_INIT_RESOURCE(appint);
}

namespace appint {

namespace {
QHash<QString, QIcon>* cache = nullptr;

void releaseCache()
{
    delete cache;
    cache = nullptr;
}
} // namespace

QIcon Icons::icon(const QString& name)
{
    if (!cache) {
        initAppintResources();
        cache = new QHash<QString, QIcon>;
        qAddPostRoutine(releaseCache);
    }
    auto it = cache->find(name);
    if (it == cache->end()) {
        it = cache->insert(name, QIcon(u":/icons/"_s + name + u".svg"_s));
    }
    return *it;
}

QIcon Icons::statusExpired()
{
    return icon(u"status-expired"_s);
}

QIcon Icons::statusExpiring()
{
    return icon(u"status-expiring"_s);
}

QIcon Icons::application()
{
    return icon(u"appint-console"_s);
}

} // namespace appint
