#pragma once

#include <QMainWindow>

#include <memory>

class QLabel;
class QUndoStack;

namespace Triage {

class AnnotatorIdentity;
class ChartsDock;
class FindingsBoard;
class DetailDock;
class EditController;
class FacetDock;
class FilterChipBar;
class HistoryDock;
class PresentationWindow;
class ImportController;
class OutsideChangeWatcher;
class UnsavedEditsBar;
class QuarantineDock;
class RecordTableModel;
class RecordTableView;
class SearchField;
class WorkbenchActions;
class WorkbenchSession;
class Workspace;

// The workbench window. It only assembles: the table with the search box and the filter
// chips in the centre, the facet, record, history, quarantine and undo docks around it, the
// menus (WorkbenchActions) and the status bar; every view works on the one WorkbenchSession.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(std::unique_ptr<Workspace> workspace, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens `path` in a new window that replaces `current` (which may be null), remembering
    // it among the recent workspaces. `create` makes a new empty workspace. Null on failure,
    // after telling the user why.
    static MainWindow *openWorkspace(const QString &path, bool create, MainWindow *current);

    WorkbenchSession &session() { return *m_session; }
    QUndoStack &undoStack() { return *m_undoStack; }
    EditController &edits() { return *m_edits; }
    AnnotatorIdentity &annotator() { return *m_annotator; }
    ImportController &importer() { return *m_importer; }
    WorkbenchActions &actions() { return *m_actions; }
    RecordTableView *table() const { return m_table; }
    RecordTableModel *tableModel() const { return m_tableModel; }
    SearchField *searchField() const { return m_search; }
    FilterChipBar *chips() const { return m_chips; }
    FacetDock *facetDock() const { return m_facetDock; }
    DetailDock *detailDock() const { return m_detailDock; }
    HistoryDock *historyDock() const { return m_historyDock; }
    QuarantineDock *quarantineDock() const { return m_quarantineDock; }
    QDockWidget *undoDock() const { return m_undoDock; }
    ChartsDock *chartsDock() const { return m_chartsDock; }
    FindingsBoard *findingsBoard() const { return m_findingsBoard; }
    OutsideChangeWatcher *outsideChangeWatcher() const { return m_watcher; }
    UnsavedEditsBar *unsavedEditsBar() const { return m_unsavedBar; }
    // Full screen, one chart or finding at a time (F11), from the slide of `chartName` when one
    // shows it. Returns the presentation window.
    PresentationWindow *startPresentation(const QString &chartName = QString());
    // Brings a chart (by its command-line name) or "findings" (the board) to the front.
    bool showPanel(const QString &name);
    // The docks in the order the View menu lists them.
    QList<QDockWidget *> docks() const;

    // Whether closing saves the layout and filters (not for a documentation screenshot).
    void setPersistent(bool persistent);

    // Selects a record in the table (clearing a filter that hides it first).
    void showRecord(qint64 rid);

protected:
    void closeEvent(QCloseEvent *event) override;
    // Edits waiting to be written (see UnsavedEditsBar): retry, lose them, or stay open.
    bool confirmUnwrittenEdits();
    void showEvent(QShowEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildCentre();
    void buildDocks();
    void updateStatus();
    void updateTitle();
    QString settingsGroup() const;
    void restoreSettings();
    void saveSettings();

    std::unique_ptr<WorkbenchSession> m_session;
    QUndoStack *m_undoStack;
    AnnotatorIdentity *m_annotator;
    EditController *m_edits;
    ImportController *m_importer;
    RecordTableModel *m_tableModel = nullptr;
    RecordTableView *m_table = nullptr;
    SearchField *m_search = nullptr;
    FilterChipBar *m_chips = nullptr;
    FacetDock *m_facetDock = nullptr;
    DetailDock *m_detailDock = nullptr;
    HistoryDock *m_historyDock = nullptr;
    QuarantineDock *m_quarantineDock = nullptr;
    QDockWidget *m_undoDock = nullptr;
    ChartsDock *m_chartsDock = nullptr;
    FindingsBoard *m_findingsBoard = nullptr;
    WorkbenchActions *m_actions = nullptr;
    OutsideChangeWatcher *m_watcher = nullptr;
    UnsavedEditsBar *m_unsavedBar = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_annotatorLabel = nullptr;
    bool m_layoutRestored = false;
    bool m_persistent = true;
};

} // namespace Triage
