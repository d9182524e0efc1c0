#pragma once

#include <QObject>

class QWidget;

namespace Triage {

// Lays a window out completely before each of its frames. Qt settles layouts through posted
// requests, one level of nesting per turn of the event loop (a request posted while requests
// are being handled waits for the next turn), and the window paints on the first turn: a facet
// click that gave the record dock new texts painted the dock, then laid it out a level further
// up and painted it again, two or three times a click. Settling when the paint is asked for
// gives one frame with everything in place.
//
// Known side effect: QWidget::repaint() sends its request at once, so a button's press (which
// repaints it) settles pending layouts inside the press handler, before pressed() is emitted;
// they are the layouts the next turn would have run before painting anyway.
class LayoutSettler final : public QObject
{
    Q_OBJECT

public:
    static void install(QWidget *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    using QObject::QObject;

    // Levels of nesting settled per frame: the deepest chain in the window (a value label, its
    // form, the dock's content, the scroll area) is four; the rest waits for the next turn as
    // it would have anyway.
    static constexpr int MaxLevels = 8;
    bool m_settling = false;
};

} // namespace Triage
