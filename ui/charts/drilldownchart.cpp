#include "drilldownchart.h"

#include "charttext.h"
#include "barchartview.h"
#include "chartdata.h"
#include "labelpath.h"
#include "workbenchsession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>
#include <QVBoxLayout>

namespace Triage {

DrillDownChart::DrillDownChart(WorkbenchSession &session, Field field, QWidget *parent)
    : ChartPanel(session, field == Field::Symptom ? QStringLiteral("symptoms") : QStringLiteral("causes"),
                 field == Field::Symptom ? tr("RQ1 \u2014 Symptoms: what users saw")
                                         : tr("RQ2 \u2014 Root causes: why it happened"),
                 parent)
    , m_field(field)
    , m_bars(new BarChartView(this))
    , m_breadcrumb(new QHBoxLayout)
{
    m_breadcrumb->setSpacing(2);
    body()->addLayout(m_breadcrumb);
    body()->addWidget(m_bars, 1);
    connect(m_bars, &BarChartView::barClicked, this, [this](int, int group) {
        const BarGroup clicked = m_bars->data().groups[group];
        // A two-level symptom has no manifestations: filter, but stay, rather than open an
        // empty level.
        const bool hasChildren = m_level < maxLevel(m_field)
            && !ChartData::labelBars(this->session().index(), this->session().rows(), m_field, m_level + 1, clicked.label)
                    .groups.isEmpty();
        Q_EMIT filterRequested({clicked.value});
        if (hasChildren)
            drillTo(clicked.label);
    });
    rebuildBreadcrumb();
    refreshNow();
}

void DrillDownChart::drillTo(const QString &path)
{
    m_parent = path;
    m_level = path.isEmpty() ? 1 : LabelPath::depth(path) + 1;
    rebuildBreadcrumb();
    refreshNow();
}

void DrillDownChart::rebuildBreadcrumb()
{
    while (QLayoutItem *item = m_breadcrumb->takeAt(0)) {
        if (QWidget *w = item->widget())
            w->deleteLater(); // may be the button whose click got us here
        delete item;
    }
    const auto addStep = [this](const QString &text, const QString &path) {
        auto *step = new QToolButton(this);
        step->setObjectName(QStringLiteral("breadcrumb"));
        step->setText(QString(text).replace(QLatin1Char('&'), QStringLiteral("&&")));
        step->setAutoRaise(true);
        step->setEnabled(path != m_parent);
        connect(step, &QToolButton::clicked, this, [this, path] {
            // Back up: the filter widens to the node (or to no filter on this field at the top).
            Q_EMIT filterReplaced({FacetValue{m_field, path.isEmpty() ? 1 : LabelPath::depth(path), path}});
            drillTo(path);
        });
        m_breadcrumb->addWidget(step);
    };
    addStep(m_field == Field::Symptom ? tr("All symptoms") : tr("All causes"), QString());
    if (!m_parent.isEmpty()) {
        const QStringList parts = LabelPath::parts(m_parent);
        for (int level = 1; level <= int(parts.size()); ++level) {
            auto *arrow = new QLabel(QStringLiteral("\u203a"), this);
            m_breadcrumb->addWidget(arrow);
            addStep(parts[level - 1].trimmed(), LabelPath::cut(m_parent, level));
        }
    }
    m_breadcrumb->addStretch(1);
}

void DrillDownChart::rebuild()
{
    // The level follows the filter: when the facets, the chips or Clear All no longer keep
    // this field inside the node shown, go back up to the deepest node that still holds
    // every picked value, or to the categories.
    if (!m_parent.isEmpty()) {
        const QVector<FacetValue> picked = session().filter().values(m_field);
        QString path = m_parent;
        const auto holdsAll = [&](const QString &node) {
            const FacetValue value{m_field, LabelPath::depth(node), node};
            return !picked.isEmpty()
                && std::all_of(picked.begin(), picked.end(), [&](const FacetValue &p) { return value.covers(p); });
        };
        while (!path.isEmpty() && !holdsAll(path))
            path = LabelPath::depth(path) > 1 ? LabelPath::cut(path, LabelPath::depth(path) - 1) : QString();
        if (path != m_parent) {
            m_parent = path;
            m_level = path.isEmpty() ? 1 : LabelPath::depth(path) + 1;
            rebuildBreadcrumb();
        }
    }
    const RecordIndex &index = session().index();
    const BarChartData data = ChartData::labelBars(index, session().rows(), m_field, m_level, m_parent);
    QVector<qint64> highlight;
    if (!selection().empty()) {
        const BarChartData selected = ChartData::labelBars(index, selection(), m_field, m_level, m_parent);
        for (const BarGroup &group : data.groups) {
            qint64 count = 0;
            for (const BarGroup &s : selected.groups) {
                if (s.label == group.label)
                    count = s.counts.value(0);
            }
            highlight.append(count);
        }
    }
    m_bars->setAnimated(animationsWanted());
    m_bars->setData(data, BarChartView::Values::Counts, highlight);
    setCaption(data.total == 0 ? ChartText::noRecords() + QLatin1Char('.')
                               : tr("%1; click a bar to filter to it%2.")
                                     .arg(ChartText::records(data.total),
                                          m_level < maxLevel(m_field) ? tr(" and see the level below") : QString()));
}

void DrillDownChart::setPresentationMode(bool on)
{
    ChartPanel::setPresentationMode(on);
    m_bars->setFontScale(on ? 1.6 : 1.0);
}

} // namespace Triage
