#include "evolutionchart.h"

#include "barchartview.h"
#include "chartdata.h"
#include "statistics.h"
#include "workbenchsession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <cmath>

namespace Triage {

EvolutionChart::EvolutionChart(WorkbenchSession &session, QWidget *parent)
    : ChartPanel(session, QStringLiteral("evolution"),
                 tr("RQ6 \u2014 Version evolution: how cause shares shift from a version to the next"), parent)
{
    auto *row = new QHBoxLayout;
    for (const VersionPair &pair : versionPairs()) {
        auto *column = new QVBoxLayout;
        auto *heading = subtitle(tr("%1 \u2192 %2").arg(pair.older, pair.newer));
        column->addWidget(heading);
        m_headings.append(heading);
        auto *bars = new BarChartView(this);
        column->addWidget(bars, 1);
        // The pairs share one cause order: the names stand once, on the left, and that column
        // gets their room, so no name is cut short.
        const bool first = m_pairs.isEmpty();
        bars->setCategoryLabelsVisible(first);
        row->addLayout(column, first ? 5 : 3);
        m_pairs.append(bars);
        connect(bars, &BarChartView::barClicked, this, [this, bars](int set, int group) {
            Q_EMIT filterRequested(bars->data().filterFor(set, group));
        });
    }
    body()->addLayout(row, 1);
    refreshNow();
}

void EvolutionChart::rebuild()
{
    const RecordIndex &index = session().index();
    const RowSet &rows = session().rows();
    QStringList shifts;
    const QVector<VersionPair> pairs = versionPairs();
    for (int i = 0; i < int(pairs.size()); ++i) {
        const BarChartData data = ChartData::evolution(index, rows, pairs[i]);
        m_pairs[i]->setAnimated(animationsWanted());
        m_pairs[i]->setData(data, BarChartView::Values::Shares);
        // Some versions have a few dozen records: the sizes say how far to trust a shift.
        m_headings[i]->setText(tr("%1 (n = %2) \u2192 %3 (n = %4)")
                                   .arg(pairs[i].older, QLocale().toString(data.setTotals.value(0)),
                                        pairs[i].newer, QLocale().toString(data.setTotals.value(1))));
        // The cause whose share moved most, in percentage points.
        int largest = -1;
        double move = 0;
        for (int g = 0; g < int(data.groups.size()); ++g) {
            const double d = data.share(1, g) - data.share(0, g);
            if (std::abs(d) > std::abs(move)) {
                move = d;
                largest = g;
            }
        }
        if (largest >= 0 && data.setTotals.value(0) > 0 && data.setTotals.value(1) > 0)
            shifts.append(tr("%1 \u2192 %2: %3 %4 by %5 points")
                              .arg(pairs[i].older, pairs[i].newer, data.groups[largest].label,
                                   move > 0 ? tr("up") : tr("down"), QString::number(std::abs(move) * 100.0, 'f', 1)));
        else
            shifts.append(tr("%1 \u2192 %2: not enough records under the filter").arg(pairs[i].older, pairs[i].newer));
    }
    setCaption(tr("Largest shift: ") + shifts.join(QStringLiteral("; ")) + QLatin1Char('.'));
}

void EvolutionChart::setPresentationMode(bool on)
{
    ChartPanel::setPresentationMode(on);
    for (BarChartView *bars : std::as_const(m_pairs))
        bars->setFontScale(on ? 1.4 : 1.0);
}

} // namespace Triage
