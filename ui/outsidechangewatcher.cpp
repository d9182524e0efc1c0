#include "outsidechangewatcher.h"

#include "workbenchsession.h"

#include <QApplication>

#include <exception>

namespace Triage {

OutsideChangeWatcher::OutsideChangeWatcher(WorkbenchSession &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    m_timer.setInterval(IntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (QApplication::activeModalWidget() || QApplication::activePopupWidget())
            return;
        checkNow();
    });
    m_timer.start();
}

void OutsideChangeWatcher::checkNow()
{
    try {
        m_session.catchUp();
        m_failing = false;
    } catch (const std::exception &error) {
        if (!m_failing)
            Q_EMIT readFailed(QString::fromUtf8(error.what()));
        m_failing = true;
    }
}

} // namespace Triage
