#include "recordtabledelegate.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>

namespace Triage {

namespace {

bool plainLine(const QString &text)
{
    return std::none_of(text.begin(), text.end(), [](QChar c) {
        return c.category() == QChar::Other_Control || c == QChar::LineSeparator
            || c == QChar::ParagraphSeparator;
    });
}

} // namespace

const QStaticText &RecordTableDelegate::laidOut(const QString &text, int width,
                                                Qt::TextElideMode mode, const QFont &font) const
{
    if (font != m_font || m_cache.size() >= CacheLimit) {
        m_cache.clear();
        m_font = font;
    }
    const Key key{text, width, int(mode)};
    auto it = m_cache.find(key);
    if (it == m_cache.end()) {
        QStaticText laid(QFontMetrics(font).elidedText(text, mode, width));
        laid.setTextFormat(Qt::PlainText); // labels come from files: never rich text
        laid.prepare(QTransform(), font);
        it = m_cache.insert(key, laid);
    }
    return *it;
}

void RecordTableDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // Qt's delegate for what this one does not place as Qt does: icons and check boxes, line
    // breaks, a right-to-left paragraph or layout (Qt sets the direction; a QStaticText would
    // guess it from the text), and style sheets, which may pad and colour items.
    if (!opt.icon.isNull() || (opt.features & QStyleOptionViewItem::HasCheckIndicator)
        || !plainLine(opt.text) || opt.direction != Qt::LeftToRight || opt.text.isRightToLeft()
        || style->inherits("QStyleSheetStyle")) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QString text = opt.text;
    opt.text.clear();
    opt.features &= ~QStyleOptionViewItem::HasDisplay;
    // Background, selection, focus: the style's own.
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (text.isEmpty())
        return;

    // Where and how QCommonStyle puts an item's text: inside a margin on either side, in the
    // palette's text or highlighted-text colour for the widget's state.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect textRect = opt.rect.adjusted(margin, 0, -margin, 0);
    if (textRect.width() <= 0)
        return;
    const QStaticText &laid = laidOut(text, textRect.width(), opt.textElideMode, opt.font);
    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
        : (opt.state & QStyle::State_Active)                               ? QPalette::Normal
                                                                           : QPalette::Inactive;
    const QPalette::ColorRole role = (opt.state & QStyle::State_Selected) ? QPalette::HighlightedText
                                                                          : QPalette::Text;
    // The line's own height, as Qt's text layout rounds it (QFontMetrics::height() can be a
    // pixel less, which put every text a pixel low with some fonts).
    const QSize size(int(std::ceil(laid.size().width())), qRound(laid.size().height()));
    const QRect placed = QStyle::alignedRect(opt.direction, opt.displayAlignment, size, textRect);
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(group, role));
    painter->setClipRect(opt.rect, Qt::IntersectClip);
    painter->drawStaticText(placed.topLeft(), laid);
    painter->restore();
}

} // namespace Triage
