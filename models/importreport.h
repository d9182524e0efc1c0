#pragma once

#include <QString>
#include <QVector>

namespace Triage {

struct ImportProblem
{
    enum class Kind { RejectedFile, Quarantined, Conflict, Warning };
    Kind kind = Kind::Quarantined;
    QString file; // as the user named it (folder + relative path)
    int line = 0;
    int column = 0;
    QString message;
    QString recordId; // for a conflict: the existing record

    // FILE:LINE:COLUMN: what is wrong
    QString toString() const;
};

// What an import did. Counts are exact; `problems` keeps the first MaxProblems in file order
// (everything quarantined is also in the workspace's quarantine table).
struct ImportReport
{
    static constexpr int MaxProblems = 10000;

    qint64 imported = 0;
    qint64 alreadyPresent = 0;
    qint64 conflicts = 0;
    qint64 quarantined = 0;
    qint64 replaced = 0;
    qint64 rejectedFiles = 0;
    qint64 warnings = 0;
    qint64 files = 0;
    qint64 bytes = 0;
    bool cancelled = false;
    QVector<ImportProblem> problems;
    qint64 problemsLeftOut = 0;

    void add(ImportProblem problem);
    // "imported N, already present N, conflicts N, quarantined N, rejected files N"
    QString summary(bool withReplaced = false) const;
    // Something was refused: a rejected file, a quarantined record or a conflict.
    bool hasRefusals() const { return conflicts + quarantined + rejectedFiles > 0; }
};

} // namespace Triage
