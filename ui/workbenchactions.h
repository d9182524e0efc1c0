#pragma once

#include "exporter.h"

#include <QObject>

class QAction;
class QMenu;

namespace Triage {

class MainWindow;

// The window's menus and shortcuts, and what each action does: the main window assembles,
// this class acts. Standard key sequences where Qt has one.
class WorkbenchActions final : public QObject
{
    Q_OBJECT

public:
    explicit WorkbenchActions(MainWindow &window);

    QAction *action(const QString &name) const;

private:
    QAction *add(QMenu *menu, const QString &name, const QString &text, const QKeySequence &shortcut,
                 void (WorkbenchActions::*slot)());
    void buildFileMenu();
    void buildEditMenu();
    void buildViewMenu();
    void buildGoMenu();
    void buildHelpMenu();
    void buildToolBar();
    void refreshRecentMenu();

    void newWorkspace();
    void openWorkspace();
    void saveCopy();
    void importFiles();
    void importFolder();
    void exportRecords();
    void exportDataset();
    void writeExport(ExportFormat format, const QString &out);
    void batchRelabel();
    void changeAnnotator();
    void nextRecord();
    void previousRecord();
    void focusSearch();
    void focusSymptom();
    void focusCause();
    void focusStage();
    void clearFilters();
    void presentation();
    void about();

    MainWindow &m_window;
    QMenu *m_recent = nullptr;
    QMenu *m_viewMenu = nullptr;
};

} // namespace Triage
