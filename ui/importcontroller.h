#pragma once

#include "importreport.h"

#include <QFutureWatcher>
#include <QMessageBox>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

class QDialog;
class QMimeData;
class QProgressBar;
class QProgressDialog;
class QPushButton;
class QWidget;

namespace Triage {

class WorkbenchSession;

struct ImportOutcome;

// File > Import... and drops on the window: runs the Importer on a worker thread with a
// connection of its own to the session's workspace file, behind a window-modal progress dialog
// whose Cancel rolls the import back. When the worker is done the session reloads (on the GUI
// thread, after the commit) and the report dialog opens. One import at a time.
class ImportController final : public QObject
{
    Q_OBJECT

public:
    // Asked on the GUI thread, only when records are to be replaced: who the history names.
    using AnnotatorFunction = std::function<QString()>;

    ImportController(
        WorkbenchSession &session, AnnotatorFunction annotator, QObject *parent = nullptr);
    // Cancels a running import and waits for its worker: the session must outlive this.
    ~ImportController() override;

    // Files and folders (searched for *.json and *.jsonl). Returns at once; the work starts
    // from the event loop, so a cancel() right after this call always takes effect. Dialogs
    // are shown over dialogParent (may be null). A request while an import runs is refused
    // with a message.
    void importPaths(const QStringList &paths, QWidget *dialogParent);
    bool isRunning() const { return m_running; }

    // Overwrite changed records (with history) instead of holding them as conflicts. Off by
    // default; the window does not offer it yet.
    void setReplace(bool replace) { m_replace = replace; }
    bool replace() const { return m_replace; }

    // The local files and folders among a drop's URLs, in order and without repeats; other
    // URLs (http, ...) are left out. Empty when the drop holds none: refuse the drag then.
    static QStringList localPathsFrom(const QMimeData *mime);

public Q_SLOTS:
    // Asks the worker to stop; the import's transaction rolls back and nothing is written.
    void cancel();

Q_SIGNALS:
    void runningChanged(bool running);
    // Bytes of the files read so far, and in all.
    void progressChanged(qint64 bytesDone, qint64 bytesTotal);
    // The import ran: committed (the session has reloaded) or cancelled (report.cancelled).
    void finished(const Triage::ImportReport &report);
    // The workspace could not be opened or written; nothing was imported.
    void failed(const QString &message);

private:
    void start(const QStringList &paths, bool replace, const QString &annotator);
    void showProgress(QWidget *parent);
    void onProgress(qint64 done, qint64 total);
    void onWorkerFinished();
    void closeProgress();
    void setRunning(bool running);
    void showMessage(QMessageBox::Icon icon, const QString &objectName, const QString &title,
        const QString &text, QWidget *parent);

    WorkbenchSession &m_session;
    AnnotatorFunction m_annotator;
    bool m_replace = false;
    bool m_running = false;
    std::atomic<bool> m_cancelRequested{false};
    std::unique_ptr<QFutureWatcher<ImportOutcome>> m_watcher;
    QPointer<QWidget> m_dialogParent;
    QPointer<QProgressDialog> m_progress;
    QPointer<QProgressBar> m_bar;
    QPointer<QPushButton> m_cancelButton;
    QPointer<QDialog> m_reportDialog;
};

} // namespace Triage
