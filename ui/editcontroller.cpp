#include "editcontroller.h"

#include "annotatoridentity.h"
#include "commands/batchrelabelcommand.h"
#include "commands/notecommand.h"
#include "commands/relabelcommand.h"
#include "dialogs/conflictdialog.h"
#include "widgets/plainmessagebox.h"
#include "workbenchsession.h"

#include <QHash>

#include <type_traits>
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
    // An undo or redo moves what counts as waiting (an undone unwritten step is not).
    connect(&m_undoStack, &QUndoStack::indexChanged, this, &EditController::unwrittenChanged);
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
            showPlainMessage(window, QMessageBox::Critical, tr("The undo or redo could not be saved"),
                             tr("%1\n\nThe workspace keeps the state shown; that step was "
                                "taken off the undo list.").arg(message));
        };
        const auto onConflict = [this](const QVector<ConflictingEdit> &conflicts) {
            return resolve(conflicts) == ConflictDialog::Choice::UseMine;
        };
        if (Command *command = EditCommand::run<Command>(m_session, set, annotator, onError, onConflict))
            m_undoStack.push(command);
        return true;
    } catch (const EditConflicted &conflicted) {
        const ConflictDialog::Choice choice = resolve(conflicted.conflicts());
        if (choice == ConflictDialog::Choice::Cancel)
            return false;
        const QHash<QPair<qint64, int>, QString> current = currentValues(conflicted.conflicts());
        EditSet again = set;
        again.edits.clear();
        for (Edit edit : std::as_const(set.edits)) {
            const auto theirs = current.constFind({edit.rid, int(edit.field)});
            if (theirs == current.cend()) {
                again.edits.append(edit);
            } else if (choice == ConflictDialog::Choice::UseMine) {
                edit.expected = *theirs; // over what they wrote, not over a third change
                again.edits.append(edit);
            }
        }
        if (again.edits.isEmpty())
            return true; // theirs kept, nothing of ours left to write: the view shows theirs
        return push<Command>(again);
    } catch (const EditRejected &rejected) {
        if (rejected.reason() == EditRejected::Reason::Cancelled)
            return false; // the user's own choice: nothing to explain
        // The reason quotes the refused label or record id as written.
        showPlainMessage(m_window, QMessageBox::Warning, tr("Edit refused"), rejected.message());
    } catch (const WorkspaceError &error) {
        if constexpr (!std::is_same_v<Command, NoteCommand>) { // a note stays a draft instead
            const auto annotator = [this] { return m_annotator.name(); };
            const auto onConflict = [this](const QVector<ConflictingEdit> &conflicts) {
                return resolve(conflicts) == ConflictDialog::Choice::UseMine;
            };
            if (Command *command = EditCommand::unwritten<Command>(m_session, set, annotator, {},
                                                                   onConflict, error.message())) {
                m_undoStack.push(command);
                Q_EMIT unwrittenChanged();
                showPlainMessage(m_window, QMessageBox::Critical, tr("The change could not be saved"),
                                 tr("%1\n\nThe change is kept in the undo list, marked \u201cnot "
                                    "saved\u201d. Retry it from the bar above the table once the "
                                    "workspace can be written.").arg(error.message()));
                return false;
            }
        }
        showPlainMessage(m_window, QMessageBox::Critical, tr("The change could not be saved"),
                         error.message());
    }
    return false;
}

ConflictDialog::Choice EditController::resolve(const QVector<ConflictingEdit> &conflicts)
{
    // The window shows their values before the user chooses, so the table and the record
    // dock agree with the dialog's "theirs".
    try {
        m_session.catchUp();
    } catch (const std::exception &) {
        // the dialog still shows both values; the watcher reports a file it cannot read
    }
    return ConflictDialog::ask(m_window, conflicts);
}

bool EditController::relabel(qint64 rid, const QString &symptom, const QString &cause,
                             const QString &stage, bool allowNewLabels, const QString &reason,
                             const std::optional<SeenLabels> &seen)
{
    EditSet set;
    set.allowNewLabels = allowNewLabels;
    set.reason = reason;
    const auto add = [&](EditField field, const QString &value, const QString SeenLabels::*was) {
        if (value.isEmpty())
            return;
        if (!seen) {
            set.edits.append({rid, field, value});
        } else if (value != (*seen).*was) {
            // Only what the user changed, and only over what they saw.
            set.edits.append({rid, field, value, (*seen).*was});
        }
    };
    add(EditField::Symptom, symptom, &SeenLabels::symptom);
    add(EditField::Cause, cause, &SeenLabels::cause);
    add(EditField::Stage, stage, &SeenLabels::stage);
    if (set.edits.isEmpty())
        return true; // nothing differs from what was shown
    return push<RelabelCommand>(set);
}

bool EditController::batchRelabel(const QVector<qint64> &rids, EditField field, const QString &value,
                                  bool allowNewLabels)
{
    EditSet set;
    set.allowNewLabels = allowNewLabels;
    set.reason = tr("batch relabel");
    // Each record is expected to hold what the preview counted (the window's index: it does
    // not take in other windows' edits while the dialog is open), so a record another window
    // changed meanwhile is a conflict to resolve, not silently overwritten.
    const RecordIndex &index = m_session.index();
    for (qint64 rid : rids)
        set.edits.append({rid, field, value, index.editableValue(rid, field)});
    return push<BatchRelabelCommand>(set);
}

bool EditController::setNote(qint64 rid, const QString &text, const std::optional<QString> &seen)
{
    EditSet set;
    set.edits.append({rid, EditField::Note, text, seen});
    return push<NoteCommand>(set);
}

QVector<EditCommand *> EditController::unwrittenCommands() const
{
    // Only what the stack counts as done: an unwritten step the user undid is not waiting.
    QVector<EditCommand *> waiting;
    for (int i = 0; i < m_undoStack.index(); ++i) {
        auto *command = dynamic_cast<EditCommand *>(const_cast<QUndoCommand *>(m_undoStack.command(i)));
        if (command && command->isUnwritten())
            waiting.append(command);
    }
    return waiting;
}

int EditController::unwrittenCount() const
{
    return int(unwrittenCommands().size());
}

QString EditController::unwrittenError() const
{
    const QVector<EditCommand *> waiting = unwrittenCommands();
    return waiting.isEmpty() ? QString() : waiting.constFirst()->writeError();
}

bool EditController::retryUnwritten()
{
    bool all = true;
    for (EditCommand *command : unwrittenCommands()) {
        if (!command->retry()) { // in order: a later edit may build on this one
            all = false;
            break;
        }
    }
    Q_EMIT unwrittenChanged();
    return all;
}

bool EditController::isNewLabel(EditField field, const QString &label) const
{
    if (field == EditField::Stage || field == EditField::Note)
        return false;
    return !m_session.index().isInUse(field == EditField::Symptom ? Field::Symptom : Field::Cause, label);
}

} // namespace Triage
