#include "commandline.h"
#include "commands.h"

#include "recordindex.h"
#include "selection.h"
#include "workspace.h"

namespace Triage::Cli {

int runRelabel(const QStringList &arguments)
{
    CommandLine cl(QStringLiteral("relabel"),
                   QStringLiteral("Changes a record's symptom, cause or stage in one transaction, "
                                  "with a history row per changed field. A label no record has "
                                  "used yet needs --new-label, so a typo does not start a new "
                                  "branch of the taxonomy. With --where instead of an ID, every "
                                  "record the conditions select changes, in one transaction: all "
                                  "of them or, on any error, none."),
                   arguments);
    cl.addPositional(QStringLiteral("id"), QStringLiteral("The record, as model#number."),
                     QStringLiteral("ID"));
    cl.addWhereOption();
    const QCommandLineOption symptom(QStringLiteral("symptom"), QStringLiteral("New symptom."),
                                     QStringLiteral("LABEL"));
    const QCommandLineOption cause(QStringLiteral("cause"), QStringLiteral("New root cause."),
                                   QStringLiteral("LABEL"));
    const QCommandLineOption stage(QStringLiteral("stage"),
                                   QStringLiteral("New stage: Fine-tuning or Inference."),
                                   QStringLiteral("STAGE"));
    const QCommandLineOption annotator(QStringLiteral("annotator"),
                                       QStringLiteral("Who makes the change (required)."),
                                       QStringLiteral("NAME"));
    const QCommandLineOption reason(QStringLiteral("reason"),
                                    QStringLiteral("Why, for the history."), QStringLiteral("TEXT"));
    const QCommandLineOption newLabel(QStringLiteral("new-label"),
                                      QStringLiteral("Allow a label that is not yet in use."));
    for (const QCommandLineOption &option : {symptom, cause, stage, annotator, reason, newLabel})
        cl.parser().addOption(option);
    if (const auto stop = cl.parse(0, 1))
        return *stop;
    const std::optional<Filter> where = cl.filter();
    if (!where)
        return ExitUsage;
    if (cl.positional().isEmpty() == where->conditions.isEmpty())
        return cl.usageError(QStringLiteral("give either one record ID or --where conditions"));
    if (cl.parser().value(annotator).trimmed().isEmpty())
        return cl.usageError(QStringLiteral("--annotator NAME is required"));
    if (!cl.parser().isSet(symptom) && !cl.parser().isSet(cause) && !cl.parser().isSet(stage))
        return cl.usageError(QStringLiteral("nothing to change: give --symptom, --cause or --stage"));

    std::unique_ptr<Workspace> workspace = cl.openWorkspace();
    QVector<qint64> rids;
    QString id; // one record's, as the workspace spells it
    if (where->conditions.isEmpty()) {
        const std::optional<qint64> rid = workspace->ridOf(cl.positional().constFirst());
        if (!rid) {
            cl.err() << "llmtriage relabel: no record " << cl.positional().constFirst() << " in "
                     << workspace->path() << "\n";
            return ExitRefused;
        }
        rids.append(*rid);
        id = workspace->record(*rid)->id();
    } else {
        RecordIndex index;
        index.build(*workspace);
        cl.warnAboutUnknownValues(index, *where);
        for (const quint32 row : select(index, *where))
            rids.append(index.rid(row));
    }

    EditSet set;
    set.annotator = cl.parser().value(annotator).trimmed();
    set.reason = cl.parser().value(reason);
    set.allowNewLabels = cl.parser().isSet(newLabel);
    const std::pair<const QCommandLineOption *, EditField> fields[] = {
        {&symptom, EditField::Symptom}, {&cause, EditField::Cause}, {&stage, EditField::Stage}};
    for (const auto &[option, field] : fields) {
        if (cl.parser().values(*option).size() > 1)
            return cl.usageError(QStringLiteral("--%1 is given more than once").arg(option->names().constFirst()));
        if (!cl.parser().isSet(*option))
            continue;
        for (const qint64 rid : std::as_const(rids))
            set.edits.append({rid, field, cl.parser().value(*option)});
    }
    // The rules, including "a label no record has needs --new-label", are the workspace's:
    // a refused edit throws EditRejected (exit 2) and writes nothing.
    QVector<AppliedEdit> applied;
    try {
        applied = workspace->apply(set);
    } catch (const EditRejected &rejected) {
        cl.err() << "llmtriage relabel: " << rejected.message() << "\n";
        if (rejected.reason() == EditRejected::Reason::NewLabel)
            cl.err() << "(labels in use: llmtriage stats --rows symptom:3 or --rows cause:2; "
                        "pass --new-label to add this one)\n";
        return ExitRefused;
    }
    if (!where->conditions.isEmpty()) {
        cl.out() << rids.size() << " records selected, " << applied.size() << " values changed\n";
        return ExitOk;
    }
    if (applied.isEmpty())
        cl.out() << id << ": no change\n";
    for (const AppliedEdit &edit : applied)
        cl.out() << id << ": " << editFieldName(edit.field) << " '" << edit.oldValue << "' -> '"
                 << edit.newValue << "'\n";
    return ExitOk;
}

} // namespace Triage::Cli
