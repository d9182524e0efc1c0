#include "chartsdock.h"

#include "activefilter.h"
#include "charts/chartcatalog.h"
#include "charts/chartpanel.h"
#include "widgets/dockscrollarea.h"
#include "workbenchsession.h"

#include <QScrollArea>
#include <QTabWidget>

namespace Triage {

ChartsDock::ChartsDock(WorkbenchSession &session, QWidget *parent)
    : QDockWidget(tr("Charts"), parent)
    , m_tabs(new QTabWidget(this))
{
    setObjectName(QStringLiteral("chartsDock"));
    m_tabs->setObjectName(QStringLiteral("chartTabs"));
    m_tabs->setDocumentMode(true);
    const QStringList tabNames{tr("Symptoms"),    tr("Causes"),     tr("Taxonomy"), tr("Divergence"),
                               tr("Homogeneity"), tr("Escalation"), tr("Evolution")};
    const QStringList names = ChartCatalog::names();
    for (int i = 0; i < int(names.size()); ++i) {
        ChartPanel *chart = ChartCatalog::create(names[i], session, m_tabs);
        m_tabs->addTab(chart, tabNames.value(i));
        m_charts.append(chart);
    }
    // In a scroll area, as the other docks' contents are: a chart's new caption or filter line
    // lays out the chart and no further. Straight in the dock, every refresh laid out the whole
    // window again (Qt passes a layout's activation up to the top) and repainted every dock.
    setWidget(dockScrollArea(m_tabs, this));
}

ChartPanel *ChartsDock::chart(const QString &name) const
{
    for (ChartPanel *chart : m_charts) {
        if (chart->chartName() == name)
            return chart;
    }
    return nullptr;
}

void ChartsDock::showChart(const QString &name)
{
    if (ChartPanel *panel = chart(name))
        m_tabs->setCurrentWidget(panel);
}

QString ChartsDock::currentChartName() const
{
    const auto *panel = qobject_cast<const ChartPanel *>(m_tabs->currentWidget());
    return panel ? panel->chartName() : QString();
}

void ChartsDock::setSelection(const RowSet &selected)
{
    for (ChartPanel *chart : std::as_const(m_charts))
        chart->setSelection(selected);
}

} // namespace Triage
