#include "backgroundrunner.h"

#include "workspace.h"

#include <QApplication>
#include <QEvent>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QProgressDialog>
#include <QPushButton>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <memory>

namespace Triage {

BackgroundRunner::BackgroundRunner(QWidget *window)
    : QObject(window)
    , m_window(window)
{
}

void BackgroundRunner::run(const QString &workspacePath, const QString &what, bool cancellable,
                           const std::function<void(Workspace &)> &work)
{
    // Opened here, used there, closed here: the worker's connection is only ever used by one
    // thread at a time, and requestCancel() is safe from this one.
    std::unique_ptr<Workspace> worker
        = Workspace::open(workspacePath, Workspace::OpenMode::OpenExisting);
    Workspace *connection = worker.get();

    QFutureWatcher<std::exception_ptr> watcher;
    QEventLoop loop;
    connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run([connection, &work]() -> std::exception_ptr {
        try {
            work(*connection);
        } catch (...) {
            return std::current_exception();
        }
        return nullptr;
    }));

    QProgressDialog progress(m_window);
    progress.setObjectName(QStringLiteral("backgroundProgress"));
    progress.setWindowTitle(QApplication::applicationDisplayName());
    progress.setLabelText(what + QStringLiteral("…"));
    progress.setRange(0, 0); // how far a single SQLite transaction is cannot be told
    progress.setWindowModality(Qt::WindowModal);
    progress.setAutoClose(false);
    progress.setAutoReset(false);
    progress.setMinimumDuration(std::numeric_limits<int>::max()); // shown by the timer below
    if (cancellable) {
        // Stays up until the worker has rolled back: the workspace is locked until then.
        disconnect(&progress, SIGNAL(canceled()), &progress, SLOT(cancel()));
        connect(&progress, &QProgressDialog::canceled, &progress, [&progress, connection] {
            connection->requestCancel();
            progress.setLabelText(tr("Cancelling…"));
        });
    } else {
        progress.setCancelButton(nullptr);
    }
    // Until the dialog shows, input waits in the queue (it is not lost, and nothing can edit
    // the session under the work); once it shows, it is modal and only Cancel gets input.
    QTimer showLater;
    showLater.setSingleShot(true);
    connect(&showLater, &QTimer::timeout, &loop, [&] {
        progress.show();
        loop.quit();
    });
    showLater.start(DialogDelayMs);
    if (!watcher.isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!watcher.isFinished())
        loop.exec();
    showLater.stop();
    progress.hide();

    const std::exception_ptr error = watcher.result();
    worker.reset();
    if (error)
        std::rethrow_exception(error);
}

} // namespace Triage
