#include "treemapview.h"

#include "charttext.h"
#include "chartpalette.h"
#include "plaintext.h"
#include "statistics.h"

#include <QApplication>
#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace Triage {

namespace {

constexpr double HeaderHeightFactor = 1.5; // room for a parent's name above its children

// Squarified layout (Bruls, Huizing, van Wijk): rows of tiles along the shorter side, each row
// kept while adding a tile does not make the worst aspect ratio worse.
void squarify(const std::vector<double> &sizes, QRectF area, std::vector<QRectF> &out)
{
    out.assign(sizes.size(), QRectF());
    double total = 0;
    for (double s : sizes)
        total += s;
    if (total <= 0 || area.isEmpty())
        return;
    const double scale = area.width() * area.height() / total;
    size_t start = 0;
    while (start < sizes.size()) {
        const bool wide = area.width() >= area.height();
        const double side = wide ? area.height() : area.width();
        const auto worst = [&](size_t from, size_t to) {
            double sum = 0;
            double lo = 1e300;
            double hi = 0;
            for (size_t i = from; i < to; ++i) {
                const double a = sizes[i] * scale;
                sum += a;
                lo = std::min(lo, a);
                hi = std::max(hi, a);
            }
            if (sum <= 0 || lo <= 0)
                return 1e300;
            return std::max(side * side * hi / (sum * sum), (sum * sum) / (side * side * lo));
        };
        size_t end = start + 1;
        while (end < sizes.size() && worst(start, end + 1) <= worst(start, end))
            ++end;
        double rowArea = 0;
        for (size_t i = start; i < end; ++i)
            rowArea += sizes[i] * scale;
        const double thickness = rowArea / side;
        double offset = 0;
        for (size_t i = start; i < end; ++i) {
            const double length = sizes[i] * scale / thickness;
            out[i] = wide ? QRectF(area.left(), area.top() + offset, thickness, length)
                          : QRectF(area.left() + offset, area.top(), length, thickness);
            offset += length;
        }
        area = wide ? area.adjusted(thickness, 0, 0, 0) : area.adjusted(0, thickness, 0, 0);
        start = end;
    }
}

QColor lighter(const QColor &colour, int depth, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const double t = 0.3 * depth;
    return QColor::fromRgbF(float(colour.redF() + (base.redF() - colour.redF()) * t),
                            float(colour.greenF() + (base.greenF() - colour.greenF()) * t),
                            float(colour.blueF() + (base.blueF() - colour.blueF()) * t));
}

} // namespace

TreemapView::TreemapView(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setMinimumSize(200, 150);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void TreemapView::setTree(const TaxonomyNode &root, Field field, const QStringList &colourOrder)
{
    m_root = root;
    m_colourOrder = colourOrder;
    m_field = field;
    layOut();
    update();
}

void TreemapView::setHighlight(const QHash<QString, qint64> &selectedByLabel)
{
    m_highlight = selectedByLabel;
    update();
}

void TreemapView::setFontScale(double scale)
{
    QFont f = QApplication::font();
    f.setPointSizeF(f.pointSizeF() * scale);
    setFont(f);
    layOut();
    update();
}

void TreemapView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layOut();
}

void TreemapView::layOut()
{
    m_tiles.clear();
    layOutChildren(m_root, QRectF(rect()).adjusted(2, 2, -2, -2), -1, 0);
}

void TreemapView::layOutChildren(const TaxonomyNode &node, const QRectF &area, int colour, int depth)
{
    std::vector<double> sizes;
    for (const TaxonomyNode &child : node.children)
        sizes.push_back(double(child.count));
    std::vector<QRectF> rects;
    squarify(sizes, area, rects);
    const double header = QFontMetricsF(font()).height() * HeaderHeightFactor;
    for (size_t i = 0; i < node.children.size(); ++i) {
        const TaxonomyNode &child = node.children[i];
        int tileColour = colour;
        if (depth == 0) {
            tileColour = int(m_colourOrder.indexOf(child.name));
            if (tileColour < 0) // a category the order does not know yet: after the known ones
                tileColour = int(m_colourOrder.size() + i);
        }
        const QRectF tile = rects[i].adjusted(1, 1, -1, -1);
        if (tile.width() < 2 || tile.height() < 2)
            continue;
        m_tiles.append({tile, &child, tileColour});
        // Children below the name, when there is room for them to be seen.
        if (!child.children.empty() && tile.height() > header * 2 && tile.width() > 30)
            layOutChildren(child, tile.adjusted(2, header, -2, -2), tileColour, depth + 1);
    }
}

const TreemapView::Tile *TreemapView::tileAt(const QPoint &position) const
{
    const Tile *found = nullptr;
    for (const Tile &tile : m_tiles) {
        if (tile.rect.contains(position))
            found = &tile; // children come after their parent: the last hit is the deepest
    }
    return found;
}

FacetValue TreemapView::valueAt(const QPoint &position) const
{
    const Tile *tile = tileAt(position);
    return tile ? FacetValue{m_field, tile->node->level, tile->node->path} : FacetValue{m_field, 1, QString()};
}

QRect TreemapView::tileRect(const FacetValue &value) const
{
    for (const Tile &tile : m_tiles) {
        if (tile.node->path == value.value && tile.node->level == value.level)
            return tile.rect.toAlignedRect();
    }
    return {};
}

void TreemapView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette pal = palette();
    painter.fillRect(rect(), pal.brush(QPalette::Base));
    if (m_tiles.isEmpty()) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, ChartText::noRecords());
        return;
    }
    const QFontMetrics metrics(font());
    for (const Tile &tile : std::as_const(m_tiles)) {
        const QColor fill = lighter(ChartPalette::category(tile.colour, pal), tile.node->level - 1, pal);
        painter.fillRect(tile.rect, fill);
        painter.setPen(pal.color(QPalette::Base));
        painter.drawRect(tile.rect);
        const QRectF text = tile.rect.adjusted(4, 2, -4, -2);
        if (text.width() > 24 && text.height() > metrics.height()) {
            painter.setPen(ChartPalette::textOn(fill));
            const QString name = metrics.elidedText(tile.node->name.trimmed(), Qt::ElideRight, int(text.width()));
            const QString count = QLocale().toString(tile.node->count);
            const bool room = text.height() > metrics.height() * 2 && tile.node->children.empty();
            painter.drawText(text, Qt::AlignLeft | Qt::AlignTop, room ? name + QLatin1Char('\n') + count : name);
        }
        if (m_highlight.value(tile.node->path) > 0 && tile.node->children.empty()) {
            painter.setPen(QPen(pal.color(QPalette::Text), 2.5));
            painter.drawRect(tile.rect.adjusted(1.5, 1.5, -1.5, -1.5));
        }
    }
}

void TreemapView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        const FacetValue value = valueAt(event->position().toPoint());
        if (!value.value.isEmpty())
            Q_EMIT tileClicked(value);
    }
    QWidget::mouseReleaseEvent(event);
}

bool TreemapView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        if (const Tile *tile = tileAt(help->pos())) {
            QToolTip::showText(help->globalPos(), plainTextTooltip(
                               tr("%1\n%2, %3 of all shown")
                                   .arg(tile->node->path, ChartText::records(tile->node->count),
                                        Statistics::formatShare(Statistics::share(double(tile->node->count),
                                                                                  double(m_root.count))))),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace Triage
