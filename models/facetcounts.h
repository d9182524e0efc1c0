#pragma once

#include "field.h"
#include "filter.h"
#include "recordindex.h"

#include <array>
#include <vector>

namespace Triage {

// What a shop shows beside each filter value: for every field, how many records would match
// if that value were the field's only condition while every other field's conditions (and the
// search text) stay. Computed in one pass: a record failing no condition counts for every
// field, a record failing exactly one counts for that field only.
class FacetCounts
{
public:
    // When `rows` is given it receives the rows that pass the whole filter (what select()
    // returns), from the same pass: the search text is matched once, not twice.
    // At a million records the pass is split over the cores (`parts` 0: as many as there are,
    // from ParallelFrom records on; tests ask for a number).
    static FacetCounts compute(const RecordIndex &index, const Filter &filter, RowSet *rows = nullptr,
                               int parts = 0);
    static constexpr quint32 ParallelFrom = 100000;

    // By level label, as LabelColumn::levelLabels(level) lists them.
    qint64 count(Field field, int level, quint32 levelCode) const;
    qint64 count(Field field, int level, const QString &label) const;
    // Records that pass the whole filter.
    qint64 matching() const { return m_matching; }

private:
    const RecordIndex *m_index = nullptr;
    std::array<std::vector<qint64>, AllFields.size()> m_byValue; // by value code
    qint64 m_matching = 0;
};

} // namespace Triage
