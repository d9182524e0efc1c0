#pragma once

#include "activefilter.h"
#include "exporter.h"
#include "facetcounts.h"
#include "recordindex.h"

#include <QObject>
#include <QVector>

#include <functional>
#include <memory>

namespace Triage {

class Workspace;
struct AppliedEdit;
struct EditSet;

// The open workspace as the window sees it: the store, its index, the active filter, the rows
// the filter selects and the facet counts beside it. Every view reads from here; every edit
// goes through apply(), which writes the store first, then the index, then tells the views.
class WorkbenchSession : public QObject
{
    Q_OBJECT

public:
    explicit WorkbenchSession(std::unique_ptr<Workspace> workspace, QObject *parent = nullptr);
    ~WorkbenchSession() override;

    Workspace &workspace() { return *m_workspace; }
    const RecordIndex &index() const { return m_index; }
    ActiveFilter &filter() { return m_filter; }
    const ActiveFilter &filter() const { return m_filter; }
    // The rows the filter selects, in index order, and the counts beside each facet value.
    const RowSet &rows() const { return m_rows; }
    // Changes whenever rows() holds other rows: what a view compares instead of keeping a
    // copy of a million row numbers.
    quint64 rowsVersion() const { return m_rowsVersion; }
    const FacetCounts &facetCounts() const { return m_counts; }

    // Runs `work` on a second connection to the workspace, off the calling thread, and
    // returns when it is done, rethrowing what it threw; while it runs, the window's event
    // loop goes on (a progress dialog), so the window never freezes. `cancellable`: the user
    // may stop it (Workspace::requestCancel). Installed by the window; without one, work runs
    // here on the session's own connection.
    using WorkerRunner = std::function<void(const QString &what, bool cancellable,
                                            const std::function<void(Workspace &)> &work)>;
    void setWorkerRunner(WorkerRunner runner) { m_runner = std::move(runner); }
    // Edits of at least this many records are written through the runner: about 8 ms of
    // SQLite per thousand, so smaller ones stay under the 50 ms a window may pause.
    static constexpr int BackgroundEditsFrom = 2000;

    enum class Cancel { NotAllowed, Allowed };
    // Writes the edits (one transaction), updates the index and the selection. Throws
    // EditRejected or WorkspaceError with nothing changed (EditRejected::Reason::Cancelled
    // when the user cancelled a large one, which `cancel` allows).
    QVector<AppliedEdit> apply(const EditSet &edits, Cancel cancel = Cancel::NotAllowed);
    // Reads the store again (after an import by another connection), through the runner.
    void reload();
    // Takes in what another window or the command line wrote since the session last looked:
    // their relabels and notes through the history (as if edited here: recordsEdited), new
    // records or a long batch by reading the store again (reloaded). Cheap when nothing
    // changed (SQLite's data_version), so a timer may call it often. Does nothing while the
    // session is writing or reading on the worker. True when the index changed.
    bool catchUp();
    // Writes every record out (see Exporter), and a copy of the workspace (see
    // Workspace::saveCopy), through the runner: a million records take seconds. Throw like
    // those. The export can be cancelled (ExportCancelled, nothing left on disk).
    ExportResult exportRecords(ExportFormat format, const QString &out);
    void saveCopy(const QString &path);
    // Conditions applied under the active filter, ANDed with it (the command line's --where,
    // which means the same as for `stats`).
    void setBaseFilter(const Filter &base);
    // The filter in words ("Series: Llama; Symptom: Crash; search \"oom\""), empty when every
    // record is shown: for charts that leave the window (exports, slides) without the chips.
    QString filterDescription() const;
    // Accept or discard a quarantined record through the workspace (see
    // Workspace::acceptQuarantined); an accepted record is in the index when this returns.
    // Throws EditRejected or WorkspaceError with nothing changed.
    qint64 acceptQuarantined(qint64 seq, const QString &fixedJson, const QString &annotator);
    void discardQuarantined(qint64 seq, const QString &annotator);

Q_SIGNALS:
    // After apply(): which records changed and how. Comes before rowsChanged().
    void recordsEdited(const QVector<AppliedEdit> &edits);
    // The selected rows or the facet counts may have changed (filter, edit).
    void rowsChanged();
    // The whole index was rebuilt: every view starts again.
    void reloaded();
    // A quarantined record was accepted or discarded (after reloaded() for an accepted one).
    void quarantineChanged();

private:
    void refilter();
    // Where the session's index stands against the store: the newest history row it has taken
    // in, the largest rid, the data_version it saw. Read before a build, so a write landing
    // during the build is taken in again (which is harmless: replaying a row sets a value).
    void markCaughtUp(qint64 seenSeq);
    // Runs work on the runner, or here without one; then brings the session's own connection
    // up to date with the labels the worker may have added.
    void runOnWorker(const QString &what, bool cancellable,
                     const std::function<void(Workspace &)> &work);

    std::unique_ptr<Workspace> m_workspace;
    RecordIndex m_index;
    ActiveFilter m_filter;
    Filter m_base;
    RowSet m_rows;
    quint64 m_rowsVersion = 0;
    FacetCounts m_counts;
    WorkerRunner m_runner;
    qint64 m_seenSeq = 0;
    qint64 m_largestRid = 0;
    qint64 m_dataVersion = -1;
    bool m_busy = false;
};

} // namespace Triage
