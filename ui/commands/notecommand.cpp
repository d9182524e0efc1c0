#include "notecommand.h"

#include <QCoreApplication>

namespace Triage {

void NoteCommand::describe()
{
    setText(QCoreApplication::translate("NoteCommand", "%1: note").arg(recordId(applied().constFirst().rid)));
}

bool NoteCommand::mergeWith(const QUndoCommand *other)
{
    const auto *note = static_cast<const NoteCommand *>(other);
    if (note->applied().constFirst().rid != applied().constFirst().rid
        || note->isUnwritten() != isUnwritten())
        return false;
    absorb(*note);
    return true;
}

} // namespace Triage
