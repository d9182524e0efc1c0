#pragma once

#include <QString>

#include <memory>

namespace Triage {

class Workspace;
struct ImportReport;

// The Open-LLM-Failures dataset compiled into the program (a Qt resource folder laid out as
// upstream publishes it).
QString embeddedDatasetPath();

// <GenericDataLocation>/llmtriage/default.llmtriage (~/.local/share/llmtriage/default.llmtriage).
QString defaultWorkspacePath();

// Which workspace a command or the window uses: the --workspace option when given, else the
// file LLMTRIAGE_WORKSPACE names, else the default one. Only the default one is created and
// seeded on demand; a named file must exist unless the caller creates it.
struct WorkspaceLocation
{
    QString path;
    bool isDefault = false;
};
WorkspaceLocation locateWorkspace(const QString &option);

// Opens the default workspace. When the file does not exist yet it is created and seeded
// with the embedded dataset first; the seeding is written beside it and renamed into place, so
// an interrupted first start never leaves a half-filled default workspace. *seeded (when not
// null) receives the seeding's report, or stays untouched when the file already existed.
std::unique_ptr<Workspace> openDefaultWorkspace(const QString &path, ImportReport *seeded = nullptr);

} // namespace Triage
