#include "wheelguard.h"

#include <QAbstractScrollArea>
#include <QCoreApplication>
#include <QScrollBar>
#include <QWheelEvent>
#include <QWidget>

namespace Triage {

void WheelGuard::install(QWidget *widget)
{
    widget->setFocusPolicy(Qt::StrongFocus); // not Qt::WheelFocus: a wheel turn must not focus it
    widget->installEventFilter(new WheelGuard(widget));
}

bool WheelGuard::eventFilter(QObject *watched, QEvent *event)
{
    auto *widget = qobject_cast<QWidget *>(watched);
    if (event->type() != QEvent::Wheel || !widget || widget->hasFocus())
        return QObject::eventFilter(watched, event);
    // Hand the turn to the scroll area around, as if the combo box were not there.
    for (QWidget *up = widget->parentWidget(); up; up = up->parentWidget()) {
        if (auto *area = qobject_cast<QAbstractScrollArea *>(up)) {
            QCoreApplication::sendEvent(area->verticalScrollBar(), event);
            break;
        }
    }
    return true;
}

} // namespace Triage
