#pragma once

#include "exitcode.h"
#include "filter.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

namespace Triage {
class RecordIndex;
class Workspace;
} // namespace Triage

namespace Triage::Cli {

// The parts every sub-command shares: its parser with --workspace and --help, optional
// --format and --where, the output streams, and how the workspace is found and opened.
class CommandLine
{
public:
    CommandLine(const QString &command, const QString &description, const QStringList &arguments);

    QCommandLineParser &parser() { return m_parser; }
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

    void addFormatOption(const QStringList &formats, const QString &defaultFormat);
    void addWhereOption();
    // "<NAME> [NAME...]" in the usage line.
    void addPositional(const QString &name, const QString &description, const QString &syntax = {});

    // Parses the arguments. Returns an exit code when the command should stop here (after
    // --help, or a usage error it has printed), nullopt to go on.
    std::optional<int> parse(int minPositional, int maxPositional);

    QString format() const;
    QStringList positional() const { return m_parser.positionalArguments(); }
    // The --where conditions; nullopt after printing a usage error.
    std::optional<Filter> filter();
    // Says on stderr when a --where value matches no label, which is most often a typo.
    void warnAboutUnknownValues(const RecordIndex &index, const Filter &filter);
    // A usage error: prints it with a hint and returns ExitUsage.
    int usageError(const QString &message);

    // Opens the workspace (see locateWorkspace). `create` makes a missing named file; the
    // default one is always created and seeded on demand. Throws WorkspaceError.
    std::unique_ptr<Workspace> openWorkspace(bool create = false);

private:
    QString m_command;
    QStringList m_arguments;
    QCommandLineParser m_parser;
    QTextStream m_out;
    QTextStream m_err;
    QStringList m_formats;
    QString m_defaultFormat;
    bool m_hasWhere = false;
    QStringList m_positionalSyntax; // for "missing NAME" when an argument is left out
};

} // namespace Triage::Cli
