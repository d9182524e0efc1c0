#include "afternextframe.h"

#include <QEvent>
#include <QWidget>

namespace Triage {

AfterNextFrame::AfterNextFrame(std::function<void()> run, QObject *parent)
    : QObject(parent)
    , m_function(std::move(run))
{
    m_run.setSingleShot(true);
    m_run.setInterval(0);
    connect(&m_run, &QTimer::timeout, this, [this] { m_function(); });
    m_fallback.setSingleShot(true);
    m_fallback.setInterval(FallbackMs);
    connect(&m_fallback, &QTimer::timeout, this, [this] {
        stopWatching();
        m_function();
    });
}

AfterNextFrame::~AfterNextFrame()
{
    stopWatching();
}

void AfterNextFrame::schedule(QWidget *window)
{
    if (isPending())
        return;
    m_window = window;
    // Qt draws a window when it receives an UpdateRequest, posted by the first update() after
    // its last frame; the 0 ms timer started on seeing it fires after that paint has been done.
    window->installEventFilter(this);
    m_fallback.start();
}

void AfterNextFrame::cancel()
{
    stopWatching();
    m_run.stop();
}

void AfterNextFrame::stopWatching()
{
    if (m_window)
        m_window->removeEventFilter(this);
    m_window = nullptr;
    m_fallback.stop();
}

bool AfterNextFrame::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::UpdateRequest) {
        stopWatching();
        m_run.start();
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Triage
