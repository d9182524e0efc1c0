#include "recentworkspaces.h"

#include <QFileInfo>
#include <QSettings>

namespace Triage::RecentWorkspaces {

namespace {
const QString Key = QStringLiteral("workspaces/recent");
constexpr int Kept = 10;
} // namespace

QStringList list()
{
    return QSettings().value(Key).toStringList();
}

void add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList paths = list();
    paths.removeAll(absolute);
    paths.prepend(absolute);
    QSettings().setValue(Key, paths.mid(0, Kept));
}

void remove(const QString &path)
{
    QStringList paths = list();
    paths.removeAll(QFileInfo(path).absoluteFilePath());
    QSettings().setValue(Key, paths);
}

} // namespace Triage::RecentWorkspaces
