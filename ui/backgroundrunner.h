#pragma once

#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace Triage {

class Workspace;

// Runs the session's long store work (a batch relabel of thousands of records, its undo, the
// reload after an import) on a worker thread with its own connection to the workspace, while
// the window's event loop keeps painting: the window never freezes. The caller still gets a
// synchronous call (the undo commands rely on it): a local event loop waits for the worker.
// Meanwhile user input waits, so nothing edits the session under the work; a modal progress
// dialog, with Cancel when the work allows it, appears if the work takes long enough to be
// noticed.
class BackgroundRunner final : public QObject
{
    Q_OBJECT

public:
    explicit BackgroundRunner(QWidget *window);

    // See WorkbenchSession::WorkerRunner. `workspacePath` is opened again for the worker.
    void run(const QString &workspacePath, const QString &what, bool cancellable,
             const std::function<void(Workspace &)> &work);

    // How long work runs before the progress dialog shows: shorter work shows nothing.
    static constexpr int DialogDelayMs = 300;

private:
    QPointer<QWidget> m_window;
};

} // namespace Triage
