#include "layoutsettler.h"

#include <QCoreApplication>
#include <QEvent>
#include <QWidget>

namespace Triage {

void LayoutSettler::install(QWidget *window)
{
    window->installEventFilter(new LayoutSettler(window));
}

bool LayoutSettler::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::UpdateRequest && watched == parent() && !m_settling) {
        // A layout may ask for a paint at once (QWidget::repaint() sends the request rather
        // than posting it): that one paints what is there.
        m_settling = true;
        // Each call handles the requests pending when it starts: those the layouts it runs post
        // for their parents are handled by the next one.
        for (int level = 0; level < MaxLevels; ++level)
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        m_settling = false;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Triage
