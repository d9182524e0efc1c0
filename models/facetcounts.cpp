#include "facetcounts.h"

#include "selection.h"

namespace Triage {

FacetCounts FacetCounts::compute(const RecordIndex &index, const Filter &filter, RowSet *rows)
{
    if (rows)
        rows->clear();
    FacetCounts result;
    result.m_index = &index;
    std::array<const std::vector<quint32> *, AllFields.size()> codes{};
    for (Field field : AllFields) {
        const LabelColumn &column = index.column(field);
        codes[size_t(field)] = &column.codes;
        result.m_byValue[size_t(field)].assign(size_t(column.valueCount()), 0);
    }
    CompiledFilter compiled(index, filter);
    const std::vector<Field> &active = compiled.activeFields();
    const auto n = quint32(index.size());
    for (quint32 row = 0; row < n; ++row) {
        int failures = 0;
        Field failed = Field::Symptom;
        for (Field field : active) {
            if (!compiled.passesField(field, row)) {
                failed = field;
                if (++failures > 1)
                    break;
            }
        }
        if (failures > 1 || !compiled.passesText(row))
            continue;
        if (failures == 1) {
            ++result.m_byValue[size_t(failed)][(*codes[size_t(failed)])[row]];
            continue;
        }
        ++result.m_matching;
        if (rows)
            rows->push_back(row);
        for (Field field : AllFields)
            ++result.m_byValue[size_t(field)][(*codes[size_t(field)])[row]];
    }
    return result;
}

qint64 FacetCounts::count(Field field, int level, quint32 levelCode) const
{
    const LabelColumn &column = m_index->column(field);
    const std::vector<quint32> &map = column.levelMap(level);
    const std::vector<qint64> &byValue = m_byValue[size_t(field)];
    qint64 sum = 0;
    for (size_t code = 0; code < byValue.size() && code < map.size(); ++code) {
        if (map[code] == levelCode)
            sum += byValue[code];
    }
    return sum;
}

qint64 FacetCounts::count(Field field, int level, const QString &label) const
{
    const std::optional<quint32> code = m_index->column(field).findLevel(level, label);
    return code ? count(field, level, *code) : 0;
}

} // namespace Triage
