#pragma once

#include <QDockWidget>

class QCheckBox;
class QComboBox;
class QTableView;

namespace Triage {

class HistoryModel;
class WorkbenchSession;

// Who changed what and when: for the current record or the whole workspace, narrowed to one
// annotator and one field.
class HistoryDock final : public QDockWidget
{
    Q_OBJECT

public:
    explicit HistoryDock(WorkbenchSession &session, QWidget *parent = nullptr);

    void setRecord(qint64 rid);
    HistoryModel *model() const { return m_model; }
    QCheckBox *currentOnly() const { return m_currentOnly; }

Q_SIGNALS:
    void recordRequested(qint64 rid);

private:
    void applyScope();
    void refillFilters();

    HistoryModel *m_model;
    QTableView *m_view;
    QCheckBox *m_currentOnly;
    QComboBox *m_annotator;
    QComboBox *m_field;
    qint64 m_rid = 0;
};

} // namespace Triage
