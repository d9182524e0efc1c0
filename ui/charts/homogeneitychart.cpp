#include "homogeneitychart.h"

#include "barchartview.h"
#include "chartdata.h"
#include "findings.h"
#include "heatmapview.h"
#include "workbenchsession.h"

#include <QGridLayout>
#include <QLabel>

namespace Triage {

HomogeneityChart::HomogeneityChart(WorkbenchSession &session, QWidget *parent)
    : ChartPanel(session, QStringLiteral("homogeneity"),
                 tr("RQ4 \u2014 Systemic homogeneity: do the model series fail alike?"), parent)
    , m_symptoms(new BarChartView(this))
    , m_causes(new BarChartView(this))
    , m_symptomMatrix(new HeatMapView(this))
    , m_causeMatrix(new HeatMapView(this))
{
    auto *grid = new QGridLayout;
    grid->addWidget(subtitle(tr("Share of each series' records, by symptom category")), 0, 0);
    grid->addWidget(subtitle(tr("Share of each series' records, by cause category")), 0, 1);
    grid->addWidget(m_symptoms, 1, 0);
    grid->addWidget(m_causes, 1, 1);
    grid->addWidget(subtitle(tr("Pearson r between the series over symptom categories")), 2, 0);
    grid->addWidget(subtitle(tr("Pearson r between the series over cause categories")), 2, 1);
    grid->addWidget(m_symptomMatrix, 3, 0);
    grid->addWidget(m_causeMatrix, 3, 1);
    grid->setRowStretch(1, 3);
    grid->setRowStretch(3, 1);
    // Cause category names are long, symptom categories short: the causes get the room.
    grid->setColumnStretch(0, 2);
    grid->setColumnStretch(1, 3);
    body()->addLayout(grid, 1);
    for (BarChartView *bars : {m_symptoms, m_causes}) {
        connect(bars, &BarChartView::barClicked, this, [this, bars](int set, int group) {
            Q_EMIT filterRequested(bars->data().filterFor(set, group));
        });
    }
    refreshNow();
}

void HomogeneityChart::rebuild()
{
    const RecordIndex &index = session().index();
    const RowSet &rows = session().rows();
    const bool animated = animationsWanted();
    QStringList series = index.view({Field::Series, 1}).labels;
    series.sort(); // the order the sets come in when all are present
    for (BarChartView *bars : {m_symptoms, m_causes}) {
        bars->setAnimated(animated);
        bars->setColourOrder(series);
    }
    m_symptoms->setData(ChartData::seriesShares(index, rows, Field::Symptom), BarChartView::Values::Shares);
    m_causes->setData(ChartData::seriesShares(index, rows, Field::Cause), BarChartView::Values::Shares);
    const HomogeneityFinding finding = Findings::computeHomogeneity(index, rows); // both matrices
    m_symptomMatrix->setData(ChartData::seriesCorrelation(finding, Field::Symptom));
    m_causeMatrix->setData(ChartData::seriesCorrelation(finding, Field::Cause));
    setCaption(tr("Bars are shares within each series, so series of different sizes compare. The "
                  "finding holds while every pair correlates with r \u2265 0.3 and all series share "
                  "their most frequent cause (docs/findings.md)."));
}

void HomogeneityChart::setPresentationMode(bool on)
{
    ChartPanel::setPresentationMode(on);
    for (BarChartView *bars : {m_symptoms, m_causes})
        bars->setFontScale(on ? 1.4 : 1.0);
    for (HeatMapView *matrix : {m_symptomMatrix, m_causeMatrix})
        matrix->setFontScale(on ? 1.5 : 1.0);
}

} // namespace Triage
