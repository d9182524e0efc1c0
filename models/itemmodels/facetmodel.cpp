#include "facetmodel.h"

#include "labelpath.h"
#include "plaintext.h"
#include "workbenchsession.h"

#include <QLocale>
#include <QSet>

#include <algorithm>

namespace Triage {

FacetModel::FacetModel(WorkbenchSession &session, Field field, QObject *parent)
    : QAbstractItemModel(parent)
    , m_session(session)
    , m_field(field)
{
    rebuild();
    connect(&session, &WorkbenchSession::recordsEdited, this, [this] {
        if (labelsShown() != m_labels) { // an edit brought a new label or retired one
            beginResetModel();
            rebuild();
            endResetModel();
        }
    });
    connect(&session, &WorkbenchSession::rowsChanged, this, [this] {
        if (labelsShown() != m_labels) { // a picked label no record has was unpicked
            beginResetModel();
            rebuild();
            endResetModel();
        } else {
            refreshCounts();
        }
    });
    connect(&session, &WorkbenchSession::reloaded, this, [this] {
        beginResetModel();
        rebuild();
        endResetModel();
    });
}

// The labels the tree shows: those in use, and those picked in the filter even when no record
// has them any more (a batch relabel emptied the entry), so a picked entry can always be unpicked.
QStringList FacetModel::labelsShown() const
{
    QStringList labels = m_session.index().labelsInUse(m_field);
    const QVector<FacetValue> picked = m_session.filter().values(m_field);
    if (picked.isEmpty())
        return labels;
    // A branch picked above the leaves ("Crash - CUDA Error") is a node of the labels under
    // it: counted as missing, it made the tree reset and repaint a frame late at every click.
    QSet<QString> shown;
    const bool tree = maxLevel(m_field) > 1;
    for (const QString &label : std::as_const(labels)) {
        for (int level = 1; level <= (tree ? maxLevel(m_field) : 1); ++level)
            shown.insert(tree ? LabelPath::cut(label, level) : label);
    }
    for (const FacetValue &value : picked) {
        if (!shown.contains(value.value)) {
            labels.append(value.value);
            shown.insert(value.value);
        }
    }
    return labels;
}

void FacetModel::rebuild()
{
    m_labels = labelsShown();
    m_nodes.assign(1, Node());
    const bool tree = maxLevel(m_field) > 1;
    for (const QString &label : m_labels) {
        const QStringList parts = tree ? LabelPath::parts(label) : QStringList{label};
        int parent = 0;
        for (int level = 1; level <= int(parts.size()); ++level) {
            const QString path = tree ? LabelPath::cut(label, level) : label;
            int found = -1;
            for (int child : m_nodes[size_t(parent)].children) {
                if (m_nodes[size_t(child)].value.value == path) {
                    found = child;
                    break;
                }
            }
            if (found < 0) {
                Node node;
                node.value = {m_field, level, path};
                node.name = parts[level - 1];
                node.parent = parent;
                node.row = int(m_nodes[size_t(parent)].children.size());
                found = int(m_nodes.size());
                m_nodes.push_back(node);
                m_nodes[size_t(parent)].children.push_back(found);
            }
            parent = found;
        }
    }
    const FacetCounts &counts = m_session.facetCounts();
    for (size_t i = 1; i < m_nodes.size(); ++i)
        m_nodes[i].count = counts.count(m_field, tree ? m_nodes[i].value.level : 1, m_nodes[i].value.value);
}

void FacetModel::refreshCounts()
{
    const FacetCounts &counts = m_session.facetCounts();
    const bool tree = maxLevel(m_field) > 1;
    for (size_t i = 1; i < m_nodes.size(); ++i)
        m_nodes[i].count = counts.count(m_field, tree ? m_nodes[i].value.level : 1, m_nodes[i].value.value);
    // Counts and check states may have changed anywhere: one signal per list of siblings.
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        const Node &node = m_nodes[i];
        if (node.children.empty())
            continue;
        const QModelIndex parent = i == 0 ? QModelIndex() : createIndex(node.row, 0, quintptr(i));
        Q_EMIT dataChanged(index(0, 0, parent), index(int(node.children.size()) - 1, 1, parent),
                           {Qt::DisplayRole, Qt::CheckStateRole, CountRole, Qt::ToolTipRole});
    }
}

int FacetModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? int(index.internalId()) : 0;
}

QModelIndex FacetModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const Node &node = m_nodes[size_t(nodeOf(parent))];
    return createIndex(row, column, quintptr(node.children[size_t(row)]));
}

QModelIndex FacetModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int parentNode = m_nodes[size_t(nodeOf(child))].parent;
    if (parentNode <= 0)
        return {};
    return createIndex(m_nodes[size_t(parentNode)].row, 0, quintptr(parentNode));
}

int FacetModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(m_nodes[size_t(nodeOf(parent))].children.size());
}

int FacetModel::columnCount(const QModelIndex &) const
{
    return 2;
}

bool FacetModel::hasPickedDescendant(int node) const
{
    for (int child : m_nodes[size_t(node)].children) {
        if (m_session.filter().contains(m_nodes[size_t(child)].value) || hasPickedDescendant(child))
            return true;
    }
    return false;
}

Qt::CheckState FacetModel::checkState(int node) const
{
    const ActiveFilter &filter = m_session.filter();
    if (filter.covers(m_nodes[size_t(node)].value))
        return Qt::Checked;
    return hasPickedDescendant(node) ? Qt::PartiallyChecked : Qt::Unchecked;
}

QVariant FacetModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node &node = m_nodes[size_t(nodeOf(index))];
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == 0 ? QVariant(node.name) : QVariant(QLocale().toString(node.count));
    case Qt::ToolTipRole:
        return plainTextTooltip(
            tr("%1: %2 records with the other filters").arg(node.value.value, QLocale().toString(node.count)));
    case Qt::CheckStateRole:
        return index.column() == 0 ? QVariant(checkState(nodeOf(index))) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == 1 ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case CountRole:
        return node.count;
    case FacetValueRole:
        return ActiveFilter::serializeOne(node.value);
    default:
        return {};
    }
}

Qt::ItemFlags FacetModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == 0)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant FacetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == 1)
        return tr("Records");
    return fieldTitle(m_field);
}

void FacetModel::uncheck(int node)
{
    ActiveFilter &filter = m_session.filter();
    const FacetValue &value = m_nodes[size_t(node)].value;
    QVector<FacetValue> values = filter.values();
    if (filter.contains(value)) {
        values.removeAll(value);
    } else if (!filter.covers(value)) {
        // Partly checked: clear every picked descendant.
        values.erase(std::remove_if(values.begin(), values.end(),
                                    [&](const FacetValue &v) { return value.covers(v); }),
                     values.end());
    } else {
        // Implied by a picked ancestor: pick the ancestor's other branches instead, down to
        // this node's siblings, so everything but this node stays selected.
        std::vector<int> path;
        for (int n = node; n > 0; n = m_nodes[size_t(n)].parent)
            path.push_back(n);
        std::reverse(path.begin(), path.end());
        size_t top = 0;
        while (!filter.contains(m_nodes[size_t(path[top])].value))
            ++top;
        values.removeAll(m_nodes[size_t(path[top])].value);
        for (size_t i = top; i + 1 < path.size(); ++i) {
            const Node &ancestor = m_nodes[size_t(path[i])];
            for (int sibling : ancestor.children) {
                if (sibling != path[i + 1])
                    values.append(m_nodes[size_t(sibling)].value);
            }
            // "Crash - CUDA Error" may be a label of its own beside its children: its records
            // stay picked, by the label taken whole at the deepest level.
            if (m_labels.contains(ancestor.value.value))
                values.append({m_field, maxLevel(m_field), ancestor.value.value});
        }
    }
    filter.setValues(values);
}

bool FacetModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != 0)
        return false;
    const int node = nodeOf(index);
    if (Qt::CheckState(value.toInt()) == Qt::Unchecked)
        uncheck(node);
    else
        m_session.filter().add(m_nodes[size_t(node)].value);
    return true; // the filter's change signal refreshes every entry
}

QModelIndex FacetModel::indexOf(const FacetValue &value) const
{
    for (size_t i = 1; i < m_nodes.size(); ++i) {
        if (m_nodes[i].value == value)
            return createIndex(m_nodes[i].row, 0, quintptr(i));
    }
    return {};
}

FacetValue FacetModel::valueAt(const QModelIndex &index) const
{
    return index.isValid() ? m_nodes[size_t(nodeOf(index))].value : FacetValue();
}

} // namespace Triage
