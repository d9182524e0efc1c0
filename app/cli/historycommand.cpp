#include "commandline.h"
#include "commands.h"
#include "jsonoutput.h"
#include "texttable.h"

#include "workspace.h"

namespace Triage::Cli {

int runHistory(const QStringList &arguments)
{
    CommandLine cl(QStringLiteral("history"),
                   QStringLiteral("The label history: every change with who made it, when, the "
                                  "old and new value and why; for the whole workspace or one "
                                  "record."),
                   arguments);
    cl.addPositional(QStringLiteral("id"), QStringLiteral("Only this record (model#number)."),
                     QStringLiteral("[ID]"));
    cl.addFormatOption({QStringLiteral("table"), QStringLiteral("json")}, QStringLiteral("table"));
    if (const auto stop = cl.parse(0, 1))
        return *stop;

    std::unique_ptr<Workspace> workspace = cl.openWorkspace();
    std::optional<qint64> rid;
    if (!cl.positional().isEmpty()) {
        rid = workspace->ridOf(cl.positional().constFirst());
        if (!rid) {
            cl.err() << "llmtriage history: no record " << cl.positional().constFirst() << "\n";
            return ExitRefused;
        }
    }
    const QVector<HistoryEntry> entries = workspace->history(rid);
    if (cl.format() == QLatin1String("json")) {
        Json array = Json::array();
        for (const HistoryEntry &e : entries)
            array.push_back({{"seq", e.seq},
                             {"id", utf8(e.recordId)},
                             {"field", utf8(e.field)},
                             {"old", utf8(e.oldValue)},
                             {"new", utf8(e.newValue)},
                             {"annotator", utf8(e.annotator)},
                             {"at", utf8(e.at)},
                             {"reason", utf8(e.reason)},
                             {"batch", e.batch}});
        cl.out() << dumpLine(array);
        return ExitOk;
    }
    if (entries.isEmpty()) {
        cl.out() << "no changes yet\n";
        return ExitOk;
    }
    TextTable table({QStringLiteral("seq"), QStringLiteral("at"), QStringLiteral("annotator"),
                     QStringLiteral("id"), QStringLiteral("field"), QStringLiteral("change"),
                     QStringLiteral("reason")});
    table.setRightAligned(0);
    for (const HistoryEntry &e : entries)
        table.addRow({QString::number(e.seq), e.at, e.annotator, e.recordId, e.field,
                      QStringLiteral("'%1' -> '%2'").arg(e.oldValue, e.newValue), e.reason});
    cl.out() << table.toString();
    return ExitOk;
}

} // namespace Triage::Cli
