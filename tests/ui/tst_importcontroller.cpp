// File > Import... as the window runs it: a real session, the real worker, the progress
// dialog, the report dialog and the message boxes, offscreen. Places (line:column) were
// counted by hand from the text written here; no expectation was copied from a run.

#include "testsupport.h"

#include "dialogs/importreportdialog.h"
#include "importcontroller.h"
#include "importer.h"
#include "importproblemsmodel.h"
#include "workbenchsession.h"
#include "workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QTableView>
#include <QUrl>
#include <QtTest>

using namespace Triage;
using namespace TestSupport;

namespace {

QByteArray rec(
    int number, const QByteArray &stage = "Inference", const QByteArray &model = "TestModel")
{
    return recordJson(number, model, "Crash - CUDA Error - Out of Memory",
        "Hardware and Resource Limitations - GPU Memory Insufficiency", stage);
}

// "[\n  A,\n  B\n]\n": element k (from 1) starts at line k + 1, column 3.
QByteArray arrayFile(const QByteArrayList &elements)
{
    return "[\n  " + elements.join(",\n  ") + "\n]\n";
}

// The visible window of that class and name, if there is one.
template <class T> T *topLevel(const QString &objectName)
{
    const QWidgetList windows = QApplication::topLevelWidgets();
    for (QWidget *window : windows) {
        if (window->objectName() == objectName && window->isVisible()) {
            if (auto *typed = qobject_cast<T *>(window))
                return typed;
        }
    }
    return nullptr;
}

QStringList ids(const RecordIndex &index)
{
    QStringList list;
    for (int row = 0; row < index.size(); ++row)
        list.append(index.id(quint32(row)));
    list.sort();
    return list;
}

} // namespace

class TestImportController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void importsAFolderAndReports();
    void cancelLeavesTheWorkspaceAsItWas();
    void oneImportAtATime();
    void workspaceErrorIsShown();
    void replaceNeedsAnAnnotator();
    void localPathsFromADrop();
    void reportDialogShowsText();

private:
    // TestModel#1 is in the workspace before each test.
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<WorkbenchSession> m_session;
    std::unique_ptr<QWidget> m_window;
};

void TestImportController::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto workspace = createWorkspace(*m_dir);
    const ImportReport seeded
        = Importer(*workspace).run({writeFile(*m_dir, QStringLiteral("seed.json"), rec(1))});
    QCOMPARE(seeded.imported, qint64(1));
    m_session = std::make_unique<WorkbenchSession>(std::move(workspace));
    m_window = std::make_unique<QWidget>();
    m_window->resize(400, 300);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestImportController::cleanup()
{
    m_window.reset(); // and the dialogs over it
    m_session.reset();
    m_dir.reset();
}

void TestImportController::importsAFolderAndReports()
{
    // Folder order is by name: bad.json, good.json, mixed.json.
    const QString folder = m_dir->filePath(QStringLiteral("drop"));
    // Line 3 is '  {"number": 2' (14 characters): the input ends at column 15.
    writeFile(*m_dir, QStringLiteral("drop/bad.json"), "[\n  " + rec(10) + ",\n  {\"number\": 2");
    writeFile(*m_dir, QStringLiteral("drop/good.json"), arrayFile({rec(2), rec(3)}));
    writeFile(
        *m_dir, QStringLiteral("drop/mixed.json"), arrayFile({rec(4), rec(5, "Training"), rec(1)}));
    qint64 totalBytes = 0;
    for (const char *name : {"drop/bad.json", "drop/good.json", "drop/mixed.json"})
        totalBytes += QFileInfo(m_dir->filePath(QString::fromLatin1(name))).size();

    ImportController controller(*m_session, [] { return QStringLiteral("ana"); });
    QSignalSpy finished(&controller, &ImportController::finished);
    QSignalSpy failed(&controller, &ImportController::failed);
    QSignalSpy progress(&controller, &ImportController::progressChanged);
    QSignalSpy running(&controller, &ImportController::runningChanged);
    QSignalSpy reloaded(m_session.get(), &WorkbenchSession::reloaded);

    controller.importPaths({folder}, m_window.get());
    QVERIFY(controller.isRunning());
    auto *progressDialog = m_window->findChild<QProgressDialog *>(QStringLiteral("importProgress"));
    QVERIFY(progressDialog);
    QVERIFY(progressDialog->isVisible());
    QCOMPARE(progressDialog->windowModality(), Qt::WindowModal);

    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(failed.count(), 0);
    QVERIFY(!controller.isRunning());
    QCOMPARE(running.count(), 2);
    QCOMPARE(running.at(0).at(0).toBool(), true);
    QCOMPARE(running.at(1).at(0).toBool(), false);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toLongLong(), totalBytes);
    QCOMPARE(progress.last().at(1).toLongLong(), totalBytes);
    QTRY_VERIFY(!m_window->findChild<QProgressDialog *>(QStringLiteral("importProgress")));

    const ImportReport report = finished.at(0).at(0).value<ImportReport>();
    QVERIFY(!report.cancelled);
    QCOMPARE(report.imported, qint64(3));
    QCOMPARE(report.alreadyPresent, qint64(1));
    QCOMPARE(report.quarantined, qint64(1));
    QCOMPARE(report.rejectedFiles, qint64(1));

    // The session reloaded: the index holds the seed and the good records, not bad.json's.
    QCOMPARE(reloaded.count(), 1);
    QCOMPARE(ids(m_session->index()),
        (QStringList{QStringLiteral("TestModel#1"), QStringLiteral("TestModel#2"),
            QStringLiteral("TestModel#3"), QStringLiteral("TestModel#4")}));
    QCOMPARE(m_session->workspace().quarantine().size(), 1);

    // The report, over the window.
    auto *dialog = topLevel<QDialog>(QStringLiteral("importReport"));
    QVERIFY(dialog);
    QCOMPARE(dialog->parentWidget(), m_window.get());
    auto *summary = dialog->findChild<QLabel *>(QStringLiteral("importSummary"));
    QVERIFY(summary);
    QCOMPARE(summary->textFormat(), Qt::PlainText);
    QCOMPARE(summary->text(),
        QStringLiteral("imported 3, already present 1, conflicts 0, "
                       "quarantined 1, rejected files 1"));
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("importProblemsLeftOut")));
    auto *table = dialog->findChild<QTableView *>(QStringLiteral("importProblems"));
    QVERIFY(table);
    QAbstractItemModel *model = table->model();
    QCOMPARE(model->rowCount(), 2);
    const QString bad = QDir(folder).filePath(QStringLiteral("bad.json"));
    const QString mixed = QDir(folder).filePath(QStringLiteral("mixed.json"));
    const auto cell
        = [&](int row, int column) { return model->index(row, column).data().toString(); };
    // In file order: the rejected file, then the quarantined record (element 2: line 3, column 3).
    QCOMPARE(cell(0, ImportProblemsModel::Kind), QStringLiteral("file rejected"));
    QCOMPARE(cell(0, ImportProblemsModel::Place), bad + QStringLiteral(":3:15"));
    QVERIFY2(
        cell(0, ImportProblemsModel::Message).contains(QStringLiteral("unexpected end of input")),
        qPrintable(cell(0, ImportProblemsModel::Message)));
    QCOMPARE(cell(1, ImportProblemsModel::Kind), QStringLiteral("record quarantined"));
    QCOMPARE(cell(1, ImportProblemsModel::Place), mixed + QStringLiteral(":3:3"));
    QVERIFY2(cell(1, ImportProblemsModel::Message)
                 .contains(QStringLiteral("'STAGE' 'Training' is not Fine-tuning or Inference")),
        qPrintable(cell(1, ImportProblemsModel::Message)));
    QVERIFY(table->isSortingEnabled());
    // Sorted by kind, descending: the quarantined record comes first.
    table->sortByColumn(ImportProblemsModel::Kind, Qt::DescendingOrder);
    QCOMPARE(cell(0, ImportProblemsModel::Place), mixed + QStringLiteral(":3:3"));
}

void TestImportController::cancelLeavesTheWorkspaceAsItWas()
{
    // A new model, new records, a record already present and a bad one: cancelled, none of it
    // may stay behind. The good file comes first, so the import's transaction has begun (and
    // written the new model's label) when the worker sees the cancel.
    const QString file = writeFile(*m_dir, QStringLiteral("in/a.json"),
        arrayFile({rec(7, "Inference", "NewModel"), rec(2), rec(1), rec(5, "Training")}));
    const qint64 before = m_session->workspace().recordCount();
    ImportController controller(*m_session, {});
    QSignalSpy finished(&controller, &ImportController::finished);
    QSignalSpy reloaded(m_session.get(), &WorkbenchSession::reloaded);

    controller.importPaths({file}, m_window.get());
    // The progress dialog's Cancel, as a user presses it before the worker has begun.
    auto *progressDialog = m_window->findChild<QProgressDialog *>(QStringLiteral("importProgress"));
    QVERIFY(progressDialog);
    auto *cancelButton = progressDialog->findChild<QPushButton *>();
    QVERIFY(cancelButton);
    cancelButton->click();
    QVERIFY(progressDialog->isVisible()); // until the worker has rolled back
    QVERIFY(!cancelButton->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);

    const ImportReport report = finished.at(0).at(0).value<ImportReport>();
    QVERIFY(report.cancelled);
    QCOMPARE(report.imported, qint64(0));
    QCOMPARE(reloaded.count(), 0);
    QCOMPARE(m_session->workspace().recordCount(), before);
    QVERIFY(!m_session->workspace().ridOf(QStringLiteral("NewModel#7")).has_value());
    QVERIFY(!m_session->workspace().ridOf(QStringLiteral("TestModel#2")).has_value());
    QVERIFY(m_session->workspace().quarantine().isEmpty());
    QCOMPARE(ids(m_session->index()), QStringList{QStringLiteral("TestModel#1")});
    QVERIFY(!topLevel<QDialog>(QStringLiteral("importReport")));
    auto *box = topLevel<QMessageBox>(QStringLiteral("importCancelled"));
    QVERIFY(box);
    QVERIFY(box->text().contains(QStringLiteral("Nothing was imported")));
    box->close();

    // Nothing half-done was left: the same import now goes in whole, and a cancel() with no
    // import running changes nothing.
    controller.cancel();
    controller.importPaths({file}, m_window.get());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
    const ImportReport second = finished.at(1).at(0).value<ImportReport>();
    QVERIFY(!second.cancelled);
    QCOMPARE(second.imported, qint64(2));
    QCOMPARE(second.alreadyPresent, qint64(1));
    QCOMPARE(second.quarantined, qint64(1));
    QCOMPARE(reloaded.count(), 1);
    QCOMPARE(ids(m_session->index()),
        (QStringList{QStringLiteral("NewModel#7"), QStringLiteral("TestModel#1"),
            QStringLiteral("TestModel#2")}));
}

void TestImportController::oneImportAtATime()
{
    const QString first = writeFile(*m_dir, QStringLiteral("first.json"), arrayFile({rec(2)}));
    const QString second = writeFile(*m_dir, QStringLiteral("second.json"), arrayFile({rec(3)}));
    ImportController controller(*m_session, {});
    QSignalSpy finished(&controller, &ImportController::finished);

    controller.importPaths({first}, m_window.get());
    controller.importPaths({second}, m_window.get()); // refused, with a message
    QVERIFY(topLevel<QMessageBox>(QStringLiteral("importBusy")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).value<ImportReport>().imported, qint64(1));
    QVERIFY(m_session->workspace().ridOf(QStringLiteral("TestModel#2")).has_value());
    QVERIFY(!m_session->workspace().ridOf(QStringLiteral("TestModel#3")).has_value());

    // Once it is done, the next one runs.
    controller.importPaths({second}, m_window.get());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
    QCOMPARE(m_session->index().size(), 3);

    // Nothing to import is no import.
    QSignalSpy running(&controller, &ImportController::runningChanged);
    controller.importPaths({}, m_window.get());
    QVERIFY(!controller.isRunning());
    QCOMPARE(running.count(), 0);
}

void TestImportController::workspaceErrorIsShown()
{
    const QString file = writeFile(*m_dir, QStringLiteral("in.json"), arrayFile({rec(2)}));
    // The worker opens the file by its path; gone, it cannot. (The session keeps its handle.)
    const QString path = m_session->workspace().path();
    QVERIFY(QFile::remove(path));
    ImportController controller(*m_session, {});
    QSignalSpy finished(&controller, &ImportController::finished);
    QSignalSpy failed(&controller, &ImportController::failed);
    QSignalSpy reloaded(m_session.get(), &WorkbenchSession::reloaded);

    controller.importPaths({file}, m_window.get());
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(reloaded.count(), 0);
    QVERIFY(!controller.isRunning());
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains(QStringLiteral("no such workspace")), qPrintable(message));
    auto *box = topLevel<QMessageBox>(QStringLiteral("importError"));
    QVERIFY(box);
    QCOMPARE(box->icon(), QMessageBox::Critical);
    QCOMPARE(box->textFormat(), Qt::PlainText);
    QVERIFY(box->text().contains(message));
    QVERIFY(!topLevel<QDialog>(QStringLiteral("importReport")));
}

void TestImportController::replaceNeedsAnAnnotator()
{
    // TestModel#1 with another stage: a conflict, or a replacement when asked for.
    const QString file
        = writeFile(*m_dir, QStringLiteral("in.json"), arrayFile({rec(1, "Fine-tuning")}));
    QString name;
    int asked = 0;
    ImportController controller(*m_session, [&] {
        ++asked;
        return name;
    });
    QSignalSpy finished(&controller, &ImportController::finished);

    // Without replace the annotator is not asked for and the record is a conflict.
    controller.importPaths({file}, m_window.get());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(asked, 0);
    QCOMPARE(finished.at(0).at(0).value<ImportReport>().conflicts, qint64(1));

    controller.setReplace(true);
    controller.importPaths({file}, m_window.get()); // no name: refused
    QCOMPARE(asked, 1);
    QVERIFY(!controller.isRunning());
    QVERIFY(topLevel<QMessageBox>(QStringLiteral("importNoAnnotator")));

    name = QStringLiteral("ana");
    controller.importPaths({file}, m_window.get());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
    QCOMPARE(asked, 2);
    const ImportReport report = finished.at(1).at(0).value<ImportReport>();
    QCOMPARE(report.replaced, qint64(1));
    const QVector<HistoryEntry> history = m_session->workspace().history();
    QCOMPARE(history.size(), 1);
    QCOMPARE(history[0].annotator, QStringLiteral("ana"));
    QCOMPARE(history[0].newValue, QStringLiteral("Fine-tuning"));
    // The first import's report made way for this one's.
    int reports = 0;
    for (QWidget *window : QApplication::topLevelWidgets())
        reports += window->objectName() == QStringLiteral("importReport") && window->isVisible();
    QCOMPARE(reports, 1);
    auto *dialog = topLevel<QDialog>(QStringLiteral("importReport"));
    QVERIFY(dialog);
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("importSummary"))
                ->text()
                .endsWith(QStringLiteral("replaced 1")));
}

void TestImportController::localPathsFromADrop()
{
    const QString file = writeFile(*m_dir, QStringLiteral("d/a.json"), rec(2));
    const QString folder = m_dir->filePath(QStringLiteral("d"));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(file), QUrl(QStringLiteral("https://example.com/x.json")),
        QUrl::fromLocalFile(folder + QLatin1Char('/')),
        QUrl(QStringLiteral("ftp://example.com/y.json")), QUrl::fromLocalFile(file)});
    QCOMPARE(ImportController::localPathsFrom(&mime), (QStringList{file, folder}));

    QMimeData remoteOnly;
    remoteOnly.setUrls({QUrl(QStringLiteral("https://example.com/x.json"))});
    QVERIFY(ImportController::localPathsFrom(&remoteOnly).isEmpty());
    QMimeData text;
    text.setText(file);
    QVERIFY(ImportController::localPathsFrom(&text).isEmpty());
    QVERIFY(ImportController::localPathsFrom(nullptr).isEmpty());
}

void TestImportController::reportDialogShowsText()
{
    ImportReport report;
    report.imported = 2;
    report.quarantined = 3;
    report.files = 1;
    const QString markup = QStringLiteral("'status' <b>open</b> <img src=x> &amp;");
    report.add(
        {ImportProblem::Kind::Quarantined, QStringLiteral("<i>in</i>.json"), 4, 3, markup, {}});
    report.add({ImportProblem::Kind::RejectedFile, QStringLiteral("b.json"), 0, 0,
        QStringLiteral("cannot be read: Permission denied"), {}});
    report.problemsLeftOut = 2;

    ImportReportDialog dialog(report, m_window.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.objectName(), QStringLiteral("importReport"));
    for (QLabel *label : dialog.findChildren<QLabel *>())
        QCOMPARE(label->textFormat(), Qt::PlainText);
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("importSummary"))->text(),
        QStringLiteral("imported 2, already present 0, conflicts 0, quarantined 3, "
                       "rejected files 0"));
    auto *leftOut = dialog.findChild<QLabel *>(QStringLiteral("importProblemsLeftOut"));
    QVERIFY(leftOut);
    QVERIFY(leftOut->isVisible());
    QVERIFY2(leftOut->text().contains(QStringLiteral("not listed here: 2.")),
        qPrintable(leftOut->text()));

    // The first problem is selected and shown in full, as text, in the pane below the table.
    auto *table = dialog.findChild<QTableView *>(QStringLiteral("importProblems"));
    QCOMPARE(table->model()->rowCount(), 2);
    auto *detail = dialog.findChild<QPlainTextEdit *>(QStringLiteral("importProblemDetail"));
    QVERIFY(detail);
    QVERIFY(detail->isReadOnly());
    QVERIFY2(detail->toPlainText().contains(markup), qPrintable(detail->toPlainText()));
    QVERIFY(detail->toPlainText().contains(QStringLiteral("<i>in</i>.json:4:3")));
    table->selectRow(1);
    QVERIFY(detail->toPlainText().contains(QStringLiteral("Permission denied")));

    // Sorted by place, descending: b.json comes before <i>in</i>.json ('<' sorts before the
    // letters, by code point and in ICU's collation alike), the reverse of file order.
    table->sortByColumn(ImportProblemsModel::Place, Qt::DescendingOrder);
    QCOMPARE(table->model()->index(0, ImportProblemsModel::Place).data().toString(),
        QStringLiteral("b.json"));
    table->sortByColumn(ImportProblemsModel::Place, Qt::AscendingOrder);

    auto *copy = dialog.findChild<QPushButton *>(QStringLiteral("copyProblems"));
    QVERIFY(copy);
    copy->click();
    QCOMPARE(QGuiApplication::clipboard()->text(),
        QStringLiteral("<i>in</i>.json:4:3: record quarantined: ") + markup
            + QStringLiteral("\nb.json: file rejected: cannot be read: Permission denied\n"));

    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QPushButton *close = buttons->button(QDialogButtonBox::Close);
    QVERIFY(close);
    close->click();
    QVERIFY(!dialog.isVisible());
}

QTEST_MAIN(TestImportController)
#include "tst_importcontroller.moc"
