#include "editcommand.h"

#include "workbenchsession.h"

#include <QCoreApplication>

namespace Triage {

namespace {
EditCommand::ErrorHandler &errorHandler()
{
    static EditCommand::ErrorHandler handler;
    return handler;
}
} // namespace

EditCommand::EditCommand(WorkbenchSession &session)
    : m_session(session)
{
}

QString EditCommand::recordId(qint64 rid) const
{
    const std::optional<quint32> row = m_session.index().rowOf(rid);
    return row ? m_session.index().id(*row) : QString::number(rid);
}

void EditCommand::setErrorHandler(ErrorHandler handler)
{
    errorHandler() = std::move(handler);
}

bool EditCommand::applyFirst(const EditSet &edits)
{
    m_applied = m_session.apply(edits);
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
    // Later values win going forward; going back, this command's old values are the ones.
    for (const Edit &edit : other.m_forward.edits)
        m_forward.edits.append(edit);
    m_applied += other.m_applied;
}

void EditCommand::applyAgain(bool forward)
{
    EditSet set = forward ? m_forward : m_backward;
    if (!forward)
        set.reason = QCoreApplication::translate("EditCommand", "undo");
    try {
        m_session.apply(set);
    } catch (const std::exception &error) {
        // The store refused (a full disk, a lock held too long): the view still shows what the
        // store holds, since the index is only updated after a successful write.
        if (errorHandler())
            errorHandler()(QString::fromUtf8(error.what()));
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
