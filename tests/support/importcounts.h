#pragma once

// An import's counts as one line, so a failed comparison shows every count at once.

#include "importreport.h"

#include <QString>

namespace TestSupport {

inline QString counts(qint64 imported, qint64 present, qint64 conflicts, qint64 quarantined,
    qint64 rejected, qint64 warnings, qint64 replaced = 0)
{
    return QStringLiteral("imported %1, present %2, conflicts %3, quarantined %4, rejected %5, "
                          "warnings %6, replaced %7")
        .arg(imported)
        .arg(present)
        .arg(conflicts)
        .arg(quarantined)
        .arg(rejected)
        .arg(warnings)
        .arg(replaced);
}

inline QString counts(const Triage::ImportReport &r)
{
    return counts(r.imported, r.alreadyPresent, r.conflicts, r.quarantined, r.rejectedFiles,
        r.warnings, r.replaced);
}

} // namespace TestSupport
