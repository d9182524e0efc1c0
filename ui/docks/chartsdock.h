#pragma once

#include "recordindex.h"

#include <QDockWidget>

class QTabWidget;

namespace Triage {

class ChartPanel;
class WorkbenchSession;

// The Charts area: every chart on a tab, drawing what the filter selects. A click in a chart
// narrows the filter (and so the table) to the records behind it; the table's selection is
// drawn where the charts can show it.
class ChartsDock final : public QDockWidget
{
    Q_OBJECT

public:
    explicit ChartsDock(WorkbenchSession &session, QWidget *parent = nullptr);

    ChartPanel *chart(const QString &name) const;
    QTabWidget *tabs() const { return m_tabs; }
    void showChart(const QString &name);
    QString currentChartName() const;
    void setSelection(const RowSet &selected);

private:
    QTabWidget *m_tabs;
    QList<ChartPanel *> m_charts;
};

} // namespace Triage
