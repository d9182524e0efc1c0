#include "batchpreviewmodel.h"

#include "crosstab.h"
#include "plaintext.h"

#include <QLocale>

namespace Triage {

namespace {
FieldLevel fullLabel(EditField field)
{
    switch (field) {
    case EditField::Symptom:
        return {Field::Symptom, 3};
    case EditField::Cause:
        return {Field::Cause, 2};
    default:
        return {Field::Stage, 1};
    }
}
} // namespace

BatchPreviewModel::BatchPreviewModel(const RecordIndex &index, QObject *parent)
    : QAbstractTableModel(parent)
    , m_index(index)
{
}

void BatchPreviewModel::setRows(const RowSet &rows)
{
    m_rows = rows;
    recount();
}

void BatchPreviewModel::setChange(EditField field, const QString &newValue)
{
    if (field != m_field || m_before.isEmpty()) {
        m_field = field;
        m_newValue = newValue;
        recount();
        return;
    }
    // Same field: the counts stand, only what the rows become changes.
    m_newValue = newValue;
    if (!m_before.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void BatchPreviewModel::recount()
{
    beginResetModel();
    const Crosstab counts = Crosstab::compute(m_index, m_rows, fullLabel(m_field));
    m_before = counts.rowLabels();
    m_counts.clear();
    for (int i = 0; i < counts.rowCount(); ++i)
        m_counts.append(counts.count(i, 0));
    endResetModel();
}

qint64 BatchPreviewModel::changing() const
{
    qint64 total = 0;
    for (qsizetype i = 0; i < m_before.size(); ++i) {
        if (m_before[i] != m_newValue)
            total += m_counts[i];
    }
    return total;
}

int BatchPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_before.size());
}

int BatchPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BatchPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const bool unchanged = m_before[index.row()] == m_newValue;
    if (role == CountRole)
        return m_counts[index.row()];
    if (role == UnchangedRole)
        return unchanged;
    if (role == Qt::TextAlignmentRole && index.column() == Records)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole)
        return plainTextTooltip(data(index, Qt::DisplayRole).toString());
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Before:
        return m_before[index.row()];
    case Records:
        return QLocale().toString(m_counts[index.row()]);
    case After:
        return unchanged ? tr("(unchanged)") : m_newValue;
    }
    return {};
}

QVariant BatchPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Before:
        return tr("Now");
    case Records:
        return tr("Records");
    case After:
        return tr("After");
    }
    return {};
}

} // namespace Triage
