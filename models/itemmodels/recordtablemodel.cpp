#include "recordtablemodel.h"

#include "naturalorder.h"
#include "plaintext.h"
#include "workbenchsession.h"
#include "workspace.h"


#include <algorithm>
#include <numeric>

namespace Triage {

namespace {

// Rank of every value of a column in natural, case-insensitive order: sorting by rank sorts by
// text without comparing a string per row.
std::vector<quint32> ranksOf(const QStringList &values)
{
    const NaturalOrder less;
    std::vector<quint32> order(size_t(values.size()));
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](quint32 a, quint32 b) {
        return less(values[qsizetype(a)], values[qsizetype(b)]);
    });
    std::vector<quint32> rank(order.size());
    for (size_t i = 0; i < order.size(); ++i)
        rank[order[i]] = quint32(i);
    return rank;
}

Field fieldOf(int column)
{
    switch (column) {
    case RecordTableModel::Series:
        return Field::Series;
    case RecordTableModel::Model:
        return Field::Model;
    case RecordTableModel::Stage:
        return Field::Stage;
    case RecordTableModel::Symptom:
        return Field::Symptom;
    case RecordTableModel::Cause:
        return Field::Cause;
    default:
        return Field::Status;
    }
}

} // namespace

RecordTableModel::RecordTableModel(WorkbenchSession &session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    setRows(session.rows());
    m_sessionRowsVersion = session.rowsVersion();
    connect(&session, &WorkbenchSession::rowsChanged, this, &RecordTableModel::onRowsChanged);
    connect(&session, &WorkbenchSession::recordsEdited, this, &RecordTableModel::onRecordsEdited);
    connect(&session, &WorkbenchSession::reloaded, this, &RecordTableModel::onReloaded);
}

int RecordTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecordTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RecordTableModel::text(quint32 indexRow, int column) const
{
    const RecordIndex &index = m_session.index();
    switch (column) {
    case Id:
        return index.id(indexRow);
    case Link:
        return index.link(indexRow);
    case EditedBy:
        return index.editors().value(index.editors().codes[indexRow]);
    case Symptom:
    case Cause: {
        const Field field = fieldOf(column);
        return index.text({field, maxLevel(field)}, indexRow);
    }
    default:
        return index.text({fieldOf(column), 1}, indexRow);
    }
}

QVariant RecordTableModel::data(const QModelIndex &modelIndex, int role) const
{
    if (!checkIndex(modelIndex, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const quint32 indexRow = m_rows[size_t(modelIndex.row())];
    switch (role) {
    case Qt::DisplayRole:
        return text(indexRow, modelIndex.column());
    case Qt::ToolTipRole:
        return plainTextTooltip(text(indexRow, modelIndex.column()));
    case RidRole:
        return m_session.index().rid(indexRow);
    case IndexRowRole:
        return indexRow;
    default:
        return {};
    }
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id:
        return tr("Id");
    case Series:
        return tr("Series");
    case Model:
        return tr("Model");
    case Stage:
        return tr("Stage");
    case Symptom:
        return tr("Symptom");
    case Cause:
        return tr("Root cause");
    case Status:
        return tr("Status");
    case Link:
        return tr("Link");
    case EditedBy:
        return tr("Last edited by");
    }
    return {};
}

RowSet RecordTableModel::sorted(RowSet rows) const
{
    if (m_sortColumn < 0)
        return rows;
    const RecordIndex &index = m_session.index();
    // A 64-bit key per row: the text's rank, then a number where the text is shared (an id's
    // number, a link's issue); ties keep index order.
    std::vector<quint64> keys(rows.size());
    const auto fill = [&](const LabelColumn &column, const std::vector<quint32> &map,
                          const QStringList &labels, auto second) {
        const std::vector<quint32> rank = ranksOf(labels);
        for (size_t i = 0; i < rows.size(); ++i)
            keys[i] = quint64(rank[map[column.codes[rows[i]]]]) << 32 | second(rows[i]);
    };
    const auto none = [](quint32) { return quint64(0); };
    switch (m_sortColumn) {
    case Id: {
        const LabelColumn &models = index.column(Field::Model);
        fill(models, models.levelMap(1), models.levelLabels(1),
             [&](quint32 row) { return quint64(index.number(row)); });
        break;
    }
    case Link: {
        // By repository, then issue number: what the link text reads as.
        const LabelColumn &repos = index.column(Field::Series);
        std::vector<quint32> identity(size_t(repos.valueCount()));
        std::iota(identity.begin(), identity.end(), 0u);
        QStringList values;
        for (int code = 0; code < repos.valueCount(); ++code)
            values.append(repos.value(quint32(code)));
        fill(repos, identity, values, [&](quint32 row) { return quint64(index.issue(row)); });
        break;
    }
    case EditedBy: {
        const LabelColumn &editors = index.editors();
        fill(editors, editors.levelMap(1), editors.levelLabels(1), none);
        break;
    }
    default: {
        const Field field = fieldOf(m_sortColumn);
        const LabelColumn &column = index.column(field);
        const int level = column.levels();
        fill(column, column.levelMap(level), column.levelLabels(level), none);
        break;
    }
    }
    std::vector<quint32> order(rows.size());
    std::iota(order.begin(), order.end(), 0u);
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    std::stable_sort(order.begin(), order.end(), [&](quint32 a, quint32 b) {
        return descending ? keys[a] > keys[b] : keys[a] < keys[b];
    });
    RowSet result(rows.size());
    for (size_t i = 0; i < order.size(); ++i)
        result[i] = rows[order[i]];
    return result;
}

void RecordTableModel::sort(int column, Qt::SortOrder order)
{
    if (column >= ColumnCount)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<qint64> rids;
    for (const QModelIndex &index : before)
        rids.push_back(ridAt(index.row()));
    m_sortColumn = column;
    m_sortOrder = order;
    setRows(sorted(m_session.rows()));
    QModelIndexList after;
    for (size_t i = 0; i < rids.size(); ++i) {
        const int row = rowOfRid(rids[i]);
        after.append(row < 0 ? QModelIndex() : this->index(row, before[qsizetype(i)].column()));
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

qint64 RecordTableModel::ridAt(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return 0;
    return m_session.index().rid(m_rows[size_t(row)]);
}

int RecordTableModel::rowOfRid(qint64 rid) const
{
    const std::optional<quint32> indexRow = m_session.index().rowOf(rid);
    if (!indexRow)
        return -1;
    if (m_sortColumn < 0) {
        const auto at = std::lower_bound(m_rows.begin(), m_rows.end(), *indexRow);
        return at != m_rows.end() && *at == *indexRow ? int(at - m_rows.begin()) : -1;
    }
    if (*indexRow >= m_position.size())
        return -1;
    return m_position[*indexRow];
}

// Every change of the rows goes through here, so the position of each record is known at
// once (a million rows: a lookup, not a scan). Unsorted, the rows ascend and a binary search
// finds it: no table of a million positions (4 MB) to rebuild at every filter click.
void RecordTableModel::setRows(RowSet rows)
{
    m_rows = std::move(rows);
    if (m_sortColumn < 0) {
        m_position = {};
        return;
    }
    m_position.assign(size_t(m_session.index().size()), -1);
    for (size_t row = 0; row < m_rows.size(); ++row)
        m_position[m_rows[row]] = qint32(row);
}

void RecordTableModel::onRecordsEdited(const QVector<AppliedEdit> &edits)
{
    for (const AppliedEdit &edit : edits) {
        const bool noteOnly = edit.field == EditField::Note;
        const bool sortColumn = (edit.field == EditField::Symptom && m_sortColumn == Symptom)
            || (edit.field == EditField::Cause && m_sortColumn == Cause)
            || (edit.field == EditField::Stage && m_sortColumn == Stage)
            || (!noteOnly && m_sortColumn == EditedBy);
        m_sortKeysChanged = m_sortKeysChanged || sortColumn;
    }
    // The labels of these rows changed; whether they stay shown is onRowsChanged()'s work. A
    // big batch repaints the whole (visible) table rather than sending a signal per row.
    if (edits.size() > 256) {
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                               {Qt::DisplayRole, Qt::ToolTipRole});
        return;
    }
    for (const AppliedEdit &edit : edits) {
        const int row = rowOfRid(edit.rid);
        if (row >= 0)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1), {Qt::DisplayRole, Qt::ToolTipRole});
    }
}

void RecordTableModel::onRowsChanged()
{
    // The same records, and their order by the sort column unchanged: nothing to redo.
    const bool sameRows = m_session.rowsVersion() == m_sessionRowsVersion;
    if (sameRows && !(m_sortColumn >= 0 && m_sortKeysChanged))
        return;
    m_sessionRowsVersion = m_session.rowsVersion();
    m_sortKeysChanged = false;
    RowSet rows = sorted(m_session.rows());
    if (rows == m_rows)
        return;
    beginResetModel();
    setRows(std::move(rows));
    endResetModel();
}

void RecordTableModel::onReloaded()
{
    beginResetModel();
    m_sessionRowsVersion = m_session.rowsVersion();
    m_sortKeysChanged = false;
    setRows(sorted(m_session.rows()));
    endResetModel();
}

} // namespace Triage
