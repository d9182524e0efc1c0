#pragma once

#include <QStringList>

// One function per sub-command, each in its own file. `arguments` is the whole command line:
// the program, the command, then the command's own arguments.
namespace Triage::Cli {

int runImport(const QStringList &arguments);
int runStats(const QStringList &arguments);
int runFindings(const QStringList &arguments);
int runRelabel(const QStringList &arguments);
int runHistory(const QStringList &arguments);
int runQuarantine(const QStringList &arguments);
int runLint(const QStringList &arguments);
int runExport(const QStringList &arguments);
int runGenerate(const QStringList &arguments);
int runChart(const QStringList &arguments);

// Dispatches to a sub-command; true from isCommand() when the arguments ask for one (or for
// the command line's --help or --version) rather than for the window.
bool isCommand(const QStringList &arguments);
// The command draws with widgets (chart): it needs a QApplication, on the offscreen platform
// when there is no display.
bool needsWidgets(const QStringList &arguments);
int run(const QStringList &arguments);

} // namespace Triage::Cli
