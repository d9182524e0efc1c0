#include "defaultworkspace.h"

#include "importer.h"
#include "workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <unistd.h>

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
    // The generic location plus our own folder, so the path does not move when an
    // organisation name is set for QSettings: ~/.local/share/llmtriage/default.llmtriage.
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("llmtriage/default.llmtriage"));
}

std::unique_ptr<Workspace> openDefaultWorkspace(const QString &path, ImportReport *seeded)
{
    if (!QFileInfo::exists(path)) {
        const QString folder = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(folder))
            throw WorkspaceError(folder + QStringLiteral(": cannot create the folder"));
        // A name of our own, so a second first start at the same moment seeds its own copy.
        const QString partial = QStringLiteral("%1.seeding-%2-%3")
                                    .arg(path)
                                    .arg(QCoreApplication::applicationPid())
                                    .arg(QRandomGenerator::global()->generate());
        {
            std::unique_ptr<Workspace> fresh = Workspace::open(partial, Workspace::OpenMode::CreateIfMissing);
            ImportReport report = Importer(*fresh).run({embeddedDatasetPath()});
            fresh->setMeta(QStringLiteral("dataset"),
                           QStringLiteral("Open-LLM-Failures (arXiv 2601.13655), "
                                          "github.com/PapersSubmit/Open-LLM-Failures d0946a7"));
            if (seeded)
                *seeded = std::move(report);
        } // closed: the WAL is checkpointed into the file before it moves
        // Into place without ever replacing a file: if another process got there first, its
        // workspace is the default one and ours goes. (QFile::rename may fall back to a
        // rename(2) that replaces; link(2) fails when the name exists, atomically.)
        const bool placed = ::link(QFile::encodeName(partial).constData(),
                                   QFile::encodeName(path).constData())
            == 0;
        QFile::remove(partial);
        if (!placed) {
            for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::remove(partial + suffix);
            if (!QFileInfo::exists(path))
                throw WorkspaceError(path + QStringLiteral(": cannot move the new workspace into place"));
            if (seeded)
                *seeded = ImportReport();
        }
    }
    return Workspace::open(path, Workspace::OpenMode::OpenExisting);
}

} // namespace Triage
