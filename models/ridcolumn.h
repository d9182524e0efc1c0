#pragma once

#include <QtGlobal>

#include <optional>
#include <vector>

namespace Triage {

// The index's record ids (the store's rowids), ascending, one a row. Kept as offsets from the
// first id, four bytes a record instead of eight, while they span less than 2^32, as they do
// in every workspace the importer fills (ids count up from 1); as they are otherwise.
class RidColumn
{
public:
    // `rids` ascending.
    void assign(std::vector<qint64> rids);

    size_t size() const { return m_wide ? m_rids.size() : m_offsets.size(); }
    bool empty() const { return size() == 0; }
    qint64 operator[](quint32 row) const { return m_wide ? m_rids[row] : m_first + m_offsets[row]; }
    // The row holding `rid`, by binary search.
    std::optional<quint32> find(qint64 rid) const;

private:
    qint64 m_first = 0;
    std::vector<quint32> m_offsets;
    std::vector<qint64> m_rids; // only when they span 2^32 or more
    bool m_wide = false;
};

} // namespace Triage
