#pragma once

#include "field.h"

#include <QtGlobal>

#include <array>
#include <unordered_map>
#include <vector>

namespace Triage {

// The distinct combinations of facet values the records hold (one value code per field), how
// many records hold each, and which one every record holds.
//
// Why: a record's facet counts and whether it passes a filter of facet values depend on its
// combination alone, and a million records resampled from a taxonomy hold far fewer. A filter
// click then decides and counts per combination, and only the list of passing rows needs a
// pass over the records: one two-byte code a record, with no branch on the outcome. Counting
// record by record, each of two threads took 1 to 10 ms for its half of a million records,
// depending on the filter: at 30-70% of records passing, the branches on a record's outcome
// were mispredicted as if at random.
//
// Past Limit combinations there is no gain left to buy with the memory (a table entry and a
// map node each, up to a million of them): build() and update() then give up, and the index
// counts record by record. A combination an edit leaves without records stays (with no uses)
// until the index is built again.
class FacetCombinations
{
public:
    static constexpr size_t FieldCount = AllFields.size();
    static constexpr quint32 Limit = 65536; // and so a code a record fits in two bytes
    using Codes = std::array<quint32, FieldCount>; // by Field

    // From the index's columns (by Field), all of the same length. False, and empty, when the
    // records hold more than Limit combinations.
    bool build(const std::array<const std::vector<quint32> *, FieldCount> &columns);
    // After an edit changed a record's codes: `codes` are all its codes now. False when that
    // would make more than Limit combinations: the caller drops them.
    bool update(quint32 row, const Codes &codes);

    quint32 combinationCount() const { return quint32(m_codes.size()); }
    const Codes &codes(quint32 combination) const { return m_codes[combination]; }
    // Records holding a combination now; 0 for one an edit left behind.
    qint64 uses(quint32 combination) const { return m_uses[combination]; }
    quint32 combinationOf(quint32 row) const { return m_combinationOf[row]; }
    size_t rowCount() const { return m_combinationOf.size(); }

    // Writes the rows in [begin, end) whose combination is marked 1 in `passes` (0 or 1 by
    // combination) to `out`, in order, and returns how many. Every row is written and only a
    // passing one kept, so `out` needs room for the passing rows and one more (at most
    // end - begin).
    quint32 collect(const quint8 *passes, quint32 begin, quint32 end, quint32 *out) const;

private:
    struct CodesHash
    {
        size_t operator()(const Codes &codes) const;
    };
    // The combination's number; Limit when it would be one too many.
    quint32 intern(const Codes &codes);

    std::vector<quint16> m_combinationOf; // by row
    std::vector<Codes> m_codes;
    std::vector<qint64> m_uses;
    std::unordered_map<Codes, quint32, CodesHash> m_find;
};

} // namespace Triage
