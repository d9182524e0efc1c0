#pragma once

#include "editcommand.h"

namespace Triage {

// A change of one record's symptom, cause and/or stage, from the detail dock's pickers.
class RelabelCommand final : public EditCommand
{
public:
    explicit RelabelCommand(WorkbenchSession &session)
        : EditCommand(session)
    {
    }

protected:
    void describe() override;
};

} // namespace Triage
