#pragma once

#include "workspace.h"

#include <QUndoCommand>

#include <functional>

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

    void undo() override;
    void redo() override;

    // Applies `edits`; returns the command to push, or nullptr when nothing changed. Throws
    // EditRejected or WorkspaceError when the edit cannot be made.
    template <typename Command, typename... Args>
    static Command *run(WorkbenchSession &session, const EditSet &edits, Args &&...args)
    {
        auto *command = new Command(session, std::forward<Args>(args)...);
        if (!command->applyFirst(edits)) {
            delete command;
            return nullptr;
        }
        return command;
    }

    // How a failed undo or redo is reported (a message box in the window).
    static void setErrorHandler(ErrorHandler handler);

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
    void applyAgain(bool forward);

    WorkbenchSession &m_session;
    EditSet m_forward;
    EditSet m_backward;
    QVector<AppliedEdit> m_applied;
    bool m_firstRedo = true;
};

} // namespace Triage
