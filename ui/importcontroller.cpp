#include "importcontroller.h"

#include "dialogs/importreportdialog.h"
#include "importer.h"
#include "workbenchsession.h"
#include "workspace.h"
#include "workspaceerror.h"

#include <QDir>
#include <QLocale>
#include <QMimeData>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSet>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

namespace Triage {

// What the worker hands back: a report, or why the workspace could not be written.
struct ImportOutcome
{
    ImportReport report;
    QString error; // set when the import failed; nothing was written then
};

namespace {

constexpr int ProgressSteps = 1000;

// On the worker thread. The import gets a connection of its own: a SQLite connection belongs
// to one thread, and the session's connection goes on answering the window's reads (WAL lets
// them see the last commit) while this one holds the write transaction.
ImportOutcome runImport(
    const QString &workspacePath, const QStringList &paths, const ImportOptions &options)
{
    ImportOutcome outcome;
    try {
        const std::unique_ptr<Workspace> workspace
            = Workspace::open(workspacePath, Workspace::OpenMode::OpenExisting);
        outcome.report = Importer(*workspace).run(paths, options);
    } catch (const WorkspaceError &error) {
        outcome.error = error.message();
    } catch (const std::exception &error) { // out of memory, most likely; rolled back all the same
        outcome.error = QString::fromLocal8Bit(error.what());
    }
    return outcome;
}

} // namespace

ImportController::ImportController(
    WorkbenchSession &session, AnnotatorFunction annotator, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_annotator(std::move(annotator))
    , m_watcher(std::make_unique<QFutureWatcher<ImportOutcome>>())
{
    connect(
        m_watcher.get(), &QFutureWatcherBase::finished, this, &ImportController::onWorkerFinished);
}

ImportController::~ImportController()
{
    // The worker calls back into this object: it must be done before this is gone. Its
    // transaction rolls back, as for any cancel.
    m_cancelRequested = true;
    m_watcher->disconnect(this);
    m_watcher->waitForFinished();
    delete m_progress.data();
}

void ImportController::importPaths(const QStringList &paths, QWidget *dialogParent)
{
    if (paths.isEmpty())
        return;
    if (m_running) {
        showMessage(QMessageBox::Information, QStringLiteral("importBusy"), tr("Import"),
            tr("An import is already running. Wait for it to finish, or cancel it, "
               "before starting another."),
            dialogParent);
        return;
    }
    QString annotator;
    if (m_replace) {
        annotator = m_annotator ? m_annotator().trimmed() : QString();
        if (annotator.isEmpty()) {
            showMessage(QMessageBox::Warning, QStringLiteral("importNoAnnotator"), tr("Import"),
                tr("Replacing records writes their history, which needs the name of "
                   "the annotator. Nothing was imported."),
                dialogParent);
            return;
        }
    }
    m_dialogParent = dialogParent;
    m_cancelRequested = false;
    setRunning(true);
    showProgress(dialogParent);
    // Started from the event loop: a cancel() right after this call is seen by the worker
    // before it writes anything, whatever the thread timing.
    QMetaObject::invokeMethod(
        this, [this, paths, replace = m_replace, annotator] { start(paths, replace, annotator); },
        Qt::QueuedConnection);
}

QStringList ImportController::localPathsFrom(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    QSet<QString> seen;
    const QList<QUrl> urls = mime->urls();
    for (const QUrl &url : urls) {
        if (!url.isLocalFile())
            continue;
        // File managers add a trailing slash to folders; cleaned, a folder dropped twice is
        // imported once.
        const QString path = QDir::cleanPath(url.toLocalFile());
        if (path.isEmpty() || seen.contains(path))
            continue;
        seen.insert(path);
        paths.append(path);
    }
    return paths;
}

void ImportController::cancel()
{
    if (!m_running)
        return;
    m_cancelRequested = true;
    // The dialog stays until the worker has rolled back: the workspace is busy until then.
    if (m_progress)
        m_progress->setLabelText(tr("Cancelling: rolling the import back…"));
    if (m_cancelButton)
        m_cancelButton->setEnabled(false);
}

void ImportController::start(const QStringList &paths, bool replace, const QString &annotator)
{
    ImportOptions options;
    options.replace = replace;
    options.annotator = annotator;
    options.isCancelled = [this] { return m_cancelRequested.load(); };
    // The importer reports after every file; a queued call per thousandth is plenty for the bar
    // and keeps a folder of many small files from flooding the event queue.
    options.progress = [this, lastStep = -1](qint64 done, qint64 total) mutable {
        const int step = total > 0 ? int(done * ProgressSteps / total) : ProgressSteps;
        if (step == lastStep && done != total)
            return;
        lastStep = step;
        QMetaObject::invokeMethod(
            this, [this, done, total] { onProgress(done, total); }, Qt::QueuedConnection);
    };
    m_watcher->setFuture(
        QtConcurrent::run(runImport, m_session.workspace().path(), paths, std::move(options)));
}

void ImportController::showProgress(QWidget *parent)
{
    auto *progress = new QProgressDialog(parent);
    progress->setObjectName(QStringLiteral("importProgress"));
    progress->setWindowTitle(tr("Import"));
    progress->setLabelText(tr("Reading the files…"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    // A bar of our own, set directly: QProgressDialog::setValue() on a modal dialog runs a
    // nested event loop, in which the import's end could delete the dialog under it.
    auto *bar = new QProgressBar(progress);
    bar->setRange(0, ProgressSteps);
    bar->setValue(0);
    progress->setBar(bar);
    auto *cancelButton = new QPushButton(tr("Cancel"), progress);
    progress->setCancelButton(cancelButton);
    // QProgressDialog hides itself on Cancel; this one stays up until the worker has rolled
    // back, so the window cannot be edited while the workspace is still locked.
    // (QProgressDialog makes that connection with SIGNAL/SLOT, which only a string-based
    // disconnect finds.)
    disconnect(progress, SIGNAL(canceled()), progress, SLOT(cancel()));
    connect(progress, &QProgressDialog::canceled, this, &ImportController::cancel);
    progress->show();
    m_progress = progress;
    m_bar = bar;
    m_cancelButton = cancelButton;
}

void ImportController::onProgress(qint64 done, qint64 total)
{
    if (!m_running)
        return;
    if (m_progress && !m_cancelRequested) {
        if (m_bar)
            m_bar->setValue(total > 0 ? int(done * ProgressSteps / total) : ProgressSteps);
        const QLocale locale;
        m_progress->setLabelText(
            tr("Read %1 of %2…")
                .arg(locale.formattedDataSize(done), locale.formattedDataSize(total)));
    }
    Q_EMIT progressChanged(done, total);
}

void ImportController::onWorkerFinished()
{
    const ImportOutcome outcome = m_watcher->result();
    closeProgress();
    setRunning(false);
    QWidget *parent = m_dialogParent;

    if (!outcome.error.isEmpty()) {
        showMessage(QMessageBox::Critical, QStringLiteral("importError"), tr("Import failed"),
            tr("Nothing was imported: the workspace could not be written.\n\n%1")
                .arg(outcome.error),
            parent);
        Q_EMIT failed(outcome.error);
        return;
    }
    if (outcome.report.cancelled) {
        showMessage(QMessageBox::Information, QStringLiteral("importCancelled"),
            tr("Import cancelled"),
            tr("The import was cancelled. Nothing was imported: the workspace is as it "
               "was before."),
            parent);
        Q_EMIT finished(outcome.report);
        return;
    }
    // The worker has committed: every view now reads the store again, on this thread.
    try {
        m_session.reload();
    } catch (const WorkspaceError &error) {
        showMessage(QMessageBox::Critical, QStringLiteral("importError"), tr("Import"),
            tr("The import was saved, but the workspace could not be read again. "
               "Reopen it to see the new records.\n\n%1")
                .arg(error.message()),
            parent);
    }
    // One report at a time: the last import's report is out of date once this one is in.
    if (m_reportDialog)
        m_reportDialog->close();
    auto *dialog = new ImportReportDialog(outcome.report, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_reportDialog = dialog;
    dialog->show(); // not modal: the records and the quarantine stay in reach beside it
    dialog->raise();
    dialog->activateWindow();
    Q_EMIT finished(outcome.report);
}

void ImportController::closeProgress()
{
    if (!m_progress)
        return;
    m_progress->reset(); // stops QProgressDialog's timer that would show it again
    m_progress->hide();
    m_progress->deleteLater();
    m_progress = nullptr;
    m_bar = nullptr;
    m_cancelButton = nullptr;
}

void ImportController::setRunning(bool running)
{
    if (m_running == running)
        return;
    m_running = running;
    Q_EMIT runningChanged(running);
}

void ImportController::showMessage(QMessageBox::Icon icon, const QString &objectName,
    const QString &title, const QString &text, QWidget *parent)
{
    auto *box = new QMessageBox(icon, title, text, QMessageBox::Ok, parent);
    box->setObjectName(objectName);
    box->setTextFormat(Qt::PlainText); // paths and reasons come from outside
    box->setAttribute(Qt::WA_DeleteOnClose);
    // open(), not exec(): no nested event loop while the worker's calls are in flight.
    box->open();
}

} // namespace Triage
