#pragma once

#include <QString>

namespace Triage {

// A tooltip for text from a file: views guess whether a tooltip is rich text, so a label like
// "<b>Crash</b>" would be rendered. Escaped and wrapped here, it shows exactly as written.
QString plainTextTooltip(const QString &text);

} // namespace Triage
