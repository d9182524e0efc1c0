#include "commandline.h"
#include "commands.h"
#include "jsonoutput.h"

#include "workspace.h"

namespace Triage::Cli {

int runQuarantine(const QStringList &arguments)
{
    CommandLine cl(QStringLiteral("quarantine"),
                   QStringLiteral("The records imports held back, with where they came from, why, "
                                  "and their text as it was."),
                   arguments);
    cl.addFormatOption({QStringLiteral("table"), QStringLiteral("json")}, QStringLiteral("table"));
    const QCommandLineOption all(QStringLiteral("all"),
                                 QStringLiteral("Also list entries already accepted or discarded."));
    cl.parser().addOption(all);
    if (const auto stop = cl.parse(0, 0))
        return *stop;

    std::unique_ptr<Workspace> workspace = cl.openWorkspace();
    const QVector<QuarantineEntry> entries
        = workspace->quarantine(cl.parser().isSet(all) ? QuarantineScope::All : QuarantineScope::Held);
    if (cl.format() == QLatin1String("json")) {
        Json array = Json::array();
        for (const QuarantineEntry &e : entries)
            array.push_back({{"seq", e.seq},
                             {"source", utf8(e.source)},
                             {"line", e.line},
                             {"column", e.column},
                             {"reason", utf8(e.reason)},
                             {"conflicts_with", utf8(e.conflictsWith)},
                             {"raw", utf8(e.raw)},
                             {"at", utf8(e.at)},
                             {"resolution", utf8(e.resolution)},
                             {"resolved_by", utf8(e.resolvedBy)},
                             {"resolved_at", utf8(e.resolvedAt)},
                             {"accepted_rid", e.acceptedRid}});
        cl.out() << dumpLine(array);
        return ExitOk;
    }
    if (entries.isEmpty()) {
        cl.out() << "the quarantine is empty\n";
        return ExitOk;
    }
    constexpr int Shown = 300;
    for (const QuarantineEntry &e : entries) {
        cl.out() << "#" << e.seq << " " << e.source << ":" << e.line << ":" << e.column << ": "
                 << e.reason << "\n";
        if (!e.isHeld())
            cl.out() << "    (" << e.resolution << " by " << e.resolvedBy << ", " << e.resolvedAt << ")\n";
        QString raw = e.raw.left(Shown);
        if (e.raw.size() > Shown)
            raw += QStringLiteral(" ... (%1 characters in all)").arg(e.raw.size());
        for (const QString &line : raw.split(QLatin1Char('\n')))
            cl.out() << "    " << line << "\n";
    }
    cl.out() << entries.size() << (entries.size() == 1 ? " record" : " records")
             << " in quarantine\n";
    return ExitOk;
}

} // namespace Triage::Cli
