#include "commandline.h"
#include "commands.h"

#include "importer.h"
#include "recordrules.h"
#include "workspace.h"

namespace Triage::Cli {

int runImport(const QStringList &arguments)
{
    CommandLine cl(QStringLiteral("import"),
                   QStringLiteral("Imports failure records from JSON files and folders (searched "
                                  "recursively for *.json and *.jsonl): a JSON array of records, "
                                  "a single record object, or JSON Lines. A file that cannot be "
                                  "read is rejected whole; a record that breaks a rule is "
                                  "quarantined; a record whose id exists with other values is "
                                  "a conflict and is never overwritten without --replace."),
                   arguments);
    cl.addPositional(QStringLiteral("paths"), QStringLiteral("Files and folders to import."),
                     QStringLiteral("PATH..."));
    const QCommandLineOption replace(
        QStringLiteral("replace"),
        QStringLiteral("Overwrite records whose id exists with different values; the history "
                       "keeps the old values."));
    const QCommandLineOption annotator(QStringLiteral("annotator"),
                                       QStringLiteral("Who the history names for replaced records "
                                                      "(default: $USER)."),
                                       QStringLiteral("NAME"));
    cl.parser().addOption(replace);
    cl.parser().addOption(annotator);
    if (const auto stop = cl.parse(1, -1))
        return *stop;

    ImportOptions options;
    options.replace = cl.parser().isSet(replace);
    options.annotator = cl.parser().value(annotator).trimmed();
    if (options.annotator.isEmpty())
        options.annotator = qEnvironmentVariable("USER").trimmed();
    if (options.annotator.isEmpty())
        options.annotator = QStringLiteral("import");
    if (const QString problem = textProblem(QStringLiteral("annotator"), options.annotator);
        !problem.isEmpty())
        return cl.usageError(problem);

    std::unique_ptr<Workspace> workspace = cl.openWorkspace(/*create=*/true);
    const ImportReport report = Importer(*workspace).run(cl.positional(), options);

    // The summary is the result; each problem is a diagnostic (FILE:LINE:COLUMN: ...), on
    // stderr where editors and scripts look for them, apart from the summary a script parses.
    cl.out() << report.summary(options.replace) << "\n";
    cl.out().flush();
    for (const ImportProblem &problem : report.problems)
        cl.err() << problem.toString() << "\n";
    if (report.problemsLeftOut > 0)
        cl.err() << "... and " << report.problemsLeftOut
                 << " more problems; 'llmtriage quarantine' lists every held record\n";
    cl.err().flush();
    return report.hasRefusals() ? ExitRefused : ExitOk;
}

} // namespace Triage::Cli
