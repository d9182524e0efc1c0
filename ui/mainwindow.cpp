#include "mainwindow.h"

#include "activefilter.h"
#include "backgroundrunner.h"
#include "annotatoridentity.h"
#include "docks/chartsdock.h"
#include "docks/detaildock.h"
#include "docks/facetdock.h"
#include "docks/historydock.h"
#include "docks/quarantinedock.h"
#include "freedmemory.h"
#include "outsidechangewatcher.h"
#include "widgets/unsavededitsbar.h"
#include "editcontroller.h"
#include "findings/findingsboard.h"
#include "presentationwindow.h"
#include "importcontroller.h"
#include "recentworkspaces.h"
#include "recordtablemodel.h"
#include "recordtableview.h"
#include "widgets/filterchipbar.h"
#include "widgets/layoutsettler.h"
#include "widgets/plainmessagebox.h"
#include "widgets/relabelpanel.h"
#include "widgets/searchfield.h"
#include "workbenchactions.h"
#include "workbenchsession.h"
#include "workspace.h"

#include <QCloseEvent>
#include <QItemSelectionModel>
#include <QCryptographicHash>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>

namespace Triage {

namespace {
constexpr int StateVersion = 5; // bump when the docks change, so an old layout is not restored
}

MainWindow::MainWindow(std::unique_ptr<Workspace> workspace, QWidget *parent)
    : QMainWindow(parent)
    , m_session(std::make_unique<WorkbenchSession>(std::move(workspace)))
    , m_undoStack(new QUndoStack(this))
    , m_annotator(new AnnotatorIdentity(this))
    , m_edits(new EditController(*m_session, *m_undoStack, *m_annotator, this, this))
    , m_importer(new ImportController(*m_session, [this] { return m_annotator->ensure(this); }, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    setAcceptDrops(true);
    // Long store work (a large batch, its undo, a reload) runs off this thread.
    auto *runner = new BackgroundRunner(this);
    m_session->setWorkerRunner([runner, session = m_session.get()](
                                   const QString &what, bool cancellable,
                                   const std::function<void(Workspace &)> &work) {
        runner->run(session->workspace().path(), what, cancellable, work);
    });
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks | QMainWindow::AllowNestedDocks);
    buildCentre();
    buildDocks();
    LayoutSettler::install(this);
    m_actions = new WorkbenchActions(*this);

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("recordCount"));
    m_annotatorLabel = new QLabel(this);
    m_annotatorLabel->setObjectName(QStringLiteral("annotatorName"));
    m_annotatorLabel->setTextFormat(Qt::PlainText);
    statusBar()->addWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_annotatorLabel);
    connect(m_session.get(), &WorkbenchSession::rowsChanged, this, &MainWindow::updateStatus);
    connect(m_session.get(), &WorkbenchSession::reloaded, this, &MainWindow::updateStatus);
    // Once the open (or a reload) has settled: its passing buffers are tens of megabytes at a
    // million records.
    const auto releaseOnceSettled = [this] {
        constexpr int SettleMs = 200;
        QTimer::singleShot(SettleMs, this, &releaseFreedMemory);
    };
    releaseOnceSettled();
    connect(m_session.get(), &WorkbenchSession::reloaded, this, releaseOnceSettled);
    connect(m_annotator, &AnnotatorIdentity::nameChanged, this, &MainWindow::updateStatus);
    connect(m_undoStack, &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    // Another window or the command line on the same file: their edits show here within a second.
    m_watcher = new OutsideChangeWatcher(*m_session, this);
    connect(m_watcher, &OutsideChangeWatcher::readFailed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("The workspace could not be read: %1").arg(message), 10000);
    });

    restoreSettings();
    updateStatus();
    updateTitle();
    m_table->step(1); // the first record, so the detail dock has something to show
}

MainWindow::~MainWindow()
{
    // The docks, the table and the import worker refer to the session, which as a member goes
    // before the window's children would: they go first, explicitly.
    delete m_importer; // waits for a running worker
    m_undoStack->disconnect(this);
    qDeleteAll(findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly));
    delete takeCentralWidget();
}

void MainWindow::buildCentre()
{
    auto *centre = new QWidget(this);
    auto *layout = new QVBoxLayout(centre);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *top = new QHBoxLayout;
    top->setContentsMargins(4, 4, 4, 0);
    m_search = new SearchField(m_session->filter(), centre);
    top->addWidget(m_search);
    layout->addLayout(top);
    m_chips = new FilterChipBar(m_session->filter(), centre);
    layout->addWidget(m_chips);
    m_unsavedBar = new UnsavedEditsBar(*m_edits, centre);
    layout->addWidget(m_unsavedBar);
    m_tableModel = new RecordTableModel(*m_session, this);
    m_table = new RecordTableView(m_tableModel, centre);
    layout->addWidget(m_table, 1);
    setCentralWidget(centre);
    connect(m_search, &SearchField::leaveDown, m_table, [this] { m_table->setFocus(); });
}

void MainWindow::buildDocks()
{
    m_facetDock = new FacetDock(*m_session, this);
    addDockWidget(Qt::LeftDockWidgetArea, m_facetDock);

    m_detailDock = new DetailDock(*m_session, *m_edits, this);
    addDockWidget(Qt::RightDockWidgetArea, m_detailDock);
    connect(m_table, &RecordTableView::currentRecordChanged, m_detailDock, &DetailDock::setRecord);
    connect(m_detailDock, &DetailDock::recordRequested, this, &MainWindow::showRecord);
    // After Enter applied the labels: back to the table, where Ctrl+Z undoes them and
    // Ctrl+Down moves on.
    connect(m_detailDock->relabelPanel(), &RelabelPanel::applied, m_table, [this] { m_table->setFocus(); });

    m_historyDock = new HistoryDock(*m_session, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_historyDock);
    connect(m_table, &RecordTableView::currentRecordChanged, m_historyDock, &HistoryDock::setRecord);
    connect(m_historyDock, &HistoryDock::recordRequested, this, &MainWindow::showRecord);

    m_quarantineDock = new QuarantineDock(*m_session, [this] { return m_annotator->ensure(this); }, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_quarantineDock);
    tabifyDockWidget(m_historyDock, m_quarantineDock);
    connect(m_quarantineDock, &QuarantineDock::recordAccepted, this, &MainWindow::showRecord);

    m_chartsDock = new ChartsDock(*m_session, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_chartsDock);
    // The table's selection is drawn in the charts where they can show it.
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, m_chartsDock, [this] {
        RowSet selected;
        for (const QItemSelectionRange &range : m_table->selectionModel()->selection()) {
            for (int row = range.top(); row <= range.bottom(); ++row)
                selected.push_back(m_tableModel->indexRowAt(row));
        }
        std::sort(selected.begin(), selected.end());
        // One selected row is the record being read, not a set to compare: no highlight.
        if (selected.size() < 2)
            selected.clear();
        m_chartsDock->setSelection(selected);
    });

    // The board sits with the charts, across the window's width where its three cards fit side
    // by side, so a relabel in the record dock and its effect on the findings are both in view.
    m_findingsBoard = new FindingsBoard(*m_session, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_findingsBoard);

    m_undoDock = new QDockWidget(tr("Undo history"), this);
    m_undoDock->setObjectName(QStringLiteral("undoDock"));
    auto *undoView = new QUndoView(m_undoStack, m_undoDock);
    undoView->setEmptyLabel(tr("Opened"));
    m_undoDock->setWidget(undoView);
    addDockWidget(Qt::BottomDockWidgetArea, m_undoDock);
    tabifyDockWidget(m_historyDock, m_undoDock);
    tabifyDockWidget(m_historyDock, m_chartsDock);
    tabifyDockWidget(m_historyDock, m_findingsBoard);
    m_chartsDock->raise();
}

void MainWindow::setPersistent(bool persistent)
{
    m_persistent = persistent;
}

QList<QDockWidget *> MainWindow::docks() const
{
    return {m_facetDock, m_detailDock, m_chartsDock, m_findingsBoard, m_historyDock, m_quarantineDock, m_undoDock};
}

PresentationWindow *MainWindow::startPresentation(const QString &chartName)
{
    auto *presentation = new PresentationWindow(*m_session, *m_findingsBoard, this);
    if (presentation->slideOf(chartName) >= 0)
        presentation->goTo(presentation->slideOf(chartName));
    presentation->start();
    return presentation;
}

bool MainWindow::showPanel(const QString &name)
{
    if (name == QLatin1String("findings")) {
        m_findingsBoard->show();
        m_findingsBoard->raise();
        return true;
    }
    if (!m_chartsDock->chart(name))
        return false;
    m_chartsDock->show();
    m_chartsDock->raise();
    m_chartsDock->showChart(name);
    return true;
}

void MainWindow::showRecord(qint64 rid)
{
    if (m_tableModel->rowOfRid(rid) < 0 && !m_session->filter().isEmpty()) {
        const auto answer = QMessageBox::question(this, tr("Record hidden by the filter"),
                                                  tr("The filter hides this record. Clear the filter to show it?"));
        if (answer != QMessageBox::Yes)
            return;
        m_session->filter().clear();
    }
    m_table->setCurrentRid(rid);
    m_table->setFocus();
}

void MainWindow::updateStatus()
{
    const QString total = QLocale().toString(m_session->index().size());
    // As wide as the count can ever read, and of a fixed size: a label whose size followed its
    // text laid the whole window out again after each filter click.
    const QString widest = tr("%1 of %2 records").arg(total, total);
    const QSize room(m_countLabel->fontMetrics().horizontalAdvance(widest) + m_countLabel->fontMetrics().averageCharWidth(),
                     std::max(m_countLabel->sizeHint().height(), m_countLabel->fontMetrics().height()));
    if (m_countLabel->minimumSize() != room || m_countLabel->maximumSize() != room)
        m_countLabel->setFixedSize(room);
    m_countLabel->setText(tr("%1 of %2 records").arg(QLocale().toString(qlonglong(m_session->rows().size())), total));
    m_annotatorLabel->setText(m_annotator->name().isEmpty() ? tr("Annotator: not set")
                                                            : tr("Annotator: %1").arg(m_annotator->name()));
}

void MainWindow::updateTitle()
{
    setWindowFilePath(m_session->workspace().path());
    setWindowTitle(QFileInfo(m_session->workspace().path()).fileName() + QStringLiteral(" \u2014 llmtriage"));
}

// Settings that belong to one workspace (its filters) are kept under a hash of its path.
QString MainWindow::settingsGroup() const
{
    const QByteArray path = QFileInfo(m_session->workspace().path()).absoluteFilePath().toUtf8();
    return QStringLiteral("workspace-") + QString::fromLatin1(QCryptographicHash::hash(path, QCryptographicHash::Sha1).toHex().left(16));
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1400, 860);
    m_table->horizontalHeader()->restoreState(settings.value(QStringLiteral("window/tableHeader")).toByteArray());
    settings.beginGroup(settingsGroup());
    m_session->filter().setValues(ActiveFilter::deserialize(settings.value(QStringLiteral("filters")).toStringList()));
    m_session->filter().setText(settings.value(QStringLiteral("search")).toString());
    settings.endGroup();
}

// Dock sizes are kept relative to the window: they are only right once the window has its
// restored size, so the layout is restored as it is first shown.
void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_layoutRestored)
        return;
    m_layoutRestored = true;
    if (!restoreState(QSettings().value(QStringLiteral("window/state")).toByteArray(), StateVersion)) {
        // First start: the table gets most of the room.
        resizeDocks({m_facetDock, m_detailDock}, {300, 430}, Qt::Horizontal);
        resizeDocks({m_historyDock}, {440}, Qt::Vertical); // the charts are half the window
    }
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState(StateVersion));
    settings.setValue(QStringLiteral("window/tableHeader"), m_table->horizontalHeader()->saveState());
    settings.beginGroup(settingsGroup());
    settings.setValue(QStringLiteral("filters"), m_session->filter().serialize());
    settings.setValue(QStringLiteral("search"), m_session->filter().text());
    settings.endGroup();
}

bool MainWindow::confirmUnwrittenEdits()
{
    while (m_edits->unwrittenCount() > 0) {
        const auto answer = showPlainMessage(
            this, QMessageBox::Warning, tr("Edits not saved"),
            tr("%n edit(s) could not be written to the workspace:\n%1\n\nRetry writing them, or "
               "quit and lose them?", nullptr, m_edits->unwrittenCount())
                .arg(m_edits->unwrittenError()),
            QMessageBox::Retry | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Retry);
        if (answer == QMessageBox::Discard)
            return true;
        if (answer != QMessageBox::Retry)
            return false;
        m_edits->retryUnwritten();
    }
    return true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_importer->isRunning()) {
        QMessageBox::information(this, tr("Import running"),
                                 tr("An import is still running. Cancel it or wait for it to finish first."));
        event->ignore();
        return;
    }
    m_detailDock->settle();
    if (!confirmUnwrittenEdits()) {
        event->ignore();
        return;
    }
    if (m_detailDock->hasUnsavedNotes()
        && QMessageBox::warning(this, tr("Notes not saved"),
                                tr("Some notes could not be written to the workspace. Quit and lose them?"),
                                QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Discard) {
        event->ignore();
        return;
    }
    if (m_persistent)
        saveSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!ImportController::localPathsFrom(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList paths = ImportController::localPathsFrom(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    m_importer->importPaths(paths, this);
}

MainWindow *MainWindow::openWorkspace(const QString &path, bool create, MainWindow *current)
{
    std::unique_ptr<Workspace> workspace;
    try {
        workspace = Workspace::open(path, create ? Workspace::OpenMode::CreateIfMissing : Workspace::OpenMode::OpenExisting);
    } catch (const WorkspaceError &error) {
        showPlainMessage(current, QMessageBox::Critical, tr("Cannot open the workspace"), error.message());
        RecentWorkspaces::remove(path);
        return nullptr;
    }
    // The old window saves its layout as it closes, and the new one restores it; it may refuse
    // to close (an import still running), and then stays.
    if (current && !current->close())
        return nullptr;
    RecentWorkspaces::add(path);
    auto *window = new MainWindow(std::move(workspace));
    window->show();
    return window;
}

} // namespace Triage
