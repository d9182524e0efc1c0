#include "commands.h"
#include "exitcode.h"

#include "exporter.h"
#include "workspaceerror.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

namespace Triage::Cli {

namespace {

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &);
};

const Command Commands[] = {
    {"import", "import failure records from JSON files and folders", runImport},
    {"stats", "count records by one field, or by two against each other", runStats},
    {"findings", "the paper's three findings, with their numbers and whether they hold",
     runFindings},
    {"relabel", "change a record's symptom, cause or stage (recorded in the history)", runRelabel},
    {"history", "the label history of the workspace or of one record", runHistory},
    {"quarantine", "the records held back by an import, with their reasons", runQuarantine},
    {"lint", "near-duplicate, oddly spaced and single-use labels", runLint},
    {"export", "write the records out: upstream layout, JSON or CSV", runExport},
    {"chart", "draw a chart of the window into a PNG, SVG or PDF file", runChart},
    {"generate", "write a synthetic dataset drawn from the real one (for benchmarks)",
     runGenerate},
};

const Command *find(const QString &name)
{
    for (const Command &command : Commands) {
        if (name == QLatin1String(command.name))
            return &command;
    }
    return nullptr;
}

int printUsage(QTextStream &stream)
{
    stream << "Usage: llmtriage [--workspace PATH]            open the workbench window\n"
              "       llmtriage COMMAND [options] [arguments]\n\n"
              "Commands:\n";
    for (const Command &command : Commands)
        stream << "  " << QString::fromLatin1(command.name).leftJustified(12) << command.summary
               << "\n";
    stream << "\nEvery command takes --workspace PATH and --help.\n"
              "Exit status: 0 all fine, 1 usage error, 2 some input was rejected, quarantined or "
              "in conflict, 3 the workspace cannot be opened or written.\n";
    stream.flush();
    return ExitOk;
}

// "llmtriage --workspace W stats ..." reads as "llmtriage stats --workspace W ...": the
// workspace option may come before the command too.
QStringList commandFirst(const QStringList &arguments)
{
    QStringList leading;
    qsizetype i = 1;
    while (i < arguments.size()) {
        if (arguments[i] == QLatin1String("--workspace") && i + 1 < arguments.size()) {
            leading += arguments.mid(i, 2);
            i += 2;
        } else if (arguments[i].startsWith(QLatin1String("--workspace="))) {
            leading.append(arguments[i]);
            i += 1;
        } else {
            break;
        }
    }
    if (leading.isEmpty() || i >= arguments.size() || !find(arguments[i]))
        return arguments;
    return QStringList{arguments[0], arguments[i]} + leading + arguments.mid(i + 1);
}

} // namespace

bool isCommand(const QStringList &original)
{
    const QStringList arguments = commandFirst(original);
    if (arguments.size() < 2)
        return false;
    // "--workspace W something": whatever follows the workspace is meant as a command, and an
    // unknown one should say so rather than open the window.
    const bool workspaceFirst = arguments[1] == QLatin1String("--workspace")
        || arguments[1].startsWith(QLatin1String("--workspace="));
    const qsizetype afterWorkspace = arguments[1] == QLatin1String("--workspace") ? 3 : 2;
    if (workspaceFirst) // a command after it, not a window option like --screenshot
        return arguments.size() > afterWorkspace && !arguments[afterWorkspace].startsWith(QLatin1Char('-'));
    const QString &first = arguments[1];
    return find(first) || first == QLatin1String("--help") || first == QLatin1String("-h")
        || first == QLatin1String("help") || first == QLatin1String("--version")
        || !first.startsWith(QLatin1Char('-'));
}

bool needsWidgets(const QStringList &original)
{
    const QStringList arguments = commandFirst(original);
    return arguments.value(1) == QLatin1String("chart");
}

int run(const QStringList &original)
{
    const QStringList arguments = commandFirst(original);
    QTextStream out(stdout);
    QTextStream err(stderr);
    QString name = arguments.value(1);
    if (name.startsWith(QLatin1String("--workspace"))) // options, then an unknown command
        name = arguments.value(name == QLatin1String("--workspace") ? 3 : 2);
    if (name == QLatin1String("--help") || name == QLatin1String("-h")
        || name == QLatin1String("help"))
        return printUsage(out);
    if (name == QLatin1String("--version")) {
        out << "llmtriage " << QCoreApplication::applicationVersion() << "\n";
        return ExitOk;
    }
    const Command *command = find(name);
    if (!command) {
        err << "llmtriage: unknown command '" << name << "'\n\n";
        printUsage(err);
        return ExitUsage;
    }
    try {
        return command->run(arguments);
    } catch (const EditRejected &error) {
        err << "llmtriage " << name << ": " << error.message() << "\n";
        return ExitRefused;
    } catch (const WorkspaceError &error) {
        err << "llmtriage " << name << ": " << error.message() << "\n";
    } catch (const ExportError &error) {
        err << "llmtriage " << name << ": " << error.message() << "\n";
    } catch (const std::exception &error) {
        err << "llmtriage " << name << ": " << error.what() << "\n";
    }
    return ExitWorkspace;
}

} // namespace Triage::Cli
