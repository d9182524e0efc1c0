// The window as a user meets it: opened on a workspace holding the real dataset, it says how
// many records there are and whether the findings hold. Offscreen, with the real widgets.

#include "testsupport.h"

#include "importer.h"
#include "mainwindow.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QtTest>

using namespace Triage;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheWorkspace();
    void emptyWorkspaceOpens();
};

void TestMainWindow::showsTheWorkspace()
{
    QTemporaryDir dir;
    auto workspace = TestSupport::createWorkspace(dir);
    const ImportReport report = Importer(*workspace).run({TestSupport::datasetPath()});
    QCOMPARE(report.imported, 706);

    MainWindow window(std::move(workspace));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *summary = window.findChild<QLabel *>(QStringLiteral("summary"));
    QVERIFY(summary);
    QVERIFY2(summary->text().contains(QStringLiteral("706 failure records")), qPrintable(summary->text()));
    QVERIFY(summary->text().contains(QStringLiteral("14 models")));
    QVERIFY(summary->text().contains(QStringLiteral("5 symptom categories")));
    QVERIFY(summary->text().contains(QStringLiteral("9 cause categories")));
    QCOMPARE(summary->text().count(QStringLiteral("does not hold")), 0);
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("706")));

    // The Help menu carries the About box with the dataset's attribution.
    QStringList menus;
    for (QAction *action : window.menuBar()->actions())
        menus.append(action->text());
    QVERIFY(menus.contains(QStringLiteral("&Help")));

    const QImage shot = window.grab().toImage();
    QVERIFY(!shot.isNull());
    QVERIFY(shot.width() > 100 && shot.height() > 100);
}

void TestMainWindow::emptyWorkspaceOpens()
{
    QTemporaryDir dir;
    MainWindow window(TestSupport::createWorkspace(dir));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *summary = window.findChild<QLabel *>(QStringLiteral("summary"));
    QVERIFY(summary->text().contains(QStringLiteral("0 failure records")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
