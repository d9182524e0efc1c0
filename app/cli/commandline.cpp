#include "commandline.h"

#include <QRegularExpression>

#include "defaultworkspace.h"
#include "importreport.h"
#include "recordindex.h"
#include "workspace.h"

#include <cstdio>

namespace Triage::Cli {

namespace {
const QString WorkspaceOption = QStringLiteral("workspace");
const QString FormatOption = QStringLiteral("format");
const QString WhereOption = QStringLiteral("where");
const QString HelpOption = QStringLiteral("help");
} // namespace

CommandLine::CommandLine(const QString &command, const QString &description,
                         const QStringList &arguments)
    : m_command(command)
    , m_arguments(arguments)
    , m_out(stdout)
    , m_err(stderr)
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addOption({{QStringLiteral("h"), HelpOption}, QStringLiteral("Show this help.")});
    m_parser.addOption({WorkspaceOption,
                        QStringLiteral("The workspace file (default: $LLMTRIAGE_WORKSPACE, else "
                                       "%1).")
                            .arg(defaultWorkspacePath()),
                        QStringLiteral("PATH")});
}

void CommandLine::addFormatOption(const QStringList &formats, const QString &defaultFormat)
{
    m_formats = formats;
    m_defaultFormat = defaultFormat;
    m_parser.addOption({FormatOption,
                        QStringLiteral("Output format: %1 (default %2).")
                            .arg(formats.join(QLatin1Char('|')), defaultFormat),
                        QStringLiteral("FORMAT"), defaultFormat});
}

void CommandLine::addWhereOption()
{
    m_hasWhere = true;
    m_parser.addOption({WhereOption,
                        QStringLiteral("Only records whose FIELD at LEVEL is VALUE; repeat for "
                                       "AND. Example: --where symptom:2='Crash - CUDA Error'"),
                        QStringLiteral("FIELD[:LEVEL]=VALUE")});
}

void CommandLine::addPositional(const QString &name, const QString &description,
                                const QString &syntax)
{
    m_parser.addPositionalArgument(name, description, syntax);
    m_positionalSyntax << (syntax.isEmpty() ? name.toUpper() : syntax);
}

int CommandLine::usageError(const QString &message)
{
    m_err << "llmtriage " << m_command << ": " << message << "\n"
          << "Try 'llmtriage " << m_command << " --help'.\n";
    m_err.flush();
    return ExitUsage;
}

std::optional<int> CommandLine::parse(int minPositional, int maxPositional)
{
    // The first argument is the program, the second the command: QCommandLineParser expects
    // the program name first, so drop the command.
    QStringList arguments = m_arguments;
    arguments.removeAt(1);
    if (!m_parser.parse(arguments))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(HelpOption)) {
        QString help = m_parser.helpText();
        // helpText() names the program as it was started (often a whole path): name it as
        // the user types it, with the command.
        help.replace(QRegularExpression(QStringLiteral("^Usage: \\S+")),
                     QStringLiteral("Usage: llmtriage ") + m_command);
        m_out << help;
        m_out.flush();
        return ExitOk;
    }
    const qsizetype count = m_parser.positionalArguments().size();
    if (count < minPositional)
        return usageError(QStringLiteral("missing %1")
                              .arg(m_positionalSyntax.value(count, QStringLiteral("argument"))));
    if (maxPositional >= 0 && count > maxPositional)
        return usageError(QStringLiteral("unexpected argument '%1'")
                              .arg(m_parser.positionalArguments().value(maxPositional)));
    // An empty format is the command's to report (export has no default).
    if (!m_formats.isEmpty() && !format().isEmpty() && !m_formats.contains(format()))
        return usageError(QStringLiteral("unknown format '%1' (choose %2)")
                              .arg(format(), m_formats.join(QLatin1Char('|'))));
    return std::nullopt;
}

QString CommandLine::format() const
{
    return m_formats.isEmpty() ? QString() : m_parser.value(FormatOption);
}

std::optional<Filter> CommandLine::filter()
{
    Filter filter;
    if (!m_hasWhere)
        return filter;
    for (const QString &expression : m_parser.values(WhereOption)) {
        QString error;
        const std::optional<Condition> condition = parseWhere(expression, &error);
        if (!condition) {
            usageError(QStringLiteral("--where: ") + error);
            return std::nullopt;
        }
        filter.conditions.append(*condition);
    }
    return filter;
}

void CommandLine::warnAboutUnknownValues(const RecordIndex &index, const Filter &filter)
{
    for (const Condition &condition : filter.conditions) {
        const LabelColumn &column = index.column(condition.on.field);
        for (const QString &value : condition.values) {
            if (!column.findLevel(condition.on.level, value))
                m_err << "llmtriage: warning: no record has " << condition.on.toString() << " = '"
                      << value << "'\n";
        }
    }
    m_err.flush();
}

std::unique_ptr<Workspace> CommandLine::openWorkspace(bool create)
{
    const WorkspaceLocation location = locateWorkspace(m_parser.value(WorkspaceOption));
    if (location.isDefault) {
        ImportReport seeded;
        std::unique_ptr<Workspace> workspace = openDefaultWorkspace(location.path, &seeded);
        if (seeded.imported > 0)
            m_err << "llmtriage: created " << location.path << " with the "
                  << seeded.imported << " records of the embedded Open-LLM-Failures dataset\n";
        m_err.flush();
        return workspace;
    }
    return Workspace::open(location.path, create ? Workspace::OpenMode::CreateIfMissing
                                                 : Workspace::OpenMode::OpenExisting);
}

} // namespace Triage::Cli
