#include "importcheck.h"

#include "checkfailed.h"

#include "importer.h"
#include "recordindex.h"
#include "workspace.h"

#include <QDir>
#include <QFile>

namespace Triage::Fuzz {

namespace {

// Memory when there is some: thousands of workspaces a minute should not wear a disk.
QString scratchRoot()
{
    const QString shm = QStringLiteral("/dev/shm");
    return QFileInfo(shm).isDir() && QFileInfo(shm).isWritable() ? shm : QDir::tempPath();
}

void removeWorkspace(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

} // namespace

ImportCheck::ImportCheck()
    : m_dir(scratchRoot() + QStringLiteral("/llmtriage-fuzz-XXXXXX"))
{
    require(m_dir.isValid(), "cannot create a scratch folder");
    m_template = m_dir.filePath(QStringLiteral("template.llmtriage"));
    std::unique_ptr<Workspace> workspace =
        Workspace::open(m_template, Workspace::OpenMode::CreateIfMissing);
    const QString dataset = QStringLiteral(":/dataset/open-llm-failures/DeepSeek/");
    const ImportReport report = Importer(*workspace).run(
        {dataset + QStringLiteral("Coder-V2/DeepSeek-Coder-V2.json"),
         dataset + QStringLiteral("Math /DeepSeek-Math.json")});
    require(report.imported > 0 && !report.hasRefusals(), "cannot seed the template workspace");
    m_templateRecords = workspace->recordCount();
}

void ImportCheck::check(std::string_view bytes)
{
    const QString path = m_dir.filePath(QStringLiteral("work.llmtriage"));
    const QString input = m_dir.filePath(QStringLiteral("input.json"));
    removeWorkspace(path);
    require(QFile::copy(m_template, path), "cannot copy the template workspace");
    {
        QFile file(input);
        require(file.open(QIODevice::WriteOnly | QIODevice::Truncate)
                    && file.write(bytes.data(), qint64(bytes.size())) == qint64(bytes.size()),
                "cannot write the input");
    }

    std::unique_ptr<Workspace> workspace = Workspace::open(path, Workspace::OpenMode::OpenExisting);
    ImportOptions options;
    options.replace = bytes.size() % 2 == 1;
    options.annotator = QStringLiteral("fuzz");
    options.threads = 1;
    const ImportReport report = Importer(*workspace).run({input}, options);

    require(report.files == 1, "one file named, one file read");
    require(!report.cancelled, "an import nobody cancelled was cancelled");
    if (report.rejectedFiles > 0)
        require(report.imported + report.alreadyPresent + report.conflicts + report.quarantined
                        + report.replaced
                    == 0,
                "a rejected file must leave no record behind");
    require(workspace->recordCount() == m_templateRecords + report.imported,
            "the workspace does not hold what the report says was imported");
    require(workspace->quarantine().size() == report.quarantined + report.conflicts,
            "the quarantine does not hold what the report says was held");
    RecordIndex index;
    index.build(*workspace);
    require(index.size() == m_templateRecords + report.imported,
            "the index does not hold every record");
    for (int row = 0; row < index.size(); ++row) {
        // Every id and link is rebuilt from the store; a record that went in must come out.
        require(!index.id(quint32(row)).isEmpty() && !index.link(quint32(row)).isEmpty(),
                "a stored record without an id or link");
    }
}

} // namespace Triage::Fuzz
