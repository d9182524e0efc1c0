#pragma once

#include "activefilter.h"
#include "taxonomy.h"

#include <QWidget>

namespace Triage {

// The taxonomy as a squarified treemap painted with QPainter: one tile per category, its
// subcategories and manifestations nested inside, each sized by how many records it holds.
// Categories take the Okabe-Ito colours, deeper levels lighter shades. A click reports the
// deepest tile under the pointer; the tooltip gives its path, count and share.
class TreemapView final : public QWidget
{
    Q_OBJECT

public:
    explicit TreemapView(QWidget *parent = nullptr);

    // `colourOrder` lists the categories in the order they take the palette's colours, so that a
    // category keeps its colour whatever the filter leaves of the others.
    void setTree(const TaxonomyNode &root, Field field, const QStringList &colourOrder);
    // Records selected in the table, per full label: the tiles that hold them are outlined.
    void setHighlight(const QHash<QString, qint64> &selectedByLabel);
    void setFontScale(double scale);
    // The tile's value under a point (empty value when none).
    FacetValue valueAt(const QPoint &position) const;
    QRect tileRect(const FacetValue &value) const;

Q_SIGNALS:
    void tileClicked(const Triage::FacetValue &value);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Tile
    {
        QRectF rect;
        const TaxonomyNode *node;
        int colour;
    };
    void layOut();
    void layOutChildren(const TaxonomyNode &node, const QRectF &area, int colour, int depth);
    const Tile *tileAt(const QPoint &position) const;

    TaxonomyNode m_root;
    QStringList m_colourOrder;
    Field m_field = Field::Symptom;
    QVector<Tile> m_tiles; // parents before children
    QHash<QString, qint64> m_highlight;
};

} // namespace Triage
