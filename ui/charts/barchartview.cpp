#include "barchartview.h"

#include "chartpalette.h"
#include "plaintext.h"
#include "charttext.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QLocale>
#include <QTextDocumentFragment>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace Triage {

namespace {
constexpr int MaxLabelWidth = 260; // pixels at normal size; longer names are elided
}

BarChartView::BarChartView(QWidget *parent)
    // The chart is handed to QChartView's constructor: its parent-only constructor makes a
    // default chart, and setChart() releases (never deletes) the chart it replaces, so a
    // later setChart() leaked a whole QChart per view (found by LeakSanitizer).
    : QChartView(new QChart, parent)
    , m_chart(chart())
    , m_series(new QHorizontalBarSeries)
    , m_categories(new QBarCategoryAxis)
    , m_axis(new QValueAxis)
{
    // Bars and grid lines are straight: antialiasing only blurred their edges, and made every
    // grid line go through a clip of antialiased spans, searched span by span (perf: 4 ms of
    // each filter click at a million records). One rectangle as the exposed area keeps the
    // clip a rectangle too.
    setRenderHint(QPainter::Antialiasing, false);
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    m_chart->addSeries(m_series);
    m_chart->addAxis(m_categories, Qt::AlignLeft);
    m_chart->addAxis(m_axis, Qt::AlignBottom);
    m_series->attachAxis(m_categories);
    m_series->attachAxis(m_axis);
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_axis->setLabelFormat(QStringLiteral("%d"));
    applyPalette();

    connect(m_series, &QHorizontalBarSeries::hovered, this, [this](bool on, int index, QBarSet *set) {
        if (on)
            QToolTip::showText(QCursor::pos(), plainTextTooltip(tooltip(int(m_sets.indexOf(set)), groupOf(index))), this);
        else
            QToolTip::hideText();
    });
    // Qt Charts emits clicked from inside the bar's mouseReleaseEvent and goes on using the bar
    // afterwards; the filter change this click makes can rebuild the bars, and deleting the bar
    // under its own event handler crashed (seen as an intermittent SIGSEGV in tests). So the
    // bar is resolved now and reported on the next turn of the event loop, unless the data
    // changed in between (then the click was on bars that are gone).
    connect(m_series, &QHorizontalBarSeries::clicked, this, [this](int index, QBarSet *set) {
        const int s = std::max(0, int(m_sets.indexOf(set))); // the highlight bar stands for set 0
        const int group = groupOf(index);
        const quint64 generation = m_generation;
        QMetaObject::invokeMethod(this, [this, s, group, generation] {
            if (generation == m_generation)
                activateBar(s, group);
        }, Qt::QueuedConnection);
    });
}

void BarChartView::applyPalette()
{
    const QPalette pal = palette();
    m_chart->setBackgroundBrush(pal.brush(QPalette::Base));
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->setLabelColor(pal.color(QPalette::Text));
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_categories), static_cast<QAbstractAxis *>(m_axis)}) {
        axis->setLabelsColor(pal.color(QPalette::Text));
        axis->setGridLineColor(pal.color(QPalette::Mid));
        axis->setLinePenColor(pal.color(QPalette::Mid));
    }
}

// A desktop switching to a dark theme while the window is open: Qt Charts keeps the colours it
// was given, so they are given again.
void BarChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        rebuild();
    }
}

void BarChartView::setCategoryLabelsVisible(bool visible)
{
    m_categories->setLabelsVisible(visible);
}

// A name as the axis shows it: whole if it fits, else (when a category has the height) on two
// lines broken at the space nearest its middle, each line elided only if it still does not
// fit. Qt Charts draws axis labels as HTML: the text is escaped (a label from a file shows
// "<b>x</b>" as written) and the lines are joined with <br>.
QString BarChartView::axisLabel(const QString &name, const QFontMetrics &metrics, int width, bool twoLines)
{
    if (metrics.horizontalAdvance(name) <= width)
        return name.toHtmlEscaped();
    if (!twoLines) // Qt Charts would cut a two-line label in a short row to "..."
        return metrics.elidedText(name, Qt::ElideMiddle, width).toHtmlEscaped();
    qsizetype cut = -1;
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (name[i] == QLatin1Char(' ') && (cut < 0 || std::abs(i - name.size() / 2) < std::abs(cut - name.size() / 2)))
            cut = i;
    }
    if (cut < 0)
        return metrics.elidedText(name, Qt::ElideMiddle, width).toHtmlEscaped();
    const QString first = metrics.elidedText(name.left(cut), Qt::ElideRight, width);
    const QString second = metrics.elidedText(name.mid(cut + 1), Qt::ElideRight, width);
    return first.toHtmlEscaped() + QStringLiteral("<br>") + second.toHtmlEscaped();
}

// Names are elided to what the view can give them (at most MaxLabelWidth, scaled): Qt Charts
// gives a vertical axis at most 40% of the chart, less its ticks and margins, and cuts a
// longer name again at its end ("Configuration and P\u2026\u2026").
int BarChartView::labelWidth() const
{
    constexpr double AxisShare = 0.4;
    constexpr int AxisPadding = 16;
    return std::max(60, std::min(int(MaxLabelWidth * m_fontScale), int(width() * AxisShare) - AxisPadding));
}

// Whether a category's row is tall enough for a name on two lines (the plot is most of the
// view's height, less the legend and the value axis).
bool BarChartView::roomForTwoLines() const
{
    const int groups = std::max(1, int(m_data.groups.size()));
    return height() * 0.6 / groups >= 2.2 * QFontMetrics(m_categories->labelsFont()).height();
}

void BarChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    if ((labelWidth() != m_labelWidth || roomForTwoLines() != m_twoLines) && !m_data.groups.empty())
        rebuild();
}

void BarChartView::setColourOrder(const QStringList &names)
{
    if (names == m_colourOrder)
        return;
    m_colourOrder = names;
    rebuild();
}

void BarChartView::setAnimated(bool animated)
{
    m_chart->setAnimationOptions(animated ? QChart::SeriesAnimations : QChart::NoAnimation);
}

void BarChartView::setFontScale(double scale)
{
    m_fontScale = scale;
    // From the application's font: the panel around may already be scaled for a projector.
    QFont f = QApplication::font();
    f.setPointSizeF(f.pointSizeF() * scale);
    m_categories->setLabelsFont(f);
    m_axis->setLabelsFont(f);
    m_chart->legend()->setFont(f);
    rebuild();
}

QString BarChartView::tooltip(int set, int group) const
{
    if (group < 0 || group >= int(m_data.groups.size()))
        return {};
    const BarGroup &g = m_data.groups[group];
    QString text = g.label;
    for (int s = 0; s < int(m_data.sets.size()); ++s) {
        const QString name = m_data.sets.size() > 1 ? m_data.sets[s] + QStringLiteral(": ") : QString();
        text += QStringLiteral("\n") + name
            + tr("%1, %2").arg(ChartText::records(g.counts.value(s)),
                               Statistics::formatShare(m_data.share(s, group)));
    }
    if (!m_highlight.isEmpty())
        text += QStringLiteral("\n") + tr("selected: %1").arg(QLocale().toString(m_highlight.value(group)));
    Q_UNUSED(set);
    return text;
}

QStringList BarChartView::shownCategories() const
{
    QStringList shown;
    for (const QString &category : m_categories->categories()) // as the user reads them
        shown.append(QTextDocumentFragment::fromHtml(category).toPlainText());
    std::reverse(shown.begin(), shown.end());
    return shown;
}

double BarChartView::barValue(int set, int group) const
{
    const double count = double(m_data.groups.value(group).counts.value(set));
    return m_values == Values::Shares ? 100.0 * m_data.share(set, group) : count;
}

void BarChartView::activateBar(int set, int group)
{
    if (group >= 0 && group < int(m_data.groups.size()))
        Q_EMIT barClicked(set, group);
}

void BarChartView::setData(const BarChartData &data, Values values, const QVector<qint64> &highlight)
{
    const bool sameShape = data.sets == m_data.sets && data.groups.size() == m_data.groups.size()
        && std::equal(data.groups.begin(), data.groups.end(), m_data.groups.begin(),
                      [](const BarGroup &a, const BarGroup &b) { return a.text == b.text; })
        && values == m_values && highlight.isEmpty() == m_highlight.isEmpty();
    ++m_generation;
    m_data = data;
    m_values = values;
    m_highlight = highlight;
    if (sameShape)
        updateValues();
    else
        rebuild();
}

// New groups or sets: the bars and the axis are made again.
void BarChartView::rebuild()
{
    m_series->clear(); // deletes the sets
    m_sets.clear();
    m_highlightSet = nullptr;
    const int groups = int(m_data.groups.size());
    QStringList categories;
    const QFontMetrics metrics(m_categories->labelsFont());
    m_labelWidth = labelWidth();
    m_twoLines = roomForTwoLines();
    for (int axis = 0; axis < groups; ++axis) {
        QString shown = axisLabel(m_data.groups[groupOf(axis)].text, metrics, m_labelWidth, m_twoLines);
        while (categories.contains(shown)) // the axis needs distinct names
            shown += QChar(0x200B);
        categories.append(shown);
    }
    m_categories->setCategories(categories);
    for (int s = 0; s < int(m_data.sets.size()); ++s) {
        auto *set = new QBarSet(m_data.sets[s].toHtmlEscaped());
        const int ordered = int(m_colourOrder.indexOf(m_data.sets[s]));
        set->setColor(ChartPalette::category(ordered >= 0 ? ordered : m_data.sets.size() == 1 ? 4 : s, palette()));
        set->setBorderColor(set->color());
        m_sets.append(set);
    }
    if (!m_highlight.isEmpty()) {
        m_highlightSet = new QBarSet(tr("Selected in the table"));
        m_highlightSet->setColor(palette().color(QPalette::Text));
        m_highlightSet->setBorderColor(palette().color(QPalette::Text));
    }
    // A horizontal series stacks its sets bottom-up inside a group, and the legend lists them in
    // series order: appending in reverse and reversing the legend makes both read top-down in
    // the data's order, with the selection's bar last.
    if (m_highlightSet)
        m_series->append(m_highlightSet);
    for (auto set = m_sets.crbegin(); set != m_sets.crend(); ++set)
        m_series->append(*set);
    m_chart->legend()->setReverseMarkers(true);
    m_chart->legend()->setVisible(m_sets.size() > 1 || m_highlightSet);
    // A plain bar chart carries its counts at the bar ends; grouped bars would crowd them.
    const bool labelled = m_sets.size() == 1 && !m_highlightSet && m_values == Values::Counts;
    m_series->setLabelsVisible(labelled);
    if (labelled) {
        m_series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
        m_series->setLabelsFormat(QStringLiteral("@value"));
        m_sets.constFirst()->setLabelColor(palette().color(QPalette::Text));
    }
    updateValues();
}

// The same bars: only their lengths change.
void BarChartView::updateValues()
{
    const int groups = int(m_data.groups.size());
    double top = 0;
    for (int s = 0; s < int(m_sets.size()); ++s) {
        QBarSet *set = m_sets[s];
        for (int axis = 0; axis < groups; ++axis) {
            const double value = barValue(s, groupOf(axis));
            top = std::max(top, value);
            if (axis < set->count())
                set->replace(axis, value);
            else
                set->append(value);
        }
    }
    if (m_highlightSet) {
        for (int axis = 0; axis < groups; ++axis) {
            const qint64 selected = m_highlight.value(groupOf(axis));
            const double value = m_values == Values::Shares
                ? 100.0 * Statistics::share(double(selected), double(m_data.setTotals.value(0)))
                : double(selected);
            if (axis < m_highlightSet->count())
                m_highlightSet->replace(axis, value);
            else
                m_highlightSet->append(value);
        }
    }
    setAxisRange(top);
    bool empty = true;
    for (qint64 total : std::as_const(m_data.setTotals))
        empty = empty && total == 0;
    // An empty plot with an axis alone reads as a drawing fault: say why it is empty.
    m_chart->setTitle(empty ? ChartText::noRecords() : QString());
}

// Whole steps of 1, 2 or 5 times a power of ten, at most five of them: a count axis never shows
// fractions of a record (or "0 0 0 1" from rounding them), a share axis never passes 100%; the
// top leaves room for the value labels at the bar ends.
void BarChartView::setAxisRange(double top)
{
    const bool shares = m_values == Values::Shares;
    const double wanted = shares && top <= 0 ? 100 : std::max(top * 1.08, 1.0);
    const double step = [wanted] {
        for (double power = 1;; power *= 10) {
            for (double mantissa : {1.0, 2.0, 5.0}) {
                if (std::ceil(wanted / (mantissa * power)) <= 5)
                    return mantissa * power;
            }
        }
    }();
    double end = step * std::ceil(wanted / step);
    if (shares && end > 100)
        end = top > 100 ? end : 100; // 100 is a multiple of every step up to 50
    m_axis->setLabelFormat(shares ? QStringLiteral("%.0f%%") : QStringLiteral("%d"));
    m_axis->setRange(0, end);
    m_axis->setTickCount(int(std::lround(end / step)) + 1);
}

} // namespace Triage
