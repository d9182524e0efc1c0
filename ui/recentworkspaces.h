#pragma once

#include <QStringList>

namespace Triage {

// The workspaces opened lately, newest first, kept in QSettings for File > Open Recent.
namespace RecentWorkspaces {

QStringList list();
void add(const QString &path);
void remove(const QString &path);

} // namespace RecentWorkspaces
} // namespace Triage
