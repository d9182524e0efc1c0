#pragma once

#include "editcommand.h"

namespace Triage {

// One field of many records set to one value, in one transaction: one Ctrl+Z undoes it all.
class BatchRelabelCommand final : public EditCommand
{
public:
    explicit BatchRelabelCommand(WorkbenchSession &session)
        : EditCommand(session)
    {
    }

protected:
    void describe() override;
};

} // namespace Triage
