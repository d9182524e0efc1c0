#include "workspace.h"

#include "workspace_p.h"

#include "recordrules.h"
#include "sqlite/database.h"
#include "sqlite/statement.h"
#include "sqlite/transaction.h"

#include <QHash>

namespace Triage {

using namespace WorkspaceDetail;

namespace {

// The label kind an edit changes, for the label fields.
LabelKind labelKindOf(EditField field)
{
    switch (field) {
    case EditField::Symptom:
        return LabelKind::Symptom;
    case EditField::Cause:
        return LabelKind::Cause;
    default:
        return LabelKind::Stage;
    }
}

const char *updateStatementFor(EditField field)
{
    switch (field) {
    case EditField::Symptom:
        return "UPDATE record SET symptom = ?1, updated_at = ?2, updated_by = ?3 WHERE rid = ?4";
    case EditField::Cause:
        return "UPDATE record SET cause = ?1, updated_at = ?2, updated_by = ?3 WHERE rid = ?4";
    default:
        return "UPDATE record SET stage = ?1, updated_at = ?2, updated_by = ?3 WHERE rid = ?4";
    }
}

} // namespace

QString editFieldName(EditField field)
{
    switch (field) {
    case EditField::Symptom:
        return QStringLiteral("symptom");
    case EditField::Cause:
        return QStringLiteral("cause");
    case EditField::Stage:
        return QStringLiteral("stage");
    case EditField::Note:
        return QStringLiteral("note");
    }
    return {};
}

std::optional<EditField> editFieldFromName(QStringView name)
{
    for (EditField field : {EditField::Symptom, EditField::Cause, EditField::Stage, EditField::Note}) {
        if (name == editFieldName(field))
            return field;
    }
    return std::nullopt;
}

qint64 Workspace::writeHistory(qint64 rid, const QString &field, const QString &oldValue,
                               const QString &newValue, const QString &annotator, const QString &at,
                               const QString &reason, qint64 *batch)
{
    if (*batch == 0) {
        Sql::CachedStatement next = m_db->cached("SELECT coalesce(max(seq), 0) + 1 FROM history");
        next->step();
        *batch = next->int64(0);
    }
    Sql::CachedStatement st = m_db->cached(
        "INSERT INTO history(rid, field, old, new, annotator, at, reason, batch) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    st->bind(1, rid).bind(2, field).bind(3, oldValue).bind(4, newValue).bind(5, annotator);
    st->bind(6, at).bindOptional(7, reason).bind(8, *batch);
    st->run();
    return m_db->lastInsertRowId();
}

ConflictingEdit Workspace::conflictOf(const Edit &edit, const QString &current, const QString &wanted)
{
    ConflictingEdit conflict;
    conflict.rid = edit.rid;
    conflict.field = int(edit.field);
    conflict.expected = edit.expected.value_or(QString());
    conflict.current = current;
    conflict.wanted = wanted;
    if (const std::optional<Record> record = this->record(edit.rid))
        conflict.recordId = record->id();
    Sql::CachedStatement last = m_db->cached(
        "SELECT annotator, at FROM history WHERE rid = ?1 AND field = ?2 ORDER BY seq DESC LIMIT 1");
    last->bind(1, edit.rid).bind(2, editFieldName(edit.field));
    if (last->step()) {
        conflict.changedBy = last->text(0);
        conflict.changedAt = last->text(1);
    }
    return conflict;
}

// The value an edit writes, once it has passed the rules: a stage spelling normalised, a label
// checked like an imported one and, unless the set allows new labels, already in use.
QString Workspace::validatedValue(const Edit &edit, const EditSet &set)
{
    if (edit.field == EditField::Note)
        return edit.value;
    if (edit.field == EditField::Stage) {
        const QByteArray utf8 = edit.value.toUtf8();
        const auto stage = canonicalStage(std::string_view(utf8.constData(), size_t(utf8.size())),
                                          nullptr);
        if (!stage)
            throw EditRejected(EditRejected::Reason::InvalidValue,
                               QStringLiteral("stage '%1' is not Fine-tuning or Inference").arg(edit.value));
        return stage->toString();
    }
    const bool symptom = edit.field == EditField::Symptom;
    const QString problem = labelProblem(symptom ? RecordKey::Symptom : RecordKey::Cause, edit.value);
    if (!problem.isEmpty())
        throw EditRejected(EditRejected::Reason::InvalidValue, problem);
    if (!set.allowNewLabels && !isLabelInUse(labelKindOf(edit.field), edit.value))
        throw EditRejected(EditRejected::Reason::NewLabel,
                           QStringLiteral("the %1 '%2' is not in the taxonomy yet: no record has it; "
                                          "check the spelling, or add it as a new label")
                               .arg(editFieldName(edit.field), edit.value));
    return edit.value;
}

AppliedEdit Workspace::applyOne(const Edit &edit, const QString &value, const EditSet &set,
                                const QString &at, qint64 *batch,
                                QVector<ConflictingEdit> *conflicts)
{
    AppliedEdit applied{edit.rid, edit.field, QString(), value, set.annotator};
    const StoredRecord stored = storedRecord(edit.rid);
    if (stored.rid == 0)
        throw EditRejected(EditRejected::Reason::UnknownRecord,
                           QStringLiteral("no record with key %1").arg(edit.rid));

    if (edit.field == EditField::Note) {
        applied.oldValue = note(edit.rid);
        if (applied.oldValue == applied.newValue)
            return applied;
        if (edit.expected && *edit.expected != applied.oldValue) {
            conflicts->append(conflictOf(edit, applied.oldValue, applied.newValue));
            applied.newValue = applied.oldValue;
            return applied;
        }
        if (edit.value.isEmpty()) {
            m_db->cached("DELETE FROM note WHERE rid = ?1")->bind(1, edit.rid).run();
        } else {
            Sql::CachedStatement st = m_db->cached(
                "INSERT INTO note(rid, text, updated_at, updated_by) VALUES(?1, ?2, ?3, ?4) "
                "ON CONFLICT(rid) DO UPDATE SET text = excluded.text, "
                "updated_at = excluded.updated_at, updated_by = excluded.updated_by");
            st->bind(1, edit.rid).bind(2, edit.value).bind(3, at).bind(4, set.annotator).run();
        }
    } else {
        const LabelKind kind = labelKindOf(edit.field);
        applied.oldValue = m_labels.text(stored.label(kind));
        if (applied.oldValue == applied.newValue)
            return applied;
        if (edit.expected && *edit.expected != applied.oldValue) {
            conflicts->append(conflictOf(edit, applied.oldValue, applied.newValue));
            applied.newValue = applied.oldValue;
            return applied;
        }
        const qint64 label = m_labels.ensure(kind, applied.newValue);
        const qint64 annotator = m_labels.ensure(LabelKind::Annotator, set.annotator);
        m_db->cached(updateStatementFor(edit.field))
            ->bind(1, label)
            .bind(2, at)
            .bind(3, annotator)
            .bind(4, edit.rid)
            .run();
    }
    applied.seq = writeHistory(edit.rid, editFieldName(edit.field), applied.oldValue,
                               applied.newValue, set.annotator, at, set.reason, batch);
    return applied;
}

QVector<AppliedEdit> Workspace::apply(const EditSet &set)
{
    checkAnnotator(set.annotator);
    QVector<AppliedEdit> applied;
    writeTransaction([&] {
        const QString at = now();
        qint64 batch = 0;
        // A batch relabel repeats one value many times: check each distinct value once.
        QHash<QString, QString> validated;
        QVector<ConflictingEdit> conflicts;
        int done = 0;
        for (const Edit &edit : set.edits) {
            if ((++done & 255) == 0 && m_cancelRequested.load(std::memory_order_relaxed))
                throw EditRejected(EditRejected::Reason::Cancelled,
                                   tr("Cancelled; nothing was changed."));
            const QString key = editFieldName(edit.field) + QLatin1Char('\n') + edit.value;
            auto value = validated.constFind(key);
            if (value == validated.cend())
                value = validated.insert(key, validatedValue(edit, set));
            AppliedEdit one = applyOne(edit, *value, set, at, &batch, &conflicts);
            if (one.oldValue != one.newValue)
                applied.append(std::move(one));
        }
        if (!conflicts.isEmpty()) // thrown inside: the transaction rolls back what was written
            throw EditConflicted(tr("%n record(s) changed since you read them; nothing was "
                                    "changed.", nullptr, int(conflicts.size())),
                                 std::move(conflicts));
    });
    if (!applied.isEmpty())
        Q_EMIT recordsChanged(applied);
    return applied;
}

} // namespace Triage
