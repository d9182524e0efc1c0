// Long store work runs off the GUI thread (BackgroundRunner): the event loop keeps running
// while it works, its errors reach the caller, Cancel in its dialog stops it with nothing
// written, and a batch relabel of thousands of records through the window goes that way, with
// undo and redo, and leaves store and view agreeing.

#include "annotatoridentity.h"
#include "backgroundrunner.h"
#include "editcontroller.h"
#include "importer.h"
#include "mainwindow.h"
#include "recordindex.h"
#include "sqlite/database.h"
#include "sqlite/statement.h"
#include "syntheticgenerator.h"
#include "testsupport.h"
#include "workbenchsession.h"
#include "workbenchactions.h"
#include "workspace.h"

#include <QAction>
#include <QProgressDialog>
#include <QPushButton>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

#include <atomic>

using namespace Triage;

namespace {

// Counts timer ticks: a tick can only happen while some event loop runs.
class Ticker
{
public:
    Ticker()
    {
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { ++m_ticks; });
        m_timer.start();
    }
    int ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    std::atomic<int> m_ticks{0}; // read by the worker
};

qint64 countInStore(Workspace &workspace, const char *sql)
{
    Sql::Statement st = workspace.database().prepare(sql);
    st.step();
    return st.int64(0);
}

} // namespace

class TestBackgroundRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eventLoopRunsWhileItWorks();
    void errorsReachTheCaller();
    void cancelInTheDialogStopsTheWork();
    void cancelledApplyWritesNothing();
    void largeBatchRelabelGoesThroughAWorker();
    void exportAndCopyGoThroughAWorker();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestBackgroundRunner::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    const QString data = m_dir.filePath(QStringLiteral("data"));
    QCOMPARE(generateSynthetic(3000, data, 5).records, qint64(3000));
    m_path = m_dir.filePath(QStringLiteral("w.llmtriage"));
    auto workspace = Workspace::open(m_path, Workspace::OpenMode::CreateIfMissing);
    QCOMPARE(Importer(*workspace).run({data}).imported, qint64(3000));
}

void TestBackgroundRunner::eventLoopRunsWhileItWorks()
{
    QWidget window;
    BackgroundRunner runner(&window);
    Ticker ticker;
    bool onWorker = false;
    runner.run(m_path, QStringLiteral("Waiting"), false, [&](Workspace &worker) {
        onWorker = QThread::currentThread() != qApp->thread();
        QVERIFY(worker.recordCount() == 3000);
        // Works until the window's loop has ticked, rather than for a fixed time: under a
        // sanitizer the first dialog's set-up (fonts) alone can outlast a fixed 200 ms, and the
        // loop then never ran while the work did.
        QDeadlineTimer deadline(10000);
        while (ticker.ticks() < 5 && !deadline.hasExpired())
            QThread::msleep(5);
    });
    QVERIFY(onWorker);
    QVERIFY2(ticker.ticks() >= 5, qPrintable(QString::number(ticker.ticks())));
}

void TestBackgroundRunner::errorsReachTheCaller()
{
    QWidget window;
    BackgroundRunner runner(&window);
    try {
        runner.run(m_path, QStringLiteral("Failing"), false, [](Workspace &) {
            throw WorkspaceError(QStringLiteral("disk full"));
        });
        QFAIL("no exception");
    } catch (const WorkspaceError &error) {
        QCOMPARE(error.message(), QStringLiteral("disk full"));
    }
}

void TestBackgroundRunner::cancelInTheDialogStopsTheWork()
{
    QWidget window;
    window.show();
    BackgroundRunner runner(&window);
    bool dialogWasModal = false;
    // Once the dialog is up, press its Cancel button as a user would.
    QTimer clicker;
    clicker.setInterval(20);
    QObject::connect(&clicker, &QTimer::timeout, [&] {
        auto *dialog = window.findChild<QProgressDialog *>(QStringLiteral("backgroundProgress"));
        if (!dialog || !dialog->isVisible())
            return;
        dialogWasModal = dialog->isModal() || dialog->windowModality() != Qt::NonModal;
        if (QPushButton *cancel = dialog->findChild<QPushButton *>())
            QTest::mouseClick(cancel, Qt::LeftButton);
        clicker.stop();
    });
    clicker.start();
    try {
        runner.run(m_path, QStringLiteral("Waiting for cancel"), true, [](Workspace &worker) {
            // Up to 20 s: the test fails on the timeout below long before.
            for (int i = 0; i < 2000 && !worker.isCancelRequested(); ++i)
                QThread::msleep(10);
            if (worker.isCancelRequested())
                throw EditRejected(EditRejected::Reason::Cancelled, QStringLiteral("cancelled"));
        });
        QFAIL("the work was not cancelled");
    } catch (const EditRejected &rejected) {
        QCOMPARE(rejected.reason(), EditRejected::Reason::Cancelled);
    }
    QVERIFY(dialogWasModal);
}

void TestBackgroundRunner::cancelledApplyWritesNothing()
{
    auto workspace = Workspace::open(m_path, Workspace::OpenMode::OpenExisting);
    RecordIndex index;
    index.build(*workspace);
    EditSet set{{}, QStringLiteral("tester"), QString(), true};
    for (quint32 row = 0; row < 1000; ++row)
        set.edits.append({index.rid(row), EditField::Symptom, QStringLiteral("Crash - Cancelled - Never")});
    const qint64 history = countInStore(*workspace, "SELECT count(*) FROM history");
    workspace->requestCancel();
    QVERIFY_THROWS_EXCEPTION(EditRejected, workspace->apply(set));
    QCOMPARE(countInStore(*workspace, "SELECT count(*) FROM history"), history);
    QCOMPARE(countInStore(*workspace, "SELECT count(*) FROM label WHERE text = 'Crash - Cancelled - Never'"), 0);
}

void TestBackgroundRunner::largeBatchRelabelGoesThroughAWorker()
{
    auto *window = new MainWindow(Workspace::open(m_path, Workspace::OpenMode::OpenExisting));
    window->annotator().setName(QStringLiteral("tester"));
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    WorkbenchSession &session = window->session();
    const RecordIndex &index = session.index();
    QVector<qint64> rids;
    qint64 alreadyFineTuning = 0;
    for (quint32 row = 0; row < quint32(index.size()); ++row) {
        rids.append(index.rid(row));
        alreadyFineTuning += index.text({Field::Stage, 1}, row) == u"Fine-tuning";
    }
    QVERIFY(rids.size() - alreadyFineTuning >= WorkbenchSession::BackgroundEditsFrom);
    const qint64 historyBefore = countInStore(session.workspace(), "SELECT count(*) FROM history");

    Ticker ticker;
    QVERIFY(window->edits().batchRelabel(rids, EditField::Stage, QStringLiteral("Fine-tuning"), false));
    QVERIFY2(ticker.ticks() > 0, "the event loop did not run while the batch was written");
    const char *fineTuning = "SELECT count(*) FROM record_view WHERE stage = 'Fine-tuning'";
    QCOMPARE(countInStore(session.workspace(), fineTuning), qint64(3000));
    QCOMPARE(countInStore(session.workspace(), "SELECT count(*) FROM history") - historyBefore,
             3000 - alreadyFineTuning);
    for (quint32 row = 0; row < quint32(index.size()); ++row)
        QCOMPARE(index.text({Field::Stage, 1}, row), QStringLiteral("Fine-tuning"));
    QCOMPARE(window->undoStack().count(), 1);

    window->actions().action(QStringLiteral("undo"))->trigger();
    QCOMPARE(countInStore(session.workspace(), fineTuning), alreadyFineTuning);
    qint64 inIndex = 0;
    for (quint32 row = 0; row < quint32(index.size()); ++row)
        inIndex += index.text({Field::Stage, 1}, row) == u"Fine-tuning";
    QCOMPARE(inIndex, alreadyFineTuning);

    window->actions().action(QStringLiteral("redo"))->trigger();
    QCOMPARE(countInStore(session.workspace(), fineTuning), qint64(3000));
    window->close();
}

void TestBackgroundRunner::exportAndCopyGoThroughAWorker()
{
    auto *window = new MainWindow(Workspace::open(m_path, Workspace::OpenMode::OpenExisting));
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(window->actions().action(QStringLiteral("exportRecords")));
    QVERIFY(window->actions().action(QStringLiteral("exportDataset")));
    QTemporaryDir out;

    Ticker ticker;
    const QString csv = out.filePath(QStringLiteral("records.csv"));
    QCOMPARE(window->session().exportRecords(ExportFormat::Csv, csv).records, qint64(3000));
    QVERIFY2(ticker.ticks() > 0, "the event loop did not run while the records were written");
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 3001); // the header and a line per record

    const QString copy = out.filePath(QStringLiteral("copy.llmtriage"));
    window->session().saveCopy(copy);
    QCOMPARE(Workspace::open(copy, Workspace::OpenMode::OpenExisting)->recordCount(), qint64(3000));

    // A failure on the worker reaches the window's code as the same error.
    QVERIFY_THROWS_EXCEPTION(ExportError, window->session().exportRecords(
                                              ExportFormat::Csv, out.filePath(QStringLiteral("no/such/dir/x.csv"))));
    window->close();
}

QTEST_MAIN(TestBackgroundRunner)
#include "tst_backgroundrunner.moc"
