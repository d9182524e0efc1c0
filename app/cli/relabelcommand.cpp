#include "commandline.h"
#include "commands.h"

#include "workspace.h"

namespace Triage::Cli {

int runRelabel(const QStringList &arguments)
{
    CommandLine cl(QStringLiteral("relabel"),
                   QStringLiteral("Changes a record's symptom, cause or stage in one transaction, "
                                  "with a history row per changed field. A label no record has "
                                  "used yet needs --new-label, so a typo does not start a new "
                                  "branch of the taxonomy."),
                   arguments);
    cl.addPositional(QStringLiteral("id"), QStringLiteral("The record, as model#number."),
                     QStringLiteral("ID"));
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
    if (const auto stop = cl.parse(1, 1))
        return *stop;
    if (cl.parser().value(annotator).trimmed().isEmpty())
        return cl.usageError(QStringLiteral("--annotator NAME is required"));
    if (!cl.parser().isSet(symptom) && !cl.parser().isSet(cause) && !cl.parser().isSet(stage))
        return cl.usageError(QStringLiteral("nothing to change: give --symptom, --cause or --stage"));

    std::unique_ptr<Workspace> workspace = cl.openWorkspace();
    const std::optional<qint64> rid = workspace->ridOf(cl.positional().constFirst());
    if (!rid) {
        cl.err() << "llmtriage relabel: no record " << cl.positional().constFirst() << " in "
                 << workspace->path() << "\n";
        return ExitRefused;
    }
    const QString id = workspace->record(*rid)->id(); // as the workspace spells it

    EditSet set;
    set.annotator = cl.parser().value(annotator).trimmed();
    set.reason = cl.parser().value(reason);
    set.allowNewLabels = cl.parser().isSet(newLabel);
    const std::pair<const QCommandLineOption *, EditField> fields[] = {
        {&symptom, EditField::Symptom}, {&cause, EditField::Cause}, {&stage, EditField::Stage}};
    for (const auto &[option, field] : fields) {
        if (cl.parser().values(*option).size() > 1)
            return cl.usageError(QStringLiteral("--%1 is given more than once").arg(option->names().constFirst()));
        if (cl.parser().isSet(*option))
            set.edits.append({*rid, field, cl.parser().value(*option)});
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
    if (applied.isEmpty())
        cl.out() << id << ": no change\n";
    for (const AppliedEdit &edit : applied)
        cl.out() << id << ": " << editFieldName(edit.field) << " '" << edit.oldValue << "' -> '"
                 << edit.newValue << "'\n";
    return ExitOk;
}

} // namespace Triage::Cli
