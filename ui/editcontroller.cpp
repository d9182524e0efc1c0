#include "editcontroller.h"

#include "annotatoridentity.h"
#include "commands/batchrelabelcommand.h"
#include "commands/notecommand.h"
#include "commands/relabelcommand.h"
#include "workbenchsession.h"

#include <QMessageBox>
#include <QPointer>
#include <QUndoStack>

namespace Triage {

EditController::EditController(WorkbenchSession &session, QUndoStack &undoStack,
                               AnnotatorIdentity &annotator, QWidget *window, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_undoStack(undoStack)
    , m_annotator(annotator)
    , m_window(window)
{
}

template <typename Command>
bool EditController::push(EditSet set)
{
    set.annotator = m_annotator.ensure(m_window);
    if (set.annotator.isEmpty())
        return false; // the user declined to say who they are: no anonymous edits
    try {
        const auto annotator = [this] { return m_annotator.name(); };
        const auto onError = [window = QPointer<QWidget>(m_window)](const QString &message) {
            QMessageBox::critical(window, tr("The undo or redo could not be saved"),
                                  tr("%1\n\nThe workspace keeps the state shown; that step was "
                                     "taken off the undo list.").arg(message));
        };
        if (Command *command = EditCommand::run<Command>(m_session, set, annotator, onError))
            m_undoStack.push(command);
        return true;
    } catch (const EditRejected &rejected) {
        if (rejected.reason() == EditRejected::Reason::Cancelled)
            return false; // the user's own choice: nothing to explain
        QMessageBox::warning(m_window, tr("Edit refused"), rejected.message());
    } catch (const WorkspaceError &error) {
        QMessageBox::critical(m_window, tr("The change could not be saved"), error.message());
    }
    return false;
}

bool EditController::relabel(qint64 rid, const QString &symptom, const QString &cause,
                             const QString &stage, bool allowNewLabels, const QString &reason)
{
    EditSet set;
    set.allowNewLabels = allowNewLabels;
    set.reason = reason;
    if (!symptom.isEmpty())
        set.edits.append({rid, EditField::Symptom, symptom});
    if (!cause.isEmpty())
        set.edits.append({rid, EditField::Cause, cause});
    if (!stage.isEmpty())
        set.edits.append({rid, EditField::Stage, stage});
    return push<RelabelCommand>(set);
}

bool EditController::batchRelabel(const QVector<qint64> &rids, EditField field, const QString &value,
                                  bool allowNewLabels)
{
    EditSet set;
    set.allowNewLabels = allowNewLabels;
    set.reason = tr("batch relabel");
    for (qint64 rid : rids)
        set.edits.append({rid, field, value});
    return push<BatchRelabelCommand>(set);
}

bool EditController::setNote(qint64 rid, const QString &text)
{
    EditSet set;
    set.edits.append({rid, EditField::Note, text});
    return push<NoteCommand>(set);
}

bool EditController::isNewLabel(EditField field, const QString &label) const
{
    if (field == EditField::Stage || field == EditField::Note)
        return false;
    return !m_session.index().isInUse(field == EditField::Symptom ? Field::Symptom : Field::Cause, label);
}

} // namespace Triage
