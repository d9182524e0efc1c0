#pragma once

#include <QMainWindow>

#include <memory>

namespace Triage {

class Workspace;

// The workbench window. For now it only shows what the workspace holds; the table, facets,
// detail and history docks come with the workbench issue.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(std::unique_ptr<Workspace> workspace, QWidget *parent = nullptr);
    ~MainWindow() override;

    Workspace &workspace() { return *m_workspace; }

private:
    void showAbout();

    std::unique_ptr<Workspace> m_workspace;
};

} // namespace Triage
