#pragma once

#include "workspace.h"

#include <QUndoCommand>

#include <functional>
#include <memory>

namespace Triage {

class WorkbenchSession;

// The base of every undoable edit: it holds the edits it applied and their inverse, and
// applies them through the session, so undo and redo write the store and its history like the
// first time. An edit is applied before it is pushed (see EditCommand::run), so a refused edit
// never reaches the stack.
class EditCommand : public QUndoCommand
{
public:
    using ErrorHandler = std::function<void(const QString &message)>;
    using AnnotatorProvider = std::function<QString()>;
    // Another window changed a record this undo or redo would write: true to write over it.
    using ConflictHandler = std::function<bool(const QVector<ConflictingEdit> &conflicts)>;

    void undo() override;
    void redo() override;

    // Applies `edits`; returns the command to push, or nullptr when nothing changed. Throws
    // EditRejected or WorkspaceError when the edit cannot be made. `annotator` names who undoes
    // and redoes later; `onError` reports an undo or redo the store refused.
    template <typename Command>
    static Command *run(WorkbenchSession &session, const EditSet &edits,
                        AnnotatorProvider annotator, ErrorHandler onError,
                        ConflictHandler onConflict = {})
    {
        // Owned until it is handed over: applyFirst() throws EditConflicted and EditRejected
        // (a leaked command per conflict, found by LeakSanitizer).
        std::unique_ptr<Command> command(new Command(session));
        command->m_annotator = std::move(annotator);
        command->m_onError = std::move(onError);
        command->m_onConflict = std::move(onConflict);
        if (!command->applyFirst(edits))
            return nullptr;
        return command.release();
    }

    // The same edits when the store could not take them (a lock held too long, a full or
    // read-only disk): the command goes on the stack anyway, marked "not saved", so nothing
    // the user chose is lost, and retry() writes it once the store can. Old values are what
    // the window shows, and the write expects them (another window's change is a conflict).
    template <typename Command>
    static Command *unwritten(WorkbenchSession &session, const EditSet &edits,
                              AnnotatorProvider annotator, ErrorHandler onError,
                              ConflictHandler onConflict, const QString &error)
    {
        auto *command = new Command(session);
        command->m_annotator = std::move(annotator);
        command->m_onError = std::move(onError);
        command->m_onConflict = std::move(onConflict);
        if (!command->holdUnwritten(edits, error)) {
            delete command;
            return nullptr;
        }
        return command;
    }

    bool isUnwritten() const { return m_unwritten; }
    // Why it could not be written, the last time it was tried.
    const QString &writeError() const { return m_writeError; }
    // Writes an unwritten command; true when the store now holds it (or held it already).
    bool retry();

protected:
    explicit EditCommand(WorkbenchSession &session);
    const QVector<AppliedEdit> &applied() const { return m_applied; }
    // "DeepSeek-R1#3", for the undo history's texts.
    QString recordId(qint64 rid) const;
    // Sets the command's text once the edits are known.
    virtual void describe() = 0;
    // For merging: takes over `other`'s effect on top of this one's.
    void absorb(const EditCommand &other);

private:
    bool applyFirst(const EditSet &edits);
    bool holdUnwritten(const EditSet &edits, const QString &error);
    // Sets forward and backward from what was (or would be) applied.
    void takeApplied(const EditSet &edits, QVector<AppliedEdit> applied);
    void markUnwritten(bool unwritten);
    void applyAgain(bool forward);
    // The set to write going forward or back, each edit expecting what the other direction
    // wrote: an undo must not silently undo someone else's later change.
    EditSet setFor(bool forward) const;

    WorkbenchSession &m_session;
    AnnotatorProvider m_annotator;
    ErrorHandler m_onError;
    ConflictHandler m_onConflict;
    EditSet m_forward;
    EditSet m_backward;
    QVector<AppliedEdit> m_applied;
    bool m_firstRedo = true;
    bool m_unwritten = false;
    QString m_writeError;
    QString m_savedText; // the text without the "not saved" mark
};

} // namespace Triage
