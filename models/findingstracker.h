#pragma once

#include "findings.h"
#include "workspace.h"

#include <QString>
#include <QVector>

#include <array>

namespace Triage {


// The findings board's memory: the three findings over every record, and for each the edit
// that last changed its verdict ("no longer holds since DeepSeek-R1#3: cause ... -> ...").
// Undoing that edit is an edit too, and flips it back with its own note.
class FindingsTracker
{
public:
    enum Which { Divergence, Homogeneity, Escalation };
    static constexpr int Count = 3;

    // Recomputes; `edits` are what just changed (empty after a reload or at the start).
    void update(const RecordIndex &index, const QVector<AppliedEdit> &edits = {});

    const Findings &findings() const { return m_findings; }
    bool holds(Which which) const;
    const QVector<FindingCheck> &checks(Which which) const;
    // The finding in one sentence with its current numbers.
    QString statement(Which which) const;
    // The edit that last flipped the verdict, or empty when it has not flipped.
    QString flipNote(Which which) const { return m_flipNotes[which]; }
    static QString name(Which which);
    // How many records the findings were judged over (all of the workspace).
    qint64 recordCount() const { return m_records; }

private:
    static QString describe(const RecordIndex &index, const QVector<AppliedEdit> &edits);

    Findings m_findings;
    std::array<bool, Count> m_holds{};
    std::array<QString, Count> m_flipNotes;
    bool m_computed = false;
    qint64 m_records = 0;
};

} // namespace Triage
