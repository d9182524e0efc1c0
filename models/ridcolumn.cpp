#include "ridcolumn.h"

#include <algorithm>
#include <limits>

namespace Triage {

void RidColumn::assign(std::vector<qint64> rids)
{
    m_first = rids.empty() ? 0 : rids.front();
    m_wide = !rids.empty()
        && quint64(rids.back()) - quint64(rids.front()) > std::numeric_limits<quint32>::max();
    m_offsets.clear();
    m_offsets.shrink_to_fit();
    if (m_wide) {
        m_rids = std::move(rids);
        return;
    }
    m_rids = {};
    m_offsets.resize(rids.size());
    for (size_t row = 0; row < rids.size(); ++row)
        m_offsets[row] = quint32(rids[row] - m_first);
}

std::optional<quint32> RidColumn::find(qint64 rid) const
{
    if (m_wide) {
        const auto it = std::lower_bound(m_rids.begin(), m_rids.end(), rid);
        if (it == m_rids.end() || *it != rid)
            return std::nullopt;
        return quint32(it - m_rids.begin());
    }
    // An id below the first wraps round to a difference past any offset.
    if (m_offsets.empty() || quint64(rid) - quint64(m_first) > std::numeric_limits<quint32>::max())
        return std::nullopt;
    const auto offset = quint32(quint64(rid) - quint64(m_first));
    const auto it = std::lower_bound(m_offsets.begin(), m_offsets.end(), offset);
    if (it == m_offsets.end() || *it != offset)
        return std::nullopt;
    return quint32(it - m_offsets.begin());
}

} // namespace Triage
