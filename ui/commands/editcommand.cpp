#include "editcommand.h"

#include "workbenchsession.h"

#include <QCoreApplication>
#include <QHash>
#include <QPair>

#include <algorithm>

namespace Triage {


EditCommand::EditCommand(WorkbenchSession &session)
    : m_session(session)
{
}

QString EditCommand::recordId(qint64 rid) const
{
    const std::optional<quint32> row = m_session.index().rowOf(rid);
    return row ? m_session.index().id(*row) : QString::number(rid);
}


bool EditCommand::applyFirst(const EditSet &edits)
{
    // Only the first time may be cancelled: cancelling an undo would leave the stack claiming
    // a state the store does not hold.
    QVector<AppliedEdit> applied = m_session.apply(edits, WorkbenchSession::Cancel::Allowed);
    if (applied.isEmpty())
        return false;
    takeApplied(edits, std::move(applied));
    return true;
}

bool EditCommand::holdUnwritten(const EditSet &edits, const QString &error)
{
    const RecordIndex &index = m_session.index();
    QVector<AppliedEdit> wouldApply;
    for (const Edit &edit : edits.edits) {
        const std::optional<QString> now = index.editableValue(edit.rid, edit.field);
        if (now && *now != edit.value)
            wouldApply.append({edit.rid, edit.field, *now, edit.value, edits.annotator});
    }
    if (wouldApply.isEmpty())
        return false;
    takeApplied(edits, std::move(wouldApply));
    m_writeError = error;
    markUnwritten(true);
    return true;
}

void EditCommand::takeApplied(const EditSet &edits, QVector<AppliedEdit> applied)
{
    m_applied = std::move(applied);
    // Forward and backward carry only what changed; going back may restore a label no other
    // record has any more, which is not a new label to the taxonomy.
    m_forward = edits;
    m_forward.edits.clear();
    m_forward.allowNewLabels = true;
    m_backward = m_forward;
    for (const AppliedEdit &edit : std::as_const(m_applied)) {
        m_forward.edits.append({edit.rid, edit.field, edit.newValue});
        m_backward.edits.prepend({edit.rid, edit.field, edit.oldValue});
    }
    describe();
}

void EditCommand::markUnwritten(bool unwritten)
{
    if (!m_unwritten)
        m_savedText = text();
    m_unwritten = unwritten;
    setText(unwritten ? QCoreApplication::translate("EditCommand", "%1 (not saved)").arg(m_savedText)
                      : m_savedText);
}

bool EditCommand::retry()
{
    if (!m_unwritten)
        return true;
    EditSet set = setFor(true);
    try {
        try {
            m_session.apply(set);
        } catch (const EditConflicted &conflicted) {
            if (!m_onConflict || !m_onConflict(conflicted.conflicts())) {
                m_writeError = QString::fromUtf8(conflicted.what());
                return false;
            }
            for (Edit &edit : set.edits)
                edit.expected.reset(); // over theirs, as the user chose
            m_session.apply(set);
        }
    } catch (const std::exception &error) {
        m_writeError = QString::fromUtf8(error.what());
        return false;
    }
    m_writeError.clear();
    markUnwritten(false);
    return true;
}

void EditCommand::absorb(const EditCommand &other)
{
    // Later values win going forward, replacing this command's edit of the same field of the
    // same record (a note saved ten times while typed is one edit); going back, this command's
    // old values are the ones.
    for (const Edit &edit : other.m_forward.edits) {
        const auto same = std::find_if(m_forward.edits.begin(), m_forward.edits.end(), [&](const Edit &e) {
            return e.rid == edit.rid && e.field == edit.field;
        });
        if (same != m_forward.edits.end())
            same->value = edit.value;
        else
            m_forward.edits.append(edit);
    }
}

EditSet EditCommand::setFor(bool forward) const
{
    const EditSet &from = forward ? m_backward : m_forward;
    QHash<QPair<qint64, int>, QString> expected;
    for (const Edit &edit : from.edits)
        expected.insert({edit.rid, int(edit.field)}, edit.value);
    EditSet set = forward ? m_forward : m_backward;
    for (Edit &edit : set.edits) {
        const auto it = expected.constFind({edit.rid, int(edit.field)});
        if (it != expected.cend())
            edit.expected = *it;
    }
    if (!forward)
        set.reason = QCoreApplication::translate("EditCommand", "undo");
    if (m_annotator) // who presses Ctrl+Z is who the history names
        set.annotator = m_annotator();
    return set;
}

void EditCommand::applyAgain(bool forward)
{
    EditSet set = setFor(forward);
    try {
        try {
            m_session.apply(set);
        } catch (const EditConflicted &conflicted) {
            if (!m_onConflict || !m_onConflict(conflicted.conflicts())) {
                // Theirs kept: this step no longer describes the store, so it leaves the stack.
                setObsolete(true);
                return;
            }
            const QHash<QPair<qint64, int>, QString> current = currentValues(conflicted.conflicts());
            for (Edit &edit : set.edits) {
                const auto it = current.constFind({edit.rid, int(edit.field)});
                if (it != current.cend())
                    edit.expected = *it;
            }
            m_session.apply(set);
        }
    } catch (const std::exception &error) {
        // The store refused (a full disk, a lock held too long, a second conflict) and still
        // holds what it held: the command leaves the stack, which would otherwise claim the
        // opposite, and the user is told. The view shows what the store holds, as the index
        // only follows writes.
        setObsolete(true);
        if (m_onError)
            m_onError(QString::fromUtf8(error.what()));
    }
}

void EditCommand::undo()
{
    if (m_unwritten)
        return; // the store never had it: nothing to take back
    applyAgain(false);
}

void EditCommand::redo()
{
    if (m_firstRedo) { // applied (or found unwritable) before it was pushed
        m_firstRedo = false;
        return;
    }
    if (m_unwritten) {
        retry();
        return;
    }
    applyAgain(true);
}

} // namespace Triage
