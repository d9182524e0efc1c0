#pragma once

#include "chartdata.h"

#include <QWidget>

namespace Triage {

// A grid painted with QPainter (Qt Charts has no heat map): rows and columns in the order the
// data gives (by total), each cell coloured by its row share and labelled with its count and
// row share; or, for a correlation matrix, coloured on a diverging scale and labelled with r.
// Long row and column names are elided; the tooltip gives everything whole. A click on a
// count cell reports it.
class HeatMapView final : public QWidget
{
    Q_OBJECT

public:
    explicit HeatMapView(QWidget *parent = nullptr);

    void setData(const HeatMapData &data);
    // Per cell, how many of the table's selected records it has: outlined cells with a mark.
    void setHighlight(const std::vector<std::vector<qint64>> &selected);
    const HeatMapData &data() const { return m_data; }
    const std::vector<std::vector<qint64>> &highlight() const { return m_highlight; }
    void setFontScale(double scale);
    // The cell under a point, or (-1, -1).
    QPoint cellAt(const QPoint &position) const;
    QRect cellRect(int row, int column) const;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void cellClicked(int row, int column);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Layout
    {
        QRect grid;
        int rowHeader = 0;
        int columnHeader = 0;
        double cellWidth = 0;
        double cellHeight = 0;
    };
    Layout layoutFor(const QRect &area) const;
    // Column names are in a smaller font, word-wrapped to at most HeaderLines lines.
    QFont headerFont() const;
    QStringList headerLines(int column, const QFontMetrics &metrics, int width) const;
    QString cellText(int row, int column) const;

    HeatMapData m_data;
    std::vector<std::vector<qint64>> m_highlight;
    double m_fontScale = 1.0;
};

} // namespace Triage
