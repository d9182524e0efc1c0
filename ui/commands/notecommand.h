#pragma once

#include "editcommand.h"

namespace Triage {

// A record's note. Saving while typing gives many small edits; consecutive ones on the same
// record merge into one undo step.
class NoteCommand final : public EditCommand
{
public:
    explicit NoteCommand(WorkbenchSession &session)
        : EditCommand(session)
    {
    }

    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand *other) override;

protected:
    void describe() override;
};

} // namespace Triage
