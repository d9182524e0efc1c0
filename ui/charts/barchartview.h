#pragma once

#include "chartdata.h"

#include <QChartView>

class QBarCategoryAxis;
class QFontMetrics;
class QBarSet;
class QChart;
class QHorizontalBarSeries;
class QValueAxis;

namespace Triage {

// Horizontal bars with Qt Charts: one group per category, one bar per set, the largest group on
// top. Data changes update the bars in place (no rebuilt chart, no flicker) when the groups
// and sets stay; long category names are elided with the whole name in the tooltip, which also
// gives each bar's count and share. A click reports (set, group).
class BarChartView final : public QChartView
{
    Q_OBJECT

public:
    enum class Values { Counts, Shares };

    explicit BarChartView(QWidget *parent = nullptr);

    // `highlight`, when not empty, holds per group how many of the table's selected records it
    // has: drawn as an extra bar beside a one-set chart.
    void setData(const BarChartData &data, Values values, const QVector<qint64> &highlight = {});
    const BarChartData &data() const { return m_data; }
    const QVector<qint64> &highlight() const { return m_highlight; }
    // What the category axis shows, top to bottom.
    QStringList shownCategories() const;
    // The value of a bar as drawn (a count, or a share in percent).
    double barValue(int set, int group) const;
    void setFontScale(double scale);
    // As if the user clicked the bar (for keyboard access and tests).
    void activateBar(int set, int group);
    // Animations for small data; large data redraws at once.
    void setAnimated(bool animated);
    // Set names in the order they take the palette's colours (a series keeps its colour when a
    // filter leaves out another); empty: by position.
    void setColourOrder(const QStringList &names);
    // Hides the category names (a chart beside another with the same categories).
    void setCategoryLabelsVisible(bool visible);

Q_SIGNALS:
    void barClicked(int set, int group);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    void updateValues();
    void setAxisRange(double top);
    int labelWidth() const;
    static QString axisLabel(const QString &name, const QFontMetrics &metrics, int width, bool twoLines);
    bool roomForTwoLines() const;
    void applyPalette();
    QString tooltip(int set, int group) const;
    int groupOf(int axisIndex) const { return int(m_data.groups.size()) - 1 - axisIndex; }

    QChart *m_chart;
    QHorizontalBarSeries *m_series;
    QBarCategoryAxis *m_categories;
    QValueAxis *m_axis;
    QList<QBarSet *> m_sets;
    QStringList m_colourOrder;
    QBarSet *m_highlightSet = nullptr;
    BarChartData m_data;
    int m_labelWidth = 0; // the width names were elided to
    bool m_twoLines = false; // whether names could take two lines
    quint64 m_generation = 0; // counts setData calls, to drop clicks on replaced bars
    QVector<qint64> m_highlight;
    Values m_values = Values::Counts;
    double m_fontScale = 1.0;
};

} // namespace Triage
