#include "crosstab.h"

#include <algorithm>
#include <numeric>

namespace Triage {

namespace {

// Indexes of the non-zero totals, by total descending then label.
std::vector<int> orderByTotal(const std::vector<qint64> &totals, const QStringList &labels)
{
    std::vector<int> order;
    for (size_t i = 0; i < totals.size(); ++i) {
        if (totals[i] > 0)
            order.push_back(int(i));
    }
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        if (totals[size_t(a)] != totals[size_t(b)])
            return totals[size_t(a)] > totals[size_t(b)];
        return labels[a] < labels[b];
    });
    return order;
}

} // namespace

Crosstab Crosstab::compute(const RecordIndex &index, const RowSet &rows, FieldLevel rowField,
                           std::optional<FieldLevel> columnField)
{
    Crosstab result;
    result.m_rowField = rowField;
    result.m_columnField = columnField;

    const RecordIndex::LevelView r = index.view(rowField);
    const size_t nr = size_t(r.labels.size());
    std::vector<qint64> dense;
    size_t nc = 1;
    if (columnField) {
        const RecordIndex::LevelView c = index.view(*columnField);
        nc = size_t(c.labels.size());
        dense.assign(nr * nc, 0);
        for (quint32 row : rows)
            ++dense[r(row) * nc + c(row)];
    } else {
        dense.assign(nr, 0);
        for (quint32 row : rows)
            ++dense[r(row)];
    }

    std::vector<qint64> rowTotals(nr, 0);
    std::vector<qint64> columnTotals(nc, 0);
    for (size_t i = 0; i < nr; ++i) {
        for (size_t j = 0; j < nc; ++j) {
            rowTotals[i] += dense[i * nc + j];
            columnTotals[j] += dense[i * nc + j];
        }
    }
    const QStringList columnLabels = columnField ? index.view(*columnField).labels
                                                 : QStringList{QStringLiteral("count")};
    const std::vector<int> rowOrder = orderByTotal(rowTotals, r.labels);
    std::vector<int> columnOrder = orderByTotal(columnTotals, columnLabels);
    if (!columnField)
        columnOrder = {0}; // the count column stays even when no record is counted

    for (int i : rowOrder)
        result.m_rowLabels.append(r.labels[i]);
    for (int j : columnOrder)
        result.m_columnLabels.append(columnLabels[j]);
    for (int i : rowOrder) {
        for (int j : columnOrder)
            result.m_counts.push_back(dense[size_t(i) * nc + size_t(j)]);
    }
    result.m_total = qint64(rows.size());
    return result;
}

qint64 Crosstab::rowTotal(int row) const
{
    qint64 sum = 0;
    for (int j = 0; j < columnCount(); ++j)
        sum += count(row, j);
    return sum;
}

qint64 Crosstab::columnTotal(int column) const
{
    qint64 sum = 0;
    for (int i = 0; i < rowCount(); ++i)
        sum += count(i, column);
    return sum;
}

std::vector<double> Crosstab::rowVector(int row) const
{
    std::vector<double> values;
    for (int j = 0; j < columnCount(); ++j)
        values.push_back(double(count(row, j)));
    return values;
}

} // namespace Triage
