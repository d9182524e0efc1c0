#pragma once

#include "field.h"
#include "recordindex.h"

#include <QStringList>

#include <optional>
#include <vector>

namespace Triage {

// Counts of records by the labels of one field, or of two fields against each other, over a
// set of rows. Only labels that occur are kept; rows and columns are ordered by their totals,
// largest first, ties by label.
class Crosstab
{
public:
    static Crosstab compute(const RecordIndex &index, const RowSet &rows, FieldLevel rowField,
                            std::optional<FieldLevel> columnField = std::nullopt);

    FieldLevel rowField() const { return m_rowField; }
    std::optional<FieldLevel> columnField() const { return m_columnField; }
    // Without a column field there is one column, "count".
    const QStringList &rowLabels() const { return m_rowLabels; }
    const QStringList &columnLabels() const { return m_columnLabels; }
    int rowCount() const { return int(m_rowLabels.size()); }
    int columnCount() const { return int(m_columnLabels.size()); }

    qint64 count(int row, int column) const { return m_counts[size_t(row * columnCount() + column)]; }
    qint64 rowTotal(int row) const;
    qint64 columnTotal(int column) const;
    qint64 total() const { return m_total; }
    int rowOf(const QString &label) const { return int(m_rowLabels.indexOf(label)); }
    int columnOf(const QString &label) const { return int(m_columnLabels.indexOf(label)); }
    // The counts of one row, by column.
    std::vector<double> rowVector(int row) const;

private:
    FieldLevel m_rowField;
    std::optional<FieldLevel> m_columnField;
    QStringList m_rowLabels;
    QStringList m_columnLabels;
    std::vector<qint64> m_counts; // row-major
    qint64 m_total = 0;
};

} // namespace Triage
