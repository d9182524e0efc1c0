#pragma once

#include <QTableView>

namespace Triage {

class RecordTableModel;

// The central table: fixed row height (no measuring of a million rows), sortable headers whose
// layout is saved, and a current record that survives filtering and sorting by its key.
class RecordTableView final : public QTableView
{
    Q_OBJECT

public:
    explicit RecordTableView(RecordTableModel *model, QWidget *parent = nullptr);

    qint64 currentRid() const { return m_currentRid; }
    void setCurrentRid(qint64 rid);
    // The records of the selected rows (all of them, however many).
    QVector<qint64> selectedRids() const;
    // Moves to the next or previous row and selects it; false at either end.
    bool step(int delta);

Q_SIGNALS:
    // The record the detail dock shows; 0 when none.
    void currentRecordChanged(qint64 rid);

private:
    void onCurrentChanged(const QModelIndex &current);
    void rememberBeforeReset();
    void restoreCurrent();

    RecordTableModel *m_model;
    qint64 m_currentRid = 0;
    int m_rowBeforeReset = -1;
    QVector<qint64> m_selectedBeforeReset;
};

} // namespace Triage
