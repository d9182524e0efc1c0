#include "relabelcommand.h"

#include <QCoreApplication>

namespace Triage {

void RelabelCommand::describe()
{
    QStringList fields;
    for (const AppliedEdit &edit : applied())
        fields.append(editFieldName(edit.field));
    setText(QCoreApplication::translate("RelabelCommand", "Relabel %1 to “%2”")
                .arg(fields.join(QStringLiteral(", ")), applied().constFirst().newValue));
}

} // namespace Triage
