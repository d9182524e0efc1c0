#include "editcommand.h"

#include "workbenchsession.h"

#include <QCoreApplication>

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
    m_applied = m_session.apply(edits, WorkbenchSession::Cancel::Allowed);
    if (m_applied.isEmpty())
        return false;
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

void EditCommand::applyAgain(bool forward)
{
    EditSet set = forward ? m_forward : m_backward;
    if (!forward)
        set.reason = QCoreApplication::translate("EditCommand", "undo");
    if (m_annotator) // who presses Ctrl+Z is who the history names
        set.annotator = m_annotator();
    try {
        m_session.apply(set);
    } catch (const std::exception &error) {
        // The store refused (a full disk, a lock held too long) and still holds what it held:
        // the command leaves the stack, which would otherwise claim the opposite, and the user
        // is told. The view shows what the store holds, as the index only follows writes.
        setObsolete(true);
        if (m_onError)
            m_onError(QString::fromUtf8(error.what()));
    }
}

void EditCommand::undo()
{
    applyAgain(false);
}

void EditCommand::redo()
{
    if (m_firstRedo) { // applied before it was pushed
        m_firstRedo = false;
        return;
    }
    applyAgain(true);
}

} // namespace Triage
