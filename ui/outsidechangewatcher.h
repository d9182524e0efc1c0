#pragma once

#include <QObject>
#include <QTimer>

namespace Triage {

class WorkbenchSession;

// Another llmtriage window or the command line may write to the same workspace: twice a
// second this asks the session to take their writes in (WorkbenchSession::catchUp), so each
// window shows the other's edits within a second. It waits while a dialog is open, because a
// dialog may hold rows or values read before, and while the session is busy on its worker.
class OutsideChangeWatcher final : public QObject
{
    Q_OBJECT

public:
    static constexpr int IntervalMs = 500;

    explicit OutsideChangeWatcher(WorkbenchSession &session, QObject *parent = nullptr);

    // Looks now rather than at the next tick (before an edit, and for tests).
    void checkNow();

Q_SIGNALS:
    // The store could not be read (the file gone, a disk error): said once until it reads
    // again, so a status bar can show it without a dialog every half second.
    void readFailed(const QString &message);

private:
    WorkbenchSession &m_session;
    QTimer m_timer;
    bool m_failing = false;
};

} // namespace Triage
