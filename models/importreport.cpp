#include "importreport.h"

namespace Triage {

QString ImportProblem::toString() const
{
    QString kindText;
    switch (kind) {
    case Kind::RejectedFile:
        kindText = QStringLiteral("file rejected");
        break;
    case Kind::Quarantined:
        kindText = QStringLiteral("record quarantined");
        break;
    case Kind::Conflict:
        kindText = QStringLiteral("conflict with %1 (the workspace keeps its record)").arg(recordId);
        break;
    case Kind::Warning:
        kindText = QStringLiteral("warning");
        break;
    }
    QString place = file;
    if (line > 0)
        place += QStringLiteral(":%1:%2").arg(line).arg(column);
    return place + QStringLiteral(": ") + kindText + QStringLiteral(": ") + message;
}

void ImportReport::add(ImportProblem problem)
{
    if (problems.size() < MaxProblems)
        problems.append(std::move(problem));
    else
        ++problemsLeftOut;
}

QString ImportReport::summary(bool withReplaced) const
{
    QString text = QStringLiteral("imported %1, already present %2, conflicts %3, quarantined %4, "
                                  "rejected files %5")
                       .arg(imported)
                       .arg(alreadyPresent)
                       .arg(conflicts)
                       .arg(quarantined)
                       .arg(rejectedFiles);
    if (withReplaced)
        text += QStringLiteral(", replaced %1").arg(replaced);
    return text;
}

} // namespace Triage
