#include "valuelabel.h"

#include <QContextMenuEvent>
#include <QFocusEvent>
#include <QMouseEvent>

namespace Triage {

ValueLabel::ValueLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    setCursor(Qt::IBeamCursor);
    setSelectable(false);
}

void ValueLabel::setValue(const QString &text)
{
    if (!hasFocus())
        setSelectable(false);
    setText(text);
}

bool ValueLabel::isSelectable() const
{
    return textInteractionFlags() & Qt::TextSelectableByMouse;
}

void ValueLabel::setSelectable(bool selectable)
{
    setTextInteractionFlags(selectable ? Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard
                                       : Qt::NoTextInteraction);
    // QLabel takes the focus policy from the flags: a click must focus the label either way,
    // so that Ctrl+C copies what it selects.
    setFocusPolicy(Qt::ClickFocus);
}

void ValueLabel::mousePressEvent(QMouseEvent *event)
{
    if (!isSelectable())
        setSelectable(true);
    QLabel::mousePressEvent(event);
}

void ValueLabel::contextMenuEvent(QContextMenuEvent *event)
{
    if (!isSelectable())
        setSelectable(true); // its menu has Copy and Select All
    QLabel::contextMenuEvent(event);
}

void ValueLabel::focusInEvent(QFocusEvent *event)
{
    if (!isSelectable())
        setSelectable(true);
    QLabel::focusInEvent(event);
}

} // namespace Triage
