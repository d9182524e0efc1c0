#pragma once

#include "filter.h"
#include "recordindex.h"

#include <array>
#include <memory>
#include <vector>

namespace Triage {

class TextMatcher;

// A Filter turned into yes/no tables over each column's value codes, so testing a record is a
// lookup per active field. Conditions on one field (at any levels) are ANDed into one table.
class CompiledFilter
{
public:
    CompiledFilter(const RecordIndex &index, const Filter &filter);
    ~CompiledFilter();

    // The fields with a condition, in AllFields order.
    const std::vector<Field> &activeFields() const { return m_active; }
    bool passesField(Field field, quint32 row) const
    {
        const Mask &mask = m_masks[size_t(field)];
        return mask.accepts[(*mask.codes)[row]] != 0;
    }
    // By value code: whether a value meets the field's conditions (for a field in activeFields()).
    const std::vector<char> &accepts(Field field) const { return m_masks[size_t(field)].accepts; }
    // The search text, when there is one.
    bool passesText(quint32 row);
    bool hasText() const { return m_text != nullptr; }
    bool passes(quint32 row);

private:
    struct Mask
    {
        const std::vector<quint32> *codes = nullptr;
        std::vector<char> accepts; // by value code
    };
    std::array<Mask, AllFields.size()> m_masks;
    std::vector<Field> m_active;
    std::unique_ptr<TextMatcher> m_text;
};

// The rows that pass the filter, in index order.
RowSet select(const RecordIndex &index, const Filter &filter);

} // namespace Triage
