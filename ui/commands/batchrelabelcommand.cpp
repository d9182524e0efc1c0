#include "batchrelabelcommand.h"

#include <QCoreApplication>

namespace Triage {

void BatchRelabelCommand::describe()
{
    const AppliedEdit &first = applied().constFirst();
    setText(QCoreApplication::translate("BatchRelabelCommand", "Set %1 of %n record(s) to \u201c%2\u201d",
                                        nullptr, int(applied().size()))
                .arg(editFieldName(first.field), first.newValue));
}

} // namespace Triage
