#pragma once

#include <QObject>

class QWidget;

namespace Triage {

// Keeps the mouse wheel from changing a combo box the user is only scrolling past: in a
// scrolled dock, a wheel turn over an unfocused picker scrolls the dock instead of silently
// relabelling the record. A focused combo box still takes the wheel, as Qt's own do.
class WheelGuard final : public QObject
{
    Q_OBJECT

public:
    static void install(QWidget *widget);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    using QObject::QObject;
};

} // namespace Triage
