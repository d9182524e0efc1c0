#include "workbenchactions.h"

#include "activefilter.h"
#include "annotatoridentity.h"
#include "dialogs/batchrelabeldialog.h"
#include "docks/chartsdock.h"
#include "docks/detaildock.h"
#include "editcontroller.h"
#include "importcontroller.h"
#include "mainwindow.h"
#include "plaintext.h"
#include "recentworkspaces.h"
#include "recordtableview.h"
#include "widgets/labelpicker.h"
#include "widgets/plainmessagebox.h"
#include "widgets/relabelpanel.h"
#include "widgets/searchfield.h"
#include "workbenchsession.h"
#include "workspace.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QHeaderView>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

namespace Triage {

namespace {
const QString WorkspaceFilter = QStringLiteral("llmtriage workspaces (*.llmtriage);;All files (*)");

// Undo and redo name the command ("Llama#3: symptom -> ...", record ids and labels from files).
// QUndoStack puts that text into its action as it is: a '&' in a label would turn into a
// mnemonic in the menu and the toolbar, and the toolbar button's tooltip, guessed to be HTML,
// would render "<b>" or load an "<img>". Set again after each change of the text, after
// QUndoStack's own update: '&' doubled, the tooltip escaped.
void showCommandText(QAction *action, const QString &menuPrefix, const QString &command)
{
    const QString prefix = QString(menuPrefix).remove(QLatin1Char('&'));
    const QString escaped = QString(command).replace(QLatin1Char('&'), QStringLiteral("&&"));
    const auto join = [&command](const QString &first, const QString &second) {
        return command.isEmpty() ? first : first + QLatin1Char(' ') + second;
    };
    action->setText(join(menuPrefix, escaped));
    action->setIconText(join(prefix, escaped)); // else derived from the text, dropping "..."
    action->setToolTip(plainTextTooltip(join(prefix, command)));
}
} // namespace

WorkbenchActions::WorkbenchActions(MainWindow &window)
    : QObject(&window)
    , m_window(window)
{
    buildFileMenu();
    buildEditMenu();
    buildViewMenu();
    buildGoMenu();
    buildHelpMenu();
    buildToolBar();
}

void WorkbenchActions::buildToolBar()
{
    QToolBar *tools = m_window.addToolBar(tr("Main toolbar"));
    tools->setObjectName(QStringLiteral("mainToolBar")); // for the saved layout
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    const std::pair<const char *, const char *> buttons[] = {
        {"importFiles", "document-import"}, {"undo", "edit-undo"},        {"redo", "edit-redo"},
        {"batchRelabel", "edit-rename"},    {"clearFilters", "edit-clear"}};
    for (const auto &[name, icon] : buttons) {
        QAction *a = action(QString::fromLatin1(name));
        if (a->icon().isNull())
            a->setIcon(QIcon::fromTheme(QString::fromLatin1(icon)));
        tools->addAction(a);
    }
    m_viewMenu->insertAction(m_viewMenu->actions().value(m_window.docks().size()), tools->toggleViewAction());
}

QAction *WorkbenchActions::action(const QString &name) const
{
    return m_window.findChild<QAction *>(name);
}

QAction *WorkbenchActions::add(QMenu *menu, const QString &name, const QString &text,
                               const QKeySequence &shortcut, void (WorkbenchActions::*slot)())
{
    auto *action = new QAction(text, &m_window);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    // Window-wide: the shortcut works whichever dock has the focus.
    action->setShortcutContext(Qt::WindowShortcut);
    m_window.addAction(action);
    menu->addAction(action);
    connect(action, &QAction::triggered, this, slot);
    return action;
}

void WorkbenchActions::buildFileMenu()
{
    QMenu *file = m_window.menuBar()->addMenu(tr("&File"));
    add(file, QStringLiteral("newWorkspace"), tr("&New Workspace\u2026"), QKeySequence::New, &WorkbenchActions::newWorkspace);
    add(file, QStringLiteral("openWorkspace"), tr("&Open Workspace\u2026"), QKeySequence::Open, &WorkbenchActions::openWorkspace);
    m_recent = file->addMenu(tr("Open &Recent"));
    m_recent->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recent, &QMenu::aboutToShow, this, &WorkbenchActions::refreshRecentMenu);
    add(file, QStringLiteral("saveCopy"), tr("Save a &Copy As\u2026"), QKeySequence::SaveAs, &WorkbenchActions::saveCopy);
    file->addSeparator();
    add(file, QStringLiteral("importFiles"), tr("&Import Files\u2026"), QKeySequence(Qt::CTRL | Qt::Key_I),
        &WorkbenchActions::importFiles);
    add(file, QStringLiteral("importFolder"), tr("Import &Folder\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I),
        &WorkbenchActions::importFolder);
    add(file, QStringLiteral("exportRecords"), tr("&Export Records\u2026"), QKeySequence(Qt::CTRL | Qt::Key_E),
        &WorkbenchActions::exportRecords);
    add(file, QStringLiteral("exportDataset"), tr("Export as &Dataset Folder\u2026"), QKeySequence(),
        &WorkbenchActions::exportDataset);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);
    quit->setObjectName(QStringLiteral("quit"));
    quit->setMenuRole(QAction::QuitRole);
}

void WorkbenchActions::buildEditMenu()
{
    QMenu *edit = m_window.menuBar()->addMenu(tr("&Edit"));
    const QString undoPrefix = tr("&Undo");
    const QString redoPrefix = tr("&Redo");
    QUndoStack *stack = &m_window.undoStack();
    QAction *undo = stack->createUndoAction(&m_window, undoPrefix);
    undo->setObjectName(QStringLiteral("undo"));
    undo->setShortcuts(QKeySequence::Undo);
    QAction *redo = stack->createRedoAction(&m_window, redoPrefix);
    redo->setObjectName(QStringLiteral("redo"));
    // Ctrl+Shift+Z everywhere, and Ctrl+Y where the platform says so.
    QList<QKeySequence> redoKeys{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)};
    for (const QKeySequence &key : QKeySequence::keyBindings(QKeySequence::Redo)) {
        if (!redoKeys.contains(key)) // a key bound twice is ambiguous and does nothing
            redoKeys.append(key);
    }
    redo->setShortcuts(redoKeys);
    showCommandText(undo, undoPrefix, stack->undoText());
    showCommandText(redo, redoPrefix, stack->redoText());
    connect(stack, &QUndoStack::undoTextChanged, undo,
            [undo, undoPrefix](const QString &text) { showCommandText(undo, undoPrefix, text); });
    connect(stack, &QUndoStack::redoTextChanged, redo,
            [redo, redoPrefix](const QString &text) { showCommandText(redo, redoPrefix, text); });
    edit->addAction(undo);
    edit->addAction(redo);
    m_window.addAction(undo);
    m_window.addAction(redo);
    edit->addSeparator();
    add(edit, QStringLiteral("batchRelabel"), tr("Relabel &Records\u2026"), QKeySequence(Qt::CTRL | Qt::Key_B),
        &WorkbenchActions::batchRelabel);
    add(edit, QStringLiteral("changeAnnotator"), tr("&Annotator Name\u2026"), QKeySequence(), &WorkbenchActions::changeAnnotator);
}

void WorkbenchActions::buildViewMenu()
{
    QMenu *view = m_window.menuBar()->addMenu(tr("&View"));
    m_viewMenu = view;
    for (QDockWidget *dock : m_window.docks())
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    QMenu *columns = view->addMenu(tr("Table &Columns"));
    columns->setObjectName(QStringLiteral("columnsMenu"));
    columns->addActions(m_window.table()->horizontalHeader()->actions());
    view->addSeparator();
    add(view, QStringLiteral("clearFilters"), tr("&Clear All Filters"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
        &WorkbenchActions::clearFilters);
    add(view, QStringLiteral("focusSearch"), tr("&Search"), QKeySequence::Find, &WorkbenchActions::focusSearch);
    view->addSeparator();
    add(view, QStringLiteral("presentation"), tr("&Presentation Mode"), QKeySequence(Qt::Key_F11),
        &WorkbenchActions::presentation);
}

void WorkbenchActions::buildGoMenu()
{
    QMenu *go = m_window.menuBar()->addMenu(tr("&Go"));
    add(go, QStringLiteral("nextRecord"), tr("&Next Record"), QKeySequence(Qt::CTRL | Qt::Key_Down), &WorkbenchActions::nextRecord);
    add(go, QStringLiteral("previousRecord"), tr("&Previous Record"), QKeySequence(Qt::CTRL | Qt::Key_Up),
        &WorkbenchActions::previousRecord);
    go->addSeparator();
    add(go, QStringLiteral("focusSymptom"), tr("Pick &Symptom"), QKeySequence(Qt::CTRL | Qt::Key_1), &WorkbenchActions::focusSymptom);
    add(go, QStringLiteral("focusCause"), tr("Pick &Cause"), QKeySequence(Qt::CTRL | Qt::Key_2), &WorkbenchActions::focusCause);
    add(go, QStringLiteral("focusStage"), tr("Pick S&tage"), QKeySequence(Qt::CTRL | Qt::Key_3), &WorkbenchActions::focusStage);
}

void WorkbenchActions::buildHelpMenu()
{
    QMenu *help = m_window.menuBar()->addMenu(tr("&Help"));
    add(help, QStringLiteral("about"), tr("&About llmtriage"), QKeySequence(), &WorkbenchActions::about)->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void WorkbenchActions::refreshRecentMenu()
{
    m_recent->clear();
    const QStringList paths = RecentWorkspaces::list();
    for (const QString &path : paths) {
        QAction *open = m_recent->addAction(path);
        open->setStatusTip(path);
        connect(open, &QAction::triggered, this, [this, path] { MainWindow::openWorkspace(path, false, &m_window); });
    }
    if (paths.isEmpty())
        m_recent->addAction(tr("No recent workspaces"))->setEnabled(false);
}

void WorkbenchActions::newWorkspace()
{
    QString path = QFileDialog::getSaveFileName(&m_window, tr("New workspace"), QString(), WorkspaceFilter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".llmtriage");
    if (QFileInfo::exists(path)) {
        // The dialog asked about replacing it; a workspace is never replaced, only opened.
        showPlainMessage(&m_window, QMessageBox::Information, tr("New workspace"),
                         tr("%1 exists already; it is opened instead of replaced.").arg(path));
    }
    MainWindow::openWorkspace(path, true, &m_window);
}

void WorkbenchActions::openWorkspace()
{
    const QString path = QFileDialog::getOpenFileName(&m_window, tr("Open workspace"), QString(), WorkspaceFilter);
    if (!path.isEmpty())
        MainWindow::openWorkspace(path, false, &m_window);
}

void WorkbenchActions::saveCopy()
{
    QString path = QFileDialog::getSaveFileName(&m_window, tr("Save a copy of the workspace"), QString(), WorkspaceFilter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".llmtriage");
    try {
        m_window.session().saveCopy(path);
        m_window.statusBar()->showMessage(tr("Saved a copy as %1").arg(path), 5000);
    } catch (const WorkspaceError &error) {
        showPlainMessage(&m_window, QMessageBox::Critical, tr("Cannot save a copy"), error.message());
    }
}

void WorkbenchActions::exportRecords()
{
    const QString csv = tr("CSV, one row per record (*.csv)");
    const QString json = tr("JSON, one array of records (*.json)");
    QString chosen = csv;
    QString path = QFileDialog::getSaveFileName(&m_window, tr("Export every record"), QString(),
                                                csv + QStringLiteral(";;") + json, &chosen);
    if (path.isEmpty())
        return;
    const bool asJson = chosen == json || path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    if (QFileInfo(path).suffix().isEmpty())
        path += asJson ? QStringLiteral(".json") : QStringLiteral(".csv");
    writeExport(asJson ? ExportFormat::Json : ExportFormat::Csv, path);
}

void WorkbenchActions::exportDataset()
{
    const QString folder = QFileDialog::getExistingDirectory(
        &m_window, tr("Export in the dataset's own layout (an empty folder)"));
    if (!folder.isEmpty())
        writeExport(ExportFormat::Upstream, folder);
}

void WorkbenchActions::writeExport(ExportFormat format, const QString &out)
{
    try {
        const ExportResult result = m_window.session().exportRecords(format, out);
        m_window.statusBar()->showMessage(
            tr("Exported %n records to %1", nullptr, int(result.records)).arg(out), 5000);
    } catch (const ExportCancelled &) {
        m_window.statusBar()->showMessage(tr("Export cancelled: nothing was written"), 5000);
    } catch (const ExportError &error) {
        showPlainMessage(&m_window, QMessageBox::Critical, tr("Cannot export"), error.message());
    } catch (const WorkspaceError &error) {
        showPlainMessage(&m_window, QMessageBox::Critical, tr("Cannot export"), error.message());
    }
}

void WorkbenchActions::importFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        &m_window, tr("Import failure records"), QString(),
        tr("Failure records (*.json *.jsonl);;All files (*)"));
    if (!paths.isEmpty())
        m_window.importer().importPaths(paths, &m_window);
}

void WorkbenchActions::importFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(&m_window, tr("Import a folder of failure records"));
    if (!folder.isEmpty())
        m_window.importer().importPaths({folder}, &m_window);
}

void WorkbenchActions::batchRelabel()
{
    BatchRelabelDialog dialog(m_window.session(), m_window.edits(), m_window.table()->selectedRids(), &m_window);
    dialog.exec();
}

void WorkbenchActions::changeAnnotator()
{
    m_window.annotator().askForName(&m_window);
}

void WorkbenchActions::nextRecord()
{
    m_window.table()->step(1); // the detail dock settles the record it leaves
}

void WorkbenchActions::previousRecord()
{
    m_window.table()->step(-1);
}

void WorkbenchActions::focusSearch()
{
    m_window.searchField()->setFocus(Qt::ShortcutFocusReason);
    m_window.searchField()->selectAll();
}

void WorkbenchActions::focusSymptom()
{
    m_window.detailDock()->show();
    m_window.detailDock()->relabelPanel()->symptomPicker()->focusFirst();
}

void WorkbenchActions::focusCause()
{
    m_window.detailDock()->show();
    m_window.detailDock()->relabelPanel()->causePicker()->focusFirst();
}

void WorkbenchActions::focusStage()
{
    m_window.detailDock()->show();
    m_window.detailDock()->relabelPanel()->stageCombo()->setFocus(Qt::ShortcutFocusReason);
}

void WorkbenchActions::clearFilters()
{
    m_window.session().filter().clear();
}

void WorkbenchActions::presentation()
{
    // From the finding the user is looking at, when the Charts area shows one.
    m_window.startPresentation(m_window.chartsDock()->currentChartName());
}

void WorkbenchActions::about()
{
    QMessageBox::about(
        &m_window, tr("About llmtriage"),
        tr("<h3>llmtriage %1</h3>"
           "<p>A workbench for studying why open-source LLMs fail: label failure reports, explore "
           "their distributions, present the taxonomy and the findings.</p>"
           "<p>The default dataset is <b>Open-LLM-Failures</b>, from the paper <i>Why Does the LLM "
           "Stop Computing: An Empirical Study of User-Reported Failures in Open-Source LLMs</i> "
           "(arXiv 2601.13655), published at github.com/PapersSubmit/Open-LLM-Failures. All credit "
           "for the data and its taxonomy goes to its authors.</p>")
            .arg(QCoreApplication::applicationVersion().toHtmlEscaped()));
}

} // namespace Triage
