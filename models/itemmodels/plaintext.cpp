#include "plaintext.h"

#include <QTextDocument>

namespace Triage {

QString plainTextTooltip(const QString &text)
{
    if (text.isEmpty())
        return text;
    return Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal);
}

} // namespace Triage
