// An edit the store cannot take (another program holds the write lock past the busy timeout)
// is not lost: it stays on the undo stack marked "not saved", the bar above the table says so,
// Retry writes it once the lock is gone, and closing the window with such edits asks first.

#include "testsupport.h"
#include "windowsupport.h"

#include "editcontroller.h"
#include "importer.h"
#include "docks/detaildock.h"
#include "sqlite/database.h"
#include "widgets/unsavededitsbar.h"
#include "workbenchsession.h"

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

using namespace Triage;
using namespace TestSupport;

class TestUnsavedEdits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void unwritableEditWaitsAndRetries();
    void undoneUnwrittenEditIsNotWaiting();
    void closingWithUnwrittenEditsAsks();

private:
    // Relabels the current record's stage while another connection holds the write lock;
    // answers the error box. Returns the stage it tried to write.
    QString relabelWhileLocked();
    // Presses `button` in the next message box that comes up; remembers its text.
    void answerNextBox(QMessageBox::StandardButton button);
    QString storedStage(qint64 rid);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QPointer<MainWindow> m_window;
    std::unique_ptr<Workspace> m_blocker;
    QString m_boxText;
};

void TestUnsavedEdits::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestUnsavedEdits::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("w.llmtriage"));
    auto workspace = Workspace::open(m_path, Workspace::OpenMode::CreateIfMissing);
    QCOMPARE(Importer(*workspace).run({datasetPath()}).imported, 706);
    m_window = openWindow(m_path);
    // Fail fast rather than after the usual five seconds of waiting for the lock.
    m_window->session().workspace().database().exec("PRAGMA busy_timeout = 50");
    m_blocker = Workspace::open(m_path, Workspace::OpenMode::OpenExisting);
    m_boxText.clear();
}

void TestUnsavedEdits::cleanup()
{
    m_blocker.reset();
    if (m_window) {
        if (m_window->edits().unwrittenCount() > 0)
            answerNextBox(QMessageBox::Discard);
        m_window->close();
    }
    QTRY_VERIFY(m_window.isNull());
    m_dir.reset();
}

void TestUnsavedEdits::answerNextBox(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, this, [this, button] {
        QTRY_VERIFY(QApplication::activeModalWidget());
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            QApplication::activeModalWidget()->close();
            return;
        }
        m_boxText = box->text();
        if (QAbstractButton *answer = box->button(button))
            answer->click();
        else
            box->close();
    });
}

QString TestUnsavedEdits::storedStage(qint64 rid)
{
    return Workspace::open(m_path, Workspace::OpenMode::OpenExisting)->record(rid)->stage;
}

QString TestUnsavedEdits::relabelWhileLocked()
{
    const qint64 rid = m_window->detailDock()->record();
    const QString before = storedStage(rid);
    const QString other = before == u"Inference" ? QStringLiteral("Fine-tuning") : QStringLiteral("Inference");
    m_blocker->database().exec("BEGIN IMMEDIATE");
    answerNextBox(QMessageBox::Ok);
    const bool written = m_window->edits().relabel(rid, QString(), QString(), other, false);
    m_blocker->database().exec("ROLLBACK");
    if (written)
        qWarning("written despite the lock");
    return other;
}

void TestUnsavedEdits::unwritableEditWaitsAndRetries()
{
    const qint64 rid = m_window->detailDock()->record();
    const QString before = storedStage(rid);
    UnsavedEditsBar *bar = m_window->unsavedEditsBar();
    QVERIFY(!bar->isVisible());
    const QString wanted = relabelWhileLocked();
    QVERIFY2(m_boxText.contains(u"not saved"), qPrintable(m_boxText));
    // Not in the store, but on the stack, marked, and counted in the bar.
    QCOMPARE(storedStage(rid), before);
    QCOMPARE(m_window->undoStack().count(), 1);
    QVERIFY(m_window->undoStack().text(0).endsWith(u"(not saved)"));
    QCOMPARE(m_window->edits().unwrittenCount(), 1);
    QVERIFY(bar->isVisible());
    QVERIFY2(bar->message().startsWith(u"1 edit not saved"), qPrintable(bar->message()));
    QVERIFY2(bar->message().contains(u"locked"), qPrintable(bar->message()));

    // The lock is gone: Retry writes it, with a history row naming the annotator.
    QTest::mouseClick(bar->retryButton(), Qt::LeftButton);
    QCOMPARE(storedStage(rid), wanted);
    QCOMPARE(m_window->edits().unwrittenCount(), 0);
    QVERIFY(!bar->isVisible());
    QVERIFY(!m_window->undoStack().text(0).contains(u"not saved"));
    const QVector<HistoryEntry> history = Workspace::open(m_path, Workspace::OpenMode::OpenExisting)->history(rid);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().annotator, QStringLiteral("tester"));
    // And it undoes like any edit.
    m_window->undoStack().undo();
    QCOMPARE(storedStage(rid), before);
}

void TestUnsavedEdits::undoneUnwrittenEditIsNotWaiting()
{
    const qint64 rid = m_window->detailDock()->record();
    const QString before = storedStage(rid);
    const QString wanted = relabelWhileLocked();
    QCOMPARE(m_window->edits().unwrittenCount(), 1);
    m_window->undoStack().undo(); // nothing to take back from the store
    QCOMPARE(storedStage(rid), before);
    QCOMPARE(m_window->edits().unwrittenCount(), 0);
    QVERIFY(!m_window->unsavedEditsBar()->isVisible());
    m_window->undoStack().redo(); // the lock is gone: redo writes it
    QCOMPARE(storedStage(rid), wanted);
    QCOMPARE(m_window->edits().unwrittenCount(), 0);
}

void TestUnsavedEdits::closingWithUnwrittenEditsAsks()
{
    relabelWhileLocked();
    QCOMPARE(m_window->edits().unwrittenCount(), 1);
    // Cancel: the window stays.
    answerNextBox(QMessageBox::Cancel);
    QVERIFY(!m_window->close());
    QVERIFY(m_boxText.contains(u"could not be written"));
    QVERIFY(m_window);
    // Retry while the file is locked again: still waiting, asked again, then kept open.
    m_blocker->database().exec("BEGIN IMMEDIATE");
    answerNextBox(QMessageBox::Retry);
    QTimer::singleShot(200, this, [this] { answerNextBox(QMessageBox::Cancel); });
    QVERIFY(!m_window->close());
    m_blocker->database().exec("ROLLBACK");
    QCOMPARE(m_window->edits().unwrittenCount(), 1);
    // Retry with the lock gone: written, and the window closes.
    const qint64 rid = m_window->detailDock()->record();
    answerNextBox(QMessageBox::Retry);
    QVERIFY(m_window->close());
    QTRY_VERIFY(m_window.isNull());
    QVERIFY(storedStage(rid) != QString());
    QCOMPARE(Workspace::open(m_path, Workspace::OpenMode::OpenExisting)->history(rid).size(), 1);
}

QTEST_MAIN(TestUnsavedEdits)
#include "tst_unsavededits.moc"
