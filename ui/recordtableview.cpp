#include "recordtableview.h"

#include "recordtabledelegate.h"
#include "recordtablemodel.h"

#include <QAction>
#include <QHeaderView>

namespace Triage {

RecordTableView::RecordTableView(RecordTableModel *model, QWidget *parent)
    : QTableView(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("recordTable"));
    // Every row the same height: the view never asks a million rows how tall they are. Set
    // before the model: the header keeps an item per row, and would build them twice.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    setModel(model);
    setItemDelegate(new RecordTableDelegate(this));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSortingEnabled(true);
    horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    setWordWrap(false);
    setTextElideMode(Qt::ElideMiddle);
    setAlternatingRowColors(true);
    verticalHeader()->hide();
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setContextMenuPolicy(Qt::ActionsContextMenu);
    const int widths[] = {150, 80, 140, 90, 330, 330, 70, 300, 110};
    for (int column = 0; column < RecordTableModel::ColumnCount; ++column) {
        setColumnWidth(column, widths[column]);
        // The header's context menu chooses the columns; the header state remembers them.
        auto *show = new QAction(model->headerData(column, Qt::Horizontal).toString(), horizontalHeader());
        show->setObjectName(QStringLiteral("showColumn%1").arg(column));
        show->setCheckable(true);
        show->setChecked(true);
        connect(show, &QAction::toggled, this, [this, column](bool on) { setColumnHidden(column, !on); });
        horizontalHeader()->addAction(show);
    }
    // After a saved header state is restored, the menu follows what it hides.
    connect(horizontalHeader(), &QHeaderView::geometriesChanged, this, [this] {
        const QList<QAction *> actions = horizontalHeader()->actions();
        for (int column = 0; column < actions.size(); ++column) {
            const QSignalBlocker quiet(actions[column]);
            actions[column]->setChecked(!isColumnHidden(column));
        }
    });

    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, &RecordTableView::rememberBeforeReset);
    connect(model, &QAbstractItemModel::modelReset, this, &RecordTableView::restoreCurrent);
    connect(model, &QAbstractItemModel::layoutChanged, this, [this] {
        if (currentIndex().isValid())
            scrollTo(currentIndex());
    });
}

void RecordTableView::onCurrentChanged(const QModelIndex &current)
{
    const qint64 rid = current.isValid() ? m_model->ridAt(current.row()) : 0;
    if (rid == m_currentRid)
        return;
    m_currentRid = rid;
    Q_EMIT currentRecordChanged(rid);
}

void RecordTableView::rememberBeforeReset()
{
    m_rowBeforeReset = currentIndex().isValid() ? currentIndex().row() : -1;
    // A selection of a few rows (a batch in the making) is kept; "select all" of a million is not.
    m_selectedBeforeReset.clear();
    if (selectionModel()->selection().size() <= 64) {
        qsizetype rows = 0;
        for (const QItemSelectionRange &range : selectionModel()->selection())
            rows += range.height();
        if (rows <= 100000)
            m_selectedBeforeReset = selectedRids();
    }
}

// After the filter changed, stay on the same record when it is still shown; otherwise keep the
// same position, so the annotator carries on with the next one. The selected rows that are
// still shown stay selected.
void RecordTableView::restoreCurrent()
{
    // The view lays itself out after a reset on the next turn of the event loop, after the
    // window has painted: the scroll bar then came a frame late. Now, in the same frame.
    doItemsLayout();
    int row = m_model->rowOfRid(m_currentRid);
    if (row < 0 && m_model->rowCount() > 0)
        row = std::clamp(m_rowBeforeReset < 0 ? 0 : m_rowBeforeReset, 0, m_model->rowCount() - 1);
    if (row < 0) {
        onCurrentChanged({});
        return;
    }
    QVector<int> rows;
    for (qint64 rid : std::as_const(m_selectedBeforeReset)) {
        const int selected = m_model->rowOfRid(rid);
        if (selected >= 0)
            rows.append(selected);
    }
    std::sort(rows.begin(), rows.end());
    QItemSelection selection;
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1)
            ++j;
        selection.select(m_model->index(rows[i], 0), m_model->index(rows[j], m_model->columnCount() - 1));
        i = j + 1;
    }
    const QModelIndex index = m_model->index(row, 0);
    if (selection.isEmpty() || !selection.contains(index)) {
        selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    } else {
        selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
        selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    }
    scrollTo(index);
}

void RecordTableView::setCurrentRid(qint64 rid)
{
    const int row = m_model->rowOfRid(rid);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, 0);
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(index);
}

QVector<qint64> RecordTableView::selectedRids() const
{
    QVector<qint64> rids;
    for (const QItemSelectionRange &range : selectionModel()->selection()) {
        for (int row = range.top(); row <= range.bottom(); ++row)
            rids.append(m_model->ridAt(row));
    }
    return rids;
}

bool RecordTableView::step(int delta)
{
    const int row = (currentIndex().isValid() ? currentIndex().row() : -1) + delta;
    if (row < 0 || row >= m_model->rowCount())
        return false;
    const QModelIndex index = m_model->index(row, currentIndex().isValid() ? currentIndex().column() : 0);
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(index);
    return true;
}

} // namespace Triage
