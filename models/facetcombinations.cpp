#include "facetcombinations.h"

namespace Triage {

size_t FacetCombinations::CodesHash::operator()(const Codes &codes) const
{
    quint64 h = 0x9e3779b97f4a7c15ull;
    for (quint32 code : codes) {
        h ^= code;
        h *= 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    return size_t(h);
}

bool FacetCombinations::build(const std::array<const std::vector<quint32> *, FieldCount> &columns)
{
    *this = {};
    const size_t n = columns[0]->size();
    m_combinationOf.resize(n);
    Codes codes{};
    for (size_t row = 0; row < n; ++row) {
        for (size_t field = 0; field < FieldCount; ++field)
            codes[field] = (*columns[field])[row];
        const quint32 combination = intern(codes);
        if (combination == Limit) {
            *this = {};
            return false;
        }
        ++m_uses[combination];
        m_combinationOf[row] = quint16(combination);
    }
    return true;
}

bool FacetCombinations::update(quint32 row, const Codes &codes)
{
    Q_ASSERT(row < rowCount());
    const quint32 before = combinationOf(row);
    if (m_codes[before] == codes)
        return true;
    const quint32 now = intern(codes);
    if (now == Limit)
        return false;
    --m_uses[before];
    ++m_uses[now];
    m_combinationOf[row] = quint16(now);
    return true;
}

quint32 FacetCombinations::intern(const Codes &codes)
{
    const auto found = m_find.find(codes);
    if (found != m_find.end())
        return found->second;
    const auto combination = quint32(m_codes.size());
    if (combination == Limit)
        return Limit;
    m_codes.push_back(codes);
    m_uses.push_back(0);
    m_find.emplace(codes, combination);
    return combination;
}

quint32 FacetCombinations::collect(const quint8 *passes, quint32 begin, quint32 end, quint32 *out) const
{
    // Every row is written and the end moves on past a passing one: no branch on the outcome.
    const quint16 *combinationOf = m_combinationOf.data();
    quint32 written = 0;
    for (quint32 row = begin; row < end; ++row) {
        out[written] = row;
        written += passes[combinationOf[row]];
    }
    return written;
}

} // namespace Triage
