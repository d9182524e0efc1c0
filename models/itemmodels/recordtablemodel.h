#pragma once

#include "recordindex.h"

#include <QAbstractTableModel>

namespace Triage {

class WorkbenchSession;
struct AppliedEdit;

// The records the active filter selects, as a table. It holds row numbers into the index and
// never a copy of a record; sorting orders those numbers by the index's codes, so a million
// rows sort without a proxy model.
class RecordTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Id, Series, Model, Stage, Symptom, Cause, Status, Link, EditedBy, ColumnCount };
    enum Role {
        RidRole = Qt::UserRole + 1, // the store's key of the row's record (qint64)
        IndexRowRole                // the row in the RecordIndex (quint32)
    };

    explicit RecordTableModel(WorkbenchSession &session, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    qint64 ridAt(int row) const;
    quint32 indexRowAt(int row) const { return m_rows[size_t(row)]; }
    // The table row showing the record, or -1 when the filter hides it.
    int rowOfRid(qint64 rid) const;

private:
    void onRowsChanged();
    void onRecordsEdited(const QVector<AppliedEdit> &edits);
    void onReloaded();
    struct SortKeys
    {
        const RecordIndex *index = nullptr;
        const quint32 *codes = nullptr;
        std::vector<quint32> rankOfCode;
        enum { None, Number, Issue } second = None;
        bool descending = false;
        // The number that orders rows of the same text (0 for none), turned for descending.
        quint32 secondOf(quint32 row) const;
        quint64 operator()(quint32 row) const;
    };
    SortKeys sortKeys() const;
    void buildOrder();
    void reorder(std::vector<quint32> changed);
    RowSet sorted(RowSet rows);
    QString text(quint32 indexRow, int column) const;
    void setRows(RowSet rows);

    WorkbenchSession &m_session;
    RowSet m_rows;                   // index rows, in display order
    // Sorted: every index row in the sort order, and each one's place in it.
    std::vector<quint32> m_order;
    std::vector<quint32> m_rank;
    quint64 m_sessionRowsVersion = 0; // of the session's rows this table was made from
    bool m_sortKeysChanged = false;  // an edit changed the sort column's values
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace Triage
