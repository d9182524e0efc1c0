#include "commandline.h"
#include "commands.h"

#include "recordrules.h"
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
    const QString id = cl.positional().constFirst();
    const std::optional<qint64> rid = workspace->ridOf(id);
    if (!rid) {
        cl.err() << "llmtriage relabel: no record " << id << " in " << workspace->path() << "\n";
        return ExitRefused;
    }

    EditSet set;
    set.annotator = cl.parser().value(annotator).trimmed();
    set.reason = cl.parser().value(reason);
    const std::pair<const QCommandLineOption *, EditField> fields[] = {
        {&symptom, EditField::Symptom}, {&cause, EditField::Cause}, {&stage, EditField::Stage}};
    for (const auto &[option, field] : fields) {
        if (!cl.parser().isSet(*option))
            continue;
        const QString value = cl.parser().value(*option);
        const QByteArray utf8 = value.toUtf8();
        const std::string_view text(utf8.constData(), size_t(utf8.size()));
        const QString problem = field == EditField::Stage
            ? (canonicalStage(text, nullptr) ? QString()
                                             : QStringLiteral("stage '%1' is not Fine-tuning or "
                                                              "Inference").arg(value))
            : labelProblem(field == EditField::Symptom ? RecordKey::Symptom : RecordKey::Cause, value);
        if (!problem.isEmpty()) {
            cl.err() << "llmtriage relabel: " << problem << "\n";
            return ExitRefused;
        }
        const LabelKind kind = field == EditField::Symptom ? LabelKind::Symptom : LabelKind::Cause;
        if (field != EditField::Stage && !cl.parser().isSet(newLabel)
            && !workspace->labels().find(kind, value)) {
            cl.err() << "llmtriage relabel: the " << editFieldName(field) << " '" << value
                     << "' is not in the taxonomy yet; check the spelling (llmtriage stats --rows "
                     << editFieldName(field) << ":" << (field == EditField::Symptom ? 3 : 2)
                     << " lists the labels in use) or pass --new-label\n";
            return ExitRefused;
        }
        set.edits.append({*rid, field, value});
    }

    const QVector<AppliedEdit> applied = workspace->apply(set);
    if (applied.isEmpty())
        cl.out() << id << ": no change\n";
    for (const AppliedEdit &edit : applied)
        cl.out() << id << ": " << editFieldName(edit.field) << " '" << edit.oldValue << "' -> '"
                 << edit.newValue << "'\n";
    return ExitOk;
}

} // namespace Triage::Cli
