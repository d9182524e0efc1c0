#include "relabelcommand.h"

#include <QCoreApplication>

namespace Triage {

void RelabelCommand::describe()
{
    QStringList fields;
    for (const AppliedEdit &edit : applied())
        fields.append(editFieldName(edit.field));
    setText(QCoreApplication::translate("RelabelCommand", "%1: %2 \u2192 \u201c%3\u201d")
                .arg(recordId(applied().constFirst().rid), fields.join(QStringLiteral(", ")),
                     applied().constFirst().newValue));
}

} // namespace Triage
