#include "defaultworkspace.h"

#include "importer.h"
#include "workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace Triage {

QString embeddedDatasetPath()
{
    return QStringLiteral(":/dataset/open-llm-failures");
}

WorkspaceLocation locateWorkspace(const QString &option)
{
    if (!option.isEmpty())
        return {option, false};
    const QString fromEnvironment = qEnvironmentVariable("LLMTRIAGE_WORKSPACE");
    if (!fromEnvironment.isEmpty())
        return {fromEnvironment, false};
    return {defaultWorkspacePath(), true};
}

QString defaultWorkspacePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("default.llmtriage"));
}

std::unique_ptr<Workspace> openDefaultWorkspace(const QString &path, ImportReport *seeded)
{
    if (!QFileInfo::exists(path)) {
        const QString folder = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(folder))
            throw WorkspaceError(folder + QStringLiteral(": cannot create the folder"));
        const QString partial = path + QStringLiteral(".seeding");
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(partial + suffix);
        {
            std::unique_ptr<Workspace> fresh = Workspace::open(partial, Workspace::OpenMode::CreateIfMissing);
            ImportReport report = Importer(*fresh).run({embeddedDatasetPath()});
            fresh->setMeta(QStringLiteral("dataset"),
                           QStringLiteral("Open-LLM-Failures (arXiv 2601.13655), "
                                          "github.com/PapersSubmit/Open-LLM-Failures d0946a7"));
            if (seeded)
                *seeded = std::move(report);
        } // closed: the WAL is checkpointed into the file before it moves
        if (!QFile::rename(partial, path))
            throw WorkspaceError(path + QStringLiteral(": cannot move the new workspace into place"));
    }
    return Workspace::open(path, Workspace::OpenMode::OpenExisting);
}

} // namespace Triage
