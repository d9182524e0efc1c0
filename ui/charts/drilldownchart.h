#pragma once

#include "chartpanel.h"
#include "field.h"

class QHBoxLayout;

namespace Triage {

class BarChartView;

// RQ1 (symptoms) and RQ2 (root causes): bars by category. A click on a bar filters to it and
// opens the level below (category, subcategory, manifestation); the breadcrumb above goes back
// up, widening the filter again.
class DrillDownChart final : public ChartPanel
{
    Q_OBJECT

public:
    DrillDownChart(WorkbenchSession &session, Field field, QWidget *parent = nullptr);

    BarChartView *bars() const { return m_bars; }
    int level() const { return m_level; }
    QString parentPath() const { return m_parent; }
    // Goes to a node of the tree (empty path: the categories).
    void drillTo(const QString &path);
    void setPresentationMode(bool on) override;

protected:
    void rebuild() override;

private:
    void rebuildBreadcrumb();

    Field m_field;
    int m_level = 1;
    QString m_parent;
    BarChartView *m_bars;
    QHBoxLayout *m_breadcrumb;
};

} // namespace Triage
