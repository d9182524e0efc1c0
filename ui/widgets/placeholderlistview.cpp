#include "placeholderlistview.h"

#include <QPainter>

namespace Triage {

PlaceholderListView::PlaceholderListView(QWidget *parent)
    : QListView(parent)
{
}

void PlaceholderListView::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    viewport()->update();
}

bool PlaceholderListView::isShowingPlaceholder() const
{
    return !m_placeholder.isEmpty() && (!model() || model()->rowCount(rootIndex()) == 0);
}

void PlaceholderListView::paintEvent(QPaintEvent *event)
{
    QListView::paintEvent(event);
    if (!isShowingPlaceholder())
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::Disabled, QPalette::Text));
    const int margin = style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 2;
    painter.drawText(viewport()->rect().adjusted(margin, margin, -margin, -margin),
                     Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_placeholder);
}

} // namespace Triage
