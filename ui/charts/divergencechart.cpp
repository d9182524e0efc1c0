#include "divergencechart.h"

#include "chartdata.h"
#include "crosstab.h"
#include "heatmapview.h"
#include "statistics.h"
#include "workbenchsession.h"

#include <QVBoxLayout>

#include <cmath>

namespace Triage {

DivergenceChart::DivergenceChart(WorkbenchSession &session, QWidget *parent)
    : ChartPanel(session, QStringLiteral("divergence"),
                 tr("RQ3 \u2014 Diagnostic divergence: symptom category \u00d7 root cause category"), parent)
    , m_heatMap(new HeatMapView(this))
{
    body()->addWidget(m_heatMap, 1);
    connect(m_heatMap, &HeatMapView::cellClicked, this, [this](int row, int column) {
        Q_EMIT filterRequested(m_heatMap->data().filterFor(row, column));
    });
    refreshNow();
}

void DivergenceChart::rebuild()
{
    const RecordIndex &index = session().index();
    const HeatMapData data = ChartData::divergence(index, session().rows());
    m_heatMap->setData(data);
    if (!selection().empty()) {
        const HeatMapData selected = ChartData::divergence(index, selection());
        std::vector<std::vector<qint64>> counts(size_t(data.rows.size()), std::vector<qint64>(size_t(data.columns.size()), 0));
        for (int r = 0; r < int(selected.rows.size()); ++r) {
            const int row = int(data.rows.indexOf(selected.rows[r]));
            for (int c = 0; c < int(selected.columns.size()); ++c) {
                const int column = int(data.columns.indexOf(selected.columns[c]));
                if (row >= 0 && column >= 0)
                    counts[size_t(row)][size_t(column)] = qint64(selected.values[size_t(r)][size_t(c)]);
            }
        }
        m_heatMap->setHighlight(counts);
    } else {
        m_heatMap->setHighlight({});
    }
    const Statistics::ChiSquare test = Statistics::chiSquare(data.values);
    const QString p = std::isnan(test.p) ? QStringLiteral("n/a") : QString::number(test.p, 'g', 3);
    setCaption(tr("Cells: records and share of the row (symptom). \u03c7\u00b2 = %1, dof = %2, p = %3, "
                  "Cram\u00e9r's V = %4, n = %5. Rows and columns ordered by total; click a cell to filter to it.")
                   .arg(test.dof > 0 ? QString::number(test.statistic, 'f', 2) : QStringLiteral("n/a"))
                   .arg(test.dof)
                   .arg(p, std::isnan(test.cramersV) ? QStringLiteral("n/a") : QString::number(test.cramersV, 'f', 3))
                   .arg(test.n));
}

void DivergenceChart::setPresentationMode(bool on)
{
    ChartPanel::setPresentationMode(on);
    m_heatMap->setFontScale(on ? 1.6 : 1.0);
}

} // namespace Triage
