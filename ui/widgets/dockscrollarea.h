#pragma once

class QScrollArea;
class QWidget;

namespace Triage {

// A dock's content in a scroll area that scrolls only vertically: docks are narrow, and text
// that wraps reads better than a sideways scroll bar.
QScrollArea *dockScrollArea(QWidget *content, QWidget *parent);

} // namespace Triage
