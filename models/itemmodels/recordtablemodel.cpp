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

// A 64-bit key per row: the rank of its text in natural order, then a number where the text
// is shared (an id's number, a link's issue). Descending, the key is inverted, so that both
// orders sort ascending by (key, index row): ties keep index order either way.
RecordTableModel::SortKeys RecordTableModel::sortKeys() const
{
    const RecordIndex &index = m_session.index();
    SortKeys keys;
    keys.index = &index;
    keys.descending = m_sortOrder == Qt::DescendingOrder;
    const auto rankBy = [&](const LabelColumn &column, const std::vector<quint32> &map, const QStringList &labels) {
        const std::vector<quint32> rank = ranksOf(labels);
        keys.codes = column.codes.data();
        keys.rankOfCode.resize(map.size());
        for (size_t code = 0; code < map.size(); ++code)
            keys.rankOfCode[code] = rank[map[code]];
    };
    switch (m_sortColumn) {
    case Id: {
        const LabelColumn &models = index.column(Field::Model);
        rankBy(models, models.levelMap(1), models.levelLabels(1));
        keys.second = SortKeys::Number;
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
        rankBy(repos, identity, values);
        keys.second = SortKeys::Issue;
        break;
    }
    case EditedBy: {
        const LabelColumn &editors = index.editors();
        rankBy(editors, editors.levelMap(1), editors.levelLabels(1));
        break;
    }
    default: {
        const LabelColumn &column = index.column(fieldOf(m_sortColumn));
        const int level = column.levels();
        rankBy(column, column.levelMap(level), column.levelLabels(level));
        break;
    }
    }
    return keys;
}

quint32 RecordTableModel::SortKeys::secondOf(quint32 row) const
{
    quint32 value = 0;
    if (second == Number)
        value = quint32(index->number(row));
    else if (second == Issue)
        value = quint32(index->issue(row));
    return descending ? ~value : value;
}

quint64 RecordTableModel::SortKeys::operator()(quint32 row) const
{
    const quint32 rank = rankOfCode[codes[row]];
    return quint64(descending ? ~rank : rank) << 32 | secondOf(row);
}

// Every record of the index in the sort order, once per sort: a filter click then picks its
// rows out of it in one pass instead of sorting them (at a million rows, 2 ms rather than 60).
// The order is the one SortKeys gives, made as a counting sort by the text's rank (a column has
// a few hundred texts at most), each rank's rows then sorted by their number where there is one.
void RecordTableModel::buildOrder()
{
    const SortKeys key = sortKeys();
    const auto n = quint32(m_session.index().size());
    const auto ranks = quint32(key.rankOfCode.size());
    const auto bucketOf = [&](quint32 row) {
        const quint32 rank = key.rankOfCode[key.codes[row]];
        return key.descending ? ranks - 1 - rank : rank;
    };
    std::vector<quint32> start(size_t(ranks) + 1, 0);
    for (quint32 row = 0; row < n; ++row)
        ++start[bucketOf(row) + 1];
    for (quint32 b = 0; b < ranks; ++b)
        start[b + 1] += start[b];
    m_order.resize(n);
    std::vector<quint32> next(start.begin(), start.end() - 1);
    for (quint32 row = 0; row < n; ++row)
        m_order[next[bucketOf(row)]++] = row; // rows ascend within a rank: ties in index order
    if (key.second != SortKeys::None) {
        std::vector<quint64> packed;
        for (quint32 b = 0; b < ranks; ++b) {
            packed.clear();
            for (quint32 i = start[b]; i < start[b + 1]; ++i)
                packed.push_back(quint64(key.secondOf(m_order[i])) << 32 | m_order[i]);
            std::sort(packed.begin(), packed.end());
            for (size_t i = 0; i < packed.size(); ++i)
                m_order[start[b] + i] = quint32(packed[i]);
        }
    }
    m_rank.resize(n);
    for (quint32 i = 0; i < n; ++i)
        m_rank[m_order[i]] = i;
}

// Records whose sort key an edit changed move to their new place: out of the order, then back
// in by binary search, so a relabel in a sorted table is not a sort of every record.
void RecordTableModel::reorder(std::vector<quint32> changed)
{
    if (m_order.empty())
        return;
    if (changed.size() > m_order.size() / 64) { // a big batch: sorting again is as quick
        buildOrder();
        return;
    }
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    std::vector<quint32> positions;
    for (quint32 row : changed)
        positions.push_back(m_rank[row]);
    std::sort(positions.begin(), positions.end());
    size_t lo = positions.empty() ? m_order.size() : positions.front();
    size_t hi = positions.empty() ? 0 : positions.back();
    // The moved rows leave the order in one compacting pass (their old places are known from
    // m_rank), so the order stays sorted by the old keys of the rows that did not change.
    size_t kept = positions.empty() ? m_order.size() : positions.front();
    for (size_t i = kept, next = 0; i < m_order.size(); ++i) {
        if (next < positions.size() && positions[next] == i) {
            ++next;
            continue;
        }
        m_order[kept++] = m_order[i];
    }
    m_order.resize(kept);
    // Then each goes back in where its new key belongs, by binary search: the keys of the
    // rows around it are computed as needed, not for every record.
    const SortKeys key = sortKeys();
    std::vector<std::pair<quint64, quint32>> moved;
    for (quint32 row : changed)
        moved.push_back({key(row), row});
    std::sort(moved.begin(), moved.end());
    std::vector<quint32> merged;
    merged.reserve(m_order.size() + moved.size());
    auto from = m_order.cbegin();
    for (const auto &item : moved) {
        const auto at = std::lower_bound(from, m_order.cend(), item, [&](quint32 row, const auto &value) {
            return std::pair<quint64, quint32>(key(row), row) < value;
        });
        merged.insert(merged.end(), from, at);
        lo = std::min(lo, merged.size());
        hi = std::max(hi, merged.size());
        merged.push_back(item.second);
        from = at;
    }
    merged.insert(merged.end(), from, m_order.cend());
    m_order = std::move(merged);
    // Only positions between the first and the last moved record changed.
    for (size_t i = lo; i <= hi && i < m_order.size(); ++i)
        m_rank[m_order[i]] = quint32(i);
}

RowSet RecordTableModel::sorted(RowSet rows)
{
    if (m_sortColumn < 0)
        return rows;
    if (m_order.size() != size_t(m_session.index().size()))
        buildOrder();
    if (rows.size() == m_order.size())
        return m_order;
    if (rows.size() < m_order.size() / 32) { // few rows: sorted by their place in the order
        std::sort(rows.begin(), rows.end(), [&](quint32 a, quint32 b) { return m_rank[a] < m_rank[b]; });
        return rows;
    }
    // Many: the order walked once, keeping the rows the filter selects.
    std::vector<quint64> selected((m_order.size() + 63) / 64, 0);
    for (quint32 row : rows)
        selected[row / 64] |= quint64(1) << (row % 64);
    RowSet result;
    result.reserve(rows.size());
    for (quint32 row : m_order) {
        if (selected[row / 64] >> (row % 64) & 1)
            result.push_back(row);
    }
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
    m_order.clear();
    m_rank.clear();
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
    // Sorted, the rows ascend in the order: a binary search by each row's place in it.
    if (*indexRow >= m_rank.size())
        return -1;
    const quint32 place = m_rank[*indexRow];
    const auto at = std::lower_bound(m_rows.begin(), m_rows.end(), place,
                                     [&](quint32 row, quint32 value) { return m_rank[row] < value; });
    return at != m_rows.end() && *at == *indexRow ? int(at - m_rows.begin()) : -1;
}

void RecordTableModel::setRows(RowSet rows)
{
    m_rows = std::move(rows);
}

void RecordTableModel::onRecordsEdited(const QVector<AppliedEdit> &edits)
{
    std::vector<quint32> moved;
    for (const AppliedEdit &edit : edits) {
        const bool noteOnly = edit.field == EditField::Note;
        const bool sortColumn = (edit.field == EditField::Symptom && m_sortColumn == Symptom)
            || (edit.field == EditField::Cause && m_sortColumn == Cause)
            || (edit.field == EditField::Stage && m_sortColumn == Stage)
            || (!noteOnly && m_sortColumn == EditedBy);
        if (!sortColumn)
            continue;
        m_sortKeysChanged = true;
        if (const std::optional<quint32> row = m_session.index().rowOf(edit.rid))
            moved.push_back(*row);
    }
    // The labels of these rows changed; whether they stay shown is onRowsChanged()'s work. A
    // big batch repaints the whole (visible) table rather than sending a signal per row.
    if (edits.size() > 256) {
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                               {Qt::DisplayRole, Qt::ToolTipRole});
    } else {
        for (const AppliedEdit &edit : edits) {
            const int row = rowOfRid(edit.rid);
            if (row >= 0)
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1), {Qt::DisplayRole, Qt::ToolTipRole});
        }
    }
    // Only now the order moves: until onRowsChanged() sorts the rows again, rowOfRid() finds
    // rows by their place in the order they were sorted by.
    if (!moved.empty())
        reorder(std::move(moved));
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
    m_order.clear(); // other records: sorted() makes the order again
    m_rank.clear();
    m_sessionRowsVersion = m_session.rowsVersion();
    m_sortKeysChanged = false;
    setRows(sorted(m_session.rows()));
    endResetModel();
}

} // namespace Triage
