#include "commandline.h"
#include "commands.h"

#include "exporter.h"
#include "workspace.h"

namespace Triage::Cli {

int runExport(const QStringList &arguments)
{
    CommandLine cl(QStringLiteral("export"),
                   QStringLiteral("Writes the records out. upstream: the dataset's own layout "
                                  "(a folder of JSON arrays, byte-identical to the imported files "
                                  "when nothing changed); json: one array of records with their id "
                                  "and every field; csv: RFC 4180 with a header row."),
                   arguments);
    cl.addPositional(QStringLiteral("out"),
                     QStringLiteral("The folder (upstream) or file (json, csv) to write."),
                     QStringLiteral("OUT"));
    cl.addFormatOption({QStringLiteral("upstream"), QStringLiteral("json"), QStringLiteral("csv")},
                       QString());
    if (const auto stop = cl.parse(1, 1))
        return *stop;
    const std::optional<ExportFormat> format = exportFormatFromName(cl.format());
    if (!format)
        return cl.usageError(QStringLiteral("--format upstream|json|csv is required"));

    std::unique_ptr<Workspace> workspace = cl.openWorkspace();
    const ExportResult result = Exporter(*workspace).run(*format, cl.positional().constFirst());
    cl.out() << "exported " << result.records << " records to " << result.files
             << (result.files == 1 ? " file" : " files") << " in "
             << cl.positional().constFirst() << "\n";
    return ExitOk;
}

} // namespace Triage::Cli
