#include "escalationchart.h"

#include "barchartview.h"
#include "chartdata.h"
#include "crosstab.h"
#include "statistics.h"
#include "workbenchsession.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>

namespace Triage {

EscalationChart::EscalationChart(WorkbenchSession &session, QWidget *parent)
    : ChartPanel(session, QStringLiteral("escalation"),
                 tr("RQ5 \u2014 Lifecycle escalation: fine-tuning against inference"), parent)
    , m_causes(new BarChartView(this))
    , m_symptoms(new BarChartView(this))
    , m_topCauses(new QLabel(this))
{
    m_topCauses->setObjectName(QStringLiteral("topCauses"));
    m_topCauses->setTextFormat(Qt::PlainText);
    m_topCauses->setWordWrap(true);
    auto *grid = new QGridLayout;
    grid->addWidget(subtitle(tr("Share of each stage's records, by cause category")), 0, 0);
    grid->addWidget(subtitle(tr("Share of each stage's records, by symptom category")), 0, 1);
    grid->addWidget(m_causes, 1, 0);
    grid->addWidget(m_symptoms, 1, 1);
    grid->addWidget(m_topCauses, 2, 0, 1, 2);
    // Cause category names are long, symptom categories short: the causes get the room.
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);
    body()->addLayout(grid, 1);
    for (BarChartView *bars : {m_causes, m_symptoms}) {
        connect(bars, &BarChartView::barClicked, this, [this, bars](int set, int group) {
            Q_EMIT filterRequested(bars->data().filterFor(set, group));
        });
    }
    refreshNow();
}

QString EscalationChart::topCausesText() const
{
    return m_topCauses->text();
}

void EscalationChart::rebuild()
{
    const RecordIndex &index = session().index();
    const RowSet &rows = session().rows();
    const bool animated = animationsWanted();
    m_causes->setAnimated(animated);
    m_symptoms->setAnimated(animated);
    const BarChartData causes = ChartData::stageShares(index, rows, Field::Cause);
    m_causes->setData(causes, BarChartView::Values::Shares);
    m_symptoms->setData(ChartData::stageShares(index, rows, Field::Symptom), BarChartView::Values::Shares);

    // Each stage's three most frequent causes (full labels, level 2).
    const Crosstab top = Crosstab::compute(index, rows, {Field::Cause, 2}, FieldLevel{Field::Stage, 1});
    QStringList lines;
    for (int s = 0; s < top.columnCount(); ++s) {
        QVector<QPair<qint64, QString>> ranked;
        for (int r = 0; r < top.rowCount(); ++r)
            ranked.append({top.count(r, s), top.rowLabels()[r]});
        std::stable_sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
        QStringList best;
        for (int i = 0; i < std::min<int>(3, int(ranked.size())) && ranked[i].first > 0; ++i)
            best.append(tr("%1 (%2)").arg(ranked[i].second, Statistics::formatShare(Statistics::share(
                                                                 double(ranked[i].first), double(top.columnTotal(s))))));
        lines.append(tr("Top causes in %1: %2").arg(top.columnLabels()[s], best.join(QStringLiteral("; "))));
    }
    m_topCauses->setText(lines.join(QLatin1Char('\n')));
    setCaption(tr("Bars are shares within each stage (%1 fine-tuning, %2 inference records).")
                   .arg(QLocale().toString(causes.setTotals.value(0)), QLocale().toString(causes.setTotals.value(1))));
}

void EscalationChart::setPresentationMode(bool on)
{
    ChartPanel::setPresentationMode(on);
    for (BarChartView *bars : {m_causes, m_symptoms})
        bars->setFontScale(on ? 1.4 : 1.0);
}

} // namespace Triage
