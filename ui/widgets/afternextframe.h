#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QWidget;

namespace Triage {

// Runs a function once a window has drawn what was waiting to be drawn: a filter click shows
// the table and the facet lists in one frame, and what can come a frame later (a chart) is
// computed after it instead of before it. When the window has nothing to draw, the function
// runs after FallbackMs at the latest. Scheduling again while waiting changes nothing.
class AfterNextFrame final : public QObject
{
public:
    explicit AfterNextFrame(std::function<void()> run, QObject *parent = nullptr);
    ~AfterNextFrame() override;

    void schedule(QWidget *window);
    void cancel();
    bool isPending() const { return m_window || m_run.isActive() || m_fallback.isActive(); }

    static constexpr int FallbackMs = 16;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void stopWatching();

    std::function<void()> m_function;
    QPointer<QWidget> m_window; // watched for its next paint
    QTimer m_run;               // after the paint: on the next turn of the event loop
    QTimer m_fallback;
};

} // namespace Triage
