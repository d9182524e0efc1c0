#pragma once

#include "field.h"
#include "filter.h"
#include "recordindex.h"

#include <array>
#include <vector>

namespace Triage {

// What a shop shows beside each filter value: for every field, how many records would match
// if that value were the field's only condition while every other field's conditions (and the
// search text) stay. A record failing no condition counts for every field, a record failing
// exactly one counts for that field only. Without a search text, on an index that keeps its
// combinations of facet values (RecordIndex::buildCombinations, as the window's does), this is
// decided per combination and only the passing rows are gathered record by record; otherwise
// every record is tested.
class FacetCounts
{
public:
    // When `rows` is given it receives the rows that pass the whole filter (what select()
    // returns), from the same pass: the search text is matched once, not twice.
    // Record by record, at a million records the pass is split over the cores (`parts` 0: as
    // many as there are, from ParallelFrom records on; tests ask for a number). By combination
    // it takes one thread (0.4 ms at a million) and `parts` is not used.
    static FacetCounts compute(const RecordIndex &index, const Filter &filter, RowSet *rows = nullptr,
                               int parts = 0);
    static constexpr quint32 ParallelFrom = 100000;

    // By level label, as LabelColumn::levelLabels(level) lists them.
    qint64 count(Field field, int level, quint32 levelCode) const;
    qint64 count(Field field, int level, const QString &label) const;
    // Records that pass the whole filter.
    qint64 matching() const { return m_matching; }

private:
    // Without a search text: per combination of facet values rather than per record.
    static FacetCounts byCombination(const RecordIndex &index, const Filter &filter, RowSet *rows);

    const RecordIndex *m_index = nullptr;
    std::array<std::vector<qint64>, AllFields.size()> m_byValue; // by value code
    qint64 m_matching = 0;
};

} // namespace Triage
