#include "mainwindow.h"

#include "crosstab.h"
#include "findings.h"
#include "recordindex.h"
#include "workspace.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

namespace Triage {

namespace {

QString summaryText(const RecordIndex &index, Workspace &workspace)
{
    const RowSet all = index.allRows();
    const Findings findings = Findings::compute(index, all);
    const auto verdict = [](const QVector<FindingCheck> &checks) {
        return holds(checks) ? MainWindow::tr("holds") : MainWindow::tr("does not hold");
    };
    return MainWindow::tr("<h2>%1 failure records</h2>"
                          "<p>%2 models, %3 symptom categories, %4 cause categories.</p>"
                          "<ul><li>Diagnostic divergence: %5</li>"
                          "<li>Systemic homogeneity: %6</li>"
                          "<li>Lifecycle escalation: %7</li></ul>"
                          "<p>Workspace: %8</p>")
        .arg(index.size())
        .arg(Crosstab::compute(index, all, {Field::Model, 1}).rowCount())
        .arg(Crosstab::compute(index, all, {Field::Symptom, 1}).rowCount())
        .arg(Crosstab::compute(index, all, {Field::Cause, 1}).rowCount())
        .arg(verdict(findings.divergence.checks), verdict(findings.homogeneity.checks),
             verdict(findings.escalation.checks), workspace.path().toHtmlEscaped());
}

} // namespace

MainWindow::MainWindow(std::unique_ptr<Workspace> workspace, QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(std::move(workspace))
{
    setWindowTitle(tr("llmtriage"));
    RecordIndex index;
    index.build(*m_workspace);

    auto *summary = new QLabel(summaryText(index, *m_workspace), this);
    summary->setObjectName(QStringLiteral("summary"));
    summary->setTextFormat(Qt::RichText);
    summary->setAlignment(Qt::AlignCenter);
    summary->setMargin(24);
    setCentralWidget(summary);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About llmtriage"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    statusBar()->showMessage(tr("%L1 records").arg(index.size()));
    resize(720, 480);
}

MainWindow::~MainWindow() = default;

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About llmtriage"),
        tr("<h3>llmtriage %1</h3>"
           "<p>A workbench for studying why open-source LLMs fail.</p>"
           "<p>The default dataset is <b>Open-LLM-Failures</b>, from the paper "
           "<i>Why Does the LLM Stop Computing: An Empirical Study of User-Reported Failures in "
           "Open-Source LLMs</i> (arXiv 2601.13655), published at "
           "github.com/PapersSubmit/Open-LLM-Failures.</p>")
            .arg(QCoreApplication::applicationVersion()));
}

} // namespace Triage
