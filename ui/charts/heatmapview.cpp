#include "heatmapview.h"

#include "charttext.h"
#include "chartpalette.h"
#include "plaintext.h"

#include <QApplication>
#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace Triage {

namespace {
constexpr int HeaderLines = 4; // of a column name, in the smaller font
} // namespace

HeatMapView::HeatMapView(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void HeatMapView::setData(const HeatMapData &data)
{
    m_data = data;
    if (m_highlight.size() != m_data.values.size())
        m_highlight.clear();
    updateGeometry(); // the minimum size follows the number of rows
    update();
}

void HeatMapView::setHighlight(const std::vector<std::vector<qint64>> &selected)
{
    m_highlight = selected;
    update();
}

void HeatMapView::setFontScale(double scale)
{
    m_fontScale = scale;
    QFont f = QApplication::font();
    f.setPointSizeF(f.pointSizeF() * scale);
    setFont(f);
    update();
}

QSize HeatMapView::minimumSizeHint() const
{
    // A few series' Pearson matrix fits in little height: one header line and short cells, so
    // that the share bars above it keep the room in a low dock.
    if (m_data.isCorrelation)
        return {300, QFontMetrics(font()).height() * (int(m_data.rows.size()) + 1) * 3 / 2 + 12};
    return {300, 160};
}

QFont HeatMapView::headerFont() const
{
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    return small;
}

// Word-wrapped, the last line holding what is left and elided: cause categories are long and
// the columns narrow, most of all on a slide.
QStringList HeatMapView::headerLines(int column, const QFontMetrics &metrics, int width) const
{
    QStringList words = m_data.columns[column].split(QLatin1Char(' '));
    QStringList lines;
    while (!words.isEmpty()) {
        QString line = words.takeFirst();
        while (!words.isEmpty() && metrics.horizontalAdvance(line + QLatin1Char(' ') + words.first()) < width)
            line += QLatin1Char(' ') + words.takeFirst();
        if (lines.size() == HeaderLines - 1 && !words.isEmpty()) {
            line += QLatin1Char(' ') + words.join(QLatin1Char(' '));
            words.clear();
        }
        lines.append(metrics.elidedText(line, Qt::ElideRight, width));
    }
    return lines;
}

HeatMapView::Layout HeatMapView::layoutFor(const QRect &area) const
{
    Layout l;
    const QFontMetrics metrics(font());
    // Row names on the left (at most a third of the width), column names above, as many lines
    // of the smaller font as the longest needs.
    int widest = 0;
    for (const QString &row : m_data.rows)
        widest = std::max(widest, metrics.horizontalAdvance(row));
    l.rowHeader = std::min(widest + 12, area.width() / 3);
    const int columns = std::max(1, int(m_data.columns.size()));
    l.cellWidth = double(area.width() - l.rowHeader - 4) / columns;
    const QFontMetrics small(headerFont());
    qsizetype lines = 1;
    for (int c = 0; c < int(m_data.columns.size()); ++c)
        lines = std::max(lines, headerLines(c, small, int(l.cellWidth) - 4).size());
    l.columnHeader = int(small.height() * lines) + 8;
    l.grid = area.adjusted(l.rowHeader, l.columnHeader, -4, -4);
    const int rows = std::max(1, int(m_data.rows.size()));
    l.cellHeight = double(l.grid.height()) / rows;
    return l;
}

QRect HeatMapView::cellRect(int row, int column) const
{
    const Layout l = layoutFor(rect());
    return QRectF(l.grid.left() + column * l.cellWidth, l.grid.top() + row * l.cellHeight, l.cellWidth,
                  l.cellHeight)
        .toAlignedRect();
}

QPoint HeatMapView::cellAt(const QPoint &position) const
{
    const Layout l = layoutFor(rect());
    if (!l.grid.contains(position) || m_data.rows.isEmpty() || m_data.columns.isEmpty())
        return {-1, -1};
    const int column = std::clamp(int((position.x() - l.grid.left()) / l.cellWidth), 0, int(m_data.columns.size()) - 1);
    const int row = std::clamp(int((position.y() - l.grid.top()) / l.cellHeight), 0, int(m_data.rows.size()) - 1);
    return {column, row};
}

QString HeatMapView::cellText(int row, int column) const
{
    const double value = m_data.values[size_t(row)][size_t(column)];
    if (m_data.isCorrelation)
        return std::isnan(value) ? QStringLiteral("n/a") : QString::number(value, 'f', 2);
    const double share = Statistics::share(value, m_data.rowTotal(row));
    return QLocale().toString(qint64(value)) + QLatin1Char('\n') + Statistics::formatShare(share);
}

void HeatMapView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    painter.fillRect(rect(), pal.brush(QPalette::Base));
    if (m_data.rows.isEmpty() || m_data.columns.isEmpty()) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, ChartText::noRecords());
        return;
    }
    if (m_data.isCorrelation && m_data.rows.size() < 2) { // a 1x1 matrix of "1.00" says nothing
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("A correlation needs two or more series under the current filter"));
        return;
    }
    const Layout l = layoutFor(rect());
    const QFontMetrics metrics(font());
    const QFont small = headerFont();
    const QFontMetrics smallMetrics(small);

    painter.setPen(pal.color(QPalette::Text));
    for (int r = 0; r < int(m_data.rows.size()); ++r) {
        const QRect header(4, int(l.grid.top() + r * l.cellHeight), l.rowHeader - 10, int(l.cellHeight));
        // Counts maps carry each row's total: the shares in the cells are of that number.
        const QString total = m_data.isCorrelation
            ? QString()
            : QStringLiteral("\n") + tr("n = %1").arg(QLocale().toString(qint64(m_data.rowTotal(r))));
        const QString name = metrics.elidedText(m_data.rows[r], Qt::ElideMiddle, header.width());
        painter.drawText(header, Qt::AlignRight | Qt::AlignVCenter, name + total);
    }
    painter.setFont(small);
    for (int c = 0; c < int(m_data.columns.size()); ++c) {
        const QRect header(int(l.grid.left() + c * l.cellWidth) + 2, 2, int(l.cellWidth) - 4, l.columnHeader - 4);
        painter.drawText(header, Qt::AlignHCenter | Qt::AlignBottom,
                         headerLines(c, smallMetrics, header.width()).join(QLatin1Char('\n')));
    }
    // The colour scale spans the largest row share in the map, not 0-100 %: shares rarely pass
    // half a row, and a fixed scale would leave every cell pale.
    double topShare = 0;
    for (int r = 0; r < int(m_data.rows.size()) && !m_data.isCorrelation; ++r) {
        for (const double value : m_data.values[size_t(r)])
            topShare = std::max(topShare, Statistics::share(value, m_data.rowTotal(r)));
    }
    for (int r = 0; r < int(m_data.rows.size()); ++r) {
        const double total = m_data.rowTotal(r);
        for (int c = 0; c < int(m_data.columns.size()); ++c) {
            const QRect cell = cellRect(r, c).adjusted(1, 1, -1, -1);
            const double value = m_data.values[size_t(r)][size_t(c)];
            const QColor fill = m_data.isCorrelation ? ChartPalette::diverging(value, pal)
                                                     : ChartPalette::sequential(
                                                         topShare > 0 ? Statistics::share(value, total) / topShare : 0, pal);
            painter.fillRect(cell, fill);
            painter.setPen(ChartPalette::textOn(fill));
            painter.drawText(cell, Qt::AlignCenter, cellText(r, c));
            if (!m_highlight.empty() && m_highlight[size_t(r)].size() > size_t(c) && m_highlight[size_t(r)][size_t(c)] > 0) {
                QPen pen(pal.color(QPalette::Text), 2.5);
                painter.setPen(pen);
                painter.setBrush(Qt::NoBrush);
                painter.drawRect(cell.adjusted(1, 1, -1, -1));
                painter.drawText(cell.adjusted(3, 2, -3, -2), Qt::AlignTop | Qt::AlignRight,
                                 QStringLiteral("\u25cf%1").arg(m_highlight[size_t(r)][size_t(c)]));
            }
        }
    }
}

void HeatMapView::mouseReleaseEvent(QMouseEvent *event)
{
    const QPoint cell = cellAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && cell.x() >= 0 && !m_data.isCorrelation)
        Q_EMIT cellClicked(cell.y(), cell.x());
    QWidget::mouseReleaseEvent(event);
}

bool HeatMapView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QPoint cell = cellAt(help->pos());
        if (cell.x() < 0) {
            QToolTip::hideText();
            return true;
        }
        const int r = cell.y();
        const int c = cell.x();
        const double value = m_data.values[size_t(r)][size_t(c)];
        QString text = m_data.rows[r] + QStringLiteral("\n") + m_data.columns[c] + QStringLiteral("\n");
        if (m_data.isCorrelation) {
            text += tr("Pearson r = %1").arg(cellText(r, c));
        } else {
            double columnTotal = 0;
            for (const auto &row : m_data.values)
                columnTotal += row[size_t(c)];
            text += tr("%1: %2 of the row, %3 of the column")
                        .arg(ChartText::records(qint64(value)),
                             Statistics::formatShare(Statistics::share(value, m_data.rowTotal(r))),
                             Statistics::formatShare(Statistics::share(value, columnTotal)));
        }
        QToolTip::showText(help->globalPos(), plainTextTooltip(text), this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace Triage
