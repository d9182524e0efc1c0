// The Quarantine dock as a user meets it: offscreen, with real widgets over a session on a
// workspace an import filled. Rows are picked and buttons pressed with the mouse, text is
// edited in the editor, and the result is read back from the session and the store.

#include "testsupport.h"

#include "docks/quarantinedock.h"
#include "importer.h"
#include "quarantinemodel.h"
#include "workbenchsession.h"
#include "workspace.h"

#include <QApplication>
#include <QFontMetrics>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>
#include <QtTest>

using namespace Triage;
using namespace TestSupport;

namespace {

QByteArray heldRecord(int number, const QByteArray &stage)
{
    return recordJson(number, "TestModel", "Crash - CUDA Error - Out of Memory",
        "Hardware and Resource Limitations - GPU Memory Insufficiency", stage);
}

// Replaces the first `from` in the editor through a text cursor, as typing over a selection does.
bool editText(QPlainTextEdit *editor, const QString &from, const QString &to)
{
    QTextCursor cursor = editor->document()->find(from);
    if (cursor.isNull())
        return false;
    cursor.insertText(to);
    return true;
}

// Answers the next message box with `button` once it is shown.
void answerNextMessageBox(QMessageBox::StandardButton button, bool *asked)
{
    QTimer::singleShot(0, qApp, [button, asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) { // not open yet: look again
            answerNextMessageBox(button, asked);
            return;
        }
        *asked = true;
        box->button(button)->click();
    });
}

} // namespace

class TestQuarantineDock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void fixAndAccept();
    void stillBadTextShowsTheError();
    void noAnnotatorDoesNothing();
    void discardAsksFirst();
    void editsKeptWhileAnotherEntryIsShown();
    void fileTextShownAsPlainText();

private:
    void openDock(const QByteArray &fileText);
    void selectRow(int row);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<WorkbenchSession> m_session;
    std::unique_ptr<QuarantineDock> m_dock;
    QString m_annotator = QStringLiteral("ana");
    int m_annotatorAsked = 0;
    QTableView *m_view = nullptr;
    QPlainTextEdit *m_editor = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_reason = nullptr;
    QPushButton *m_accept = nullptr;
    QPushButton *m_discard = nullptr;
};

void TestQuarantineDock::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_annotator = QStringLiteral("ana");
    m_annotatorAsked = 0;
}

void TestQuarantineDock::cleanup()
{
    m_dock.reset();
    m_session.reset();
    m_dir.reset();
}

// One good record (TestModel#1) and the held ones in `held`, imported from a file.
void TestQuarantineDock::openDock(const QByteArray &held)
{
    const QString file = writeFile(
        *m_dir, QStringLiteral("reports.json"), "[\n" + recordJson(1) + ",\n" + held + "\n]\n");
    auto workspace = createWorkspace(*m_dir);
    const ImportReport report = Importer(*workspace).run({file});
    QCOMPARE(report.imported, qint64(1));
    QVERIFY(report.quarantined >= 1);
    m_session = std::make_unique<WorkbenchSession>(std::move(workspace));
    m_dock = std::make_unique<QuarantineDock>(*m_session, [this] {
        ++m_annotatorAsked;
        return m_annotator;
    });
    QCOMPARE(m_dock->objectName(), QStringLiteral("quarantineDock"));
    QCOMPARE(m_dock->windowTitle(), QStringLiteral("Quarantine"));
    m_dock->resize(700, 600);
    m_dock->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dock.get()));
    m_view = m_dock->findChild<QTableView *>(QStringLiteral("quarantineView"));
    m_editor = m_dock->findChild<QPlainTextEdit *>(QStringLiteral("quarantineEditor"));
    m_error = m_dock->findChild<QLabel *>(QStringLiteral("quarantineError"));
    m_reason = m_dock->findChild<QLabel *>(QStringLiteral("quarantineReason"));
    m_accept = m_dock->findChild<QPushButton *>(QStringLiteral("quarantineAccept"));
    m_discard = m_dock->findChild<QPushButton *>(QStringLiteral("quarantineDiscard"));
    QVERIFY(m_view && m_editor && m_error && m_reason && m_accept && m_discard);
}

void TestQuarantineDock::selectRow(int row)
{
    const QRect rect = m_view->visualRect(m_view->model()->index(row, 0));
    QVERIFY(rect.isValid());
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
    QCOMPARE(m_view->currentIndex().row(), row);
}

void TestQuarantineDock::fixAndAccept()
{
    openDock(heldRecord(2, "Training"));
    QCOMPARE(m_view->model()->rowCount(), 1);
    selectRow(0);
    QCOMPARE(m_editor->toPlainText(), QString::fromUtf8(heldRecord(2, "Training")));
    QVERIFY(m_reason->text().contains(QStringLiteral("'Training'")));
    // Monospace as measured: fontconfig's fixed-pitch flag is unreliable for some mono fonts.
    const QFontMetrics metrics(m_editor->font());
    QCOMPARE(metrics.horizontalAdvance(QStringLiteral("iiiiiiii")),
        metrics.horizontalAdvance(QStringLiteral("MMMMMMMM")));
    QVERIFY(m_accept->isEnabled());

    QVERIFY(editText(m_editor, QStringLiteral("Training"), QStringLiteral("Inference")));
    QSignalSpy accepted(m_dock.get(), &QuarantineDock::recordAccepted);
    QTest::mouseClick(m_accept, Qt::LeftButton);

    QCOMPARE(m_annotatorAsked, 1);
    QVERIFY2(m_error->isHidden(), qPrintable(m_error->text()));
    const std::optional<qint64> rid = m_session->workspace().ridOf(QStringLiteral("TestModel#2"));
    QVERIFY(rid.has_value());
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(accepted.at(0).at(0).toLongLong(), *rid);
    const std::optional<quint32> row = m_session->index().rowOf(*rid);
    QVERIFY(row.has_value());
    QCOMPARE(m_session->index().id(*row), QStringLiteral("TestModel#2"));
    QCOMPARE(m_session->workspace().record(*rid)->stage, QStringLiteral("Inference"));
    QCOMPARE(m_session->workspace().record(*rid)->updatedBy, QStringLiteral("ana"));
    // The entry is gone from the view and the dock shows nothing to act on.
    QCOMPARE(m_view->model()->rowCount(), 0);
    QVERIFY(m_session->workspace().quarantine().isEmpty());
    QVERIFY(m_editor->toPlainText().isEmpty());
    QVERIFY(!m_accept->isEnabled());
    QVERIFY(!m_discard->isEnabled());
}

void TestQuarantineDock::stillBadTextShowsTheError()
{
    openDock(heldRecord(2, "Training"));
    selectRow(0);
    QVERIFY(editText(m_editor, QStringLiteral("Training"), QStringLiteral("Trainingg")));
    const QString edited = m_editor->toPlainText();
    QTest::mouseClick(m_accept, Qt::LeftButton);

    QVERIFY(m_error->isVisible());
    QCOMPARE(m_error->textFormat(), Qt::PlainText);
    QVERIFY2(m_error->text().contains(QStringLiteral("'Trainingg'")), qPrintable(m_error->text()));
    QCOMPARE(m_editor->toPlainText(), edited); // what was typed is kept to fix again
    QCOMPARE(m_view->model()->rowCount(), 1);
    QCOMPARE(m_session->index().size(), 1);
    QVERIFY(!m_session->workspace().ridOf(QStringLiteral("TestModel#2")).has_value());

    // An id the workspace has: refused too, with the id named.
    m_editor->selectAll();
    QTest::keyClicks(m_editor, QString::fromUtf8(heldRecord(1, "Inference")));
    QTest::mouseClick(m_accept, Qt::LeftButton);
    QVERIFY2(m_error->text().contains(QStringLiteral("TestModel#1")), qPrintable(m_error->text()));
    QCOMPARE(m_view->model()->rowCount(), 1);

    // Fixed for real: accepted, and the error goes.
    QVERIFY(editText(m_editor, QStringLiteral("\"number\": 1"), QStringLiteral("\"number\": 2")));
    QTest::mouseClick(m_accept, Qt::LeftButton);
    QVERIFY(m_error->isHidden());
    QCOMPARE(m_view->model()->rowCount(), 0);
    QCOMPARE(m_session->index().size(), 2);
}

void TestQuarantineDock::noAnnotatorDoesNothing()
{
    openDock(heldRecord(2, "Training"));
    selectRow(0);
    QVERIFY(editText(m_editor, QStringLiteral("Training"), QStringLiteral("Inference")));
    m_annotator.clear(); // the user cancelled the name dialog
    QTest::mouseClick(m_accept, Qt::LeftButton);
    QCOMPARE(m_annotatorAsked, 1);
    QVERIFY(m_error->isHidden());
    QCOMPARE(m_view->model()->rowCount(), 1);
    QCOMPARE(m_session->workspace().recordCount(), qint64(1));
    QVERIFY(m_editor->toPlainText().contains(QStringLiteral("Inference")));
}

void TestQuarantineDock::discardAsksFirst()
{
    openDock(heldRecord(2, "Training"));
    selectRow(0);
    const qint64 seq = m_view->model()
                           ->data(m_view->model()->index(0, 0), QuarantineModel::SeqRole)
                           .toLongLong();

    bool asked = false;
    answerNextMessageBox(QMessageBox::No, &asked);
    QTest::mouseClick(m_discard, Qt::LeftButton);
    QVERIFY(asked);
    QCOMPARE(m_annotatorAsked, 0);
    QCOMPARE(m_view->model()->rowCount(), 1);
    QVERIFY(m_session->workspace().quarantine(QuarantineScope::Resolved).isEmpty());

    asked = false;
    answerNextMessageBox(QMessageBox::Yes, &asked);
    QTest::mouseClick(m_discard, Qt::LeftButton);
    QVERIFY(asked);
    QCOMPARE(m_annotatorAsked, 1);
    QCOMPARE(m_view->model()->rowCount(), 0);
    const QVector<QuarantineEntry> resolved
        = m_session->workspace().quarantine(QuarantineScope::Resolved);
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(resolved[0].seq, seq);
    QCOMPARE(resolved[0].resolution, QStringLiteral("discarded"));
    QCOMPARE(resolved[0].resolvedBy, QStringLiteral("ana"));
    QCOMPARE(m_session->workspace().recordCount(), qint64(1));
}

void TestQuarantineDock::editsKeptWhileAnotherEntryIsShown()
{
    openDock(heldRecord(2, "Training") + ",\n" + heldRecord(3, "Testing"));
    QCOMPARE(m_view->model()->rowCount(), 2);
    selectRow(0);
    QVERIFY(editText(m_editor, QStringLiteral("Training"), QStringLiteral("Inference")));
    selectRow(1);
    QCOMPARE(m_editor->toPlainText(), QString::fromUtf8(heldRecord(3, "Testing")));
    selectRow(0);
    QCOMPARE(m_editor->toPlainText(), QString::fromUtf8(heldRecord(2, "Inference")));

    // Accepting the other entry reloads the list; the edit of this one stays.
    selectRow(1);
    QVERIFY(editText(m_editor, QStringLiteral("Testing"), QStringLiteral("Fine-tuning")));
    QTest::mouseClick(m_accept, Qt::LeftButton);
    QCOMPARE(m_view->model()->rowCount(), 1);
    selectRow(0);
    QCOMPARE(m_editor->toPlainText(), QString::fromUtf8(heldRecord(2, "Inference")));
}

void TestQuarantineDock::fileTextShownAsPlainText()
{
    openDock(heldRecord(2, "<b>Training</b>"));
    selectRow(0);
    QCOMPARE(m_reason->textFormat(), Qt::PlainText);
    QVERIFY2(m_reason->text().contains(QStringLiteral("'<b>Training</b>'")),
        qPrintable(m_reason->text()));
    // The table's tooltip is rich text by Qt's guess; the file's markup in it is escaped.
    const QString tip
        = m_view->model()
              ->data(m_view->model()->index(0, QuarantineModel::Reason), Qt::ToolTipRole)
              .toString();
    QVERIFY2(tip.contains(QStringLiteral("&lt;b&gt;Training&lt;/b&gt;")), qPrintable(tip));
    QVERIFY(!tip.contains(QStringLiteral("<b>")));
    QVERIFY(editText(m_editor, QStringLiteral("<b>Training</b>"), QStringLiteral("<i>x</i>")));
    QTest::mouseClick(m_accept, Qt::LeftButton);
    QCOMPARE(m_error->textFormat(), Qt::PlainText);
    QVERIFY2(m_error->text().contains(QStringLiteral("'<i>x</i>'")), qPrintable(m_error->text()));
}

QTEST_MAIN(TestQuarantineDock)
#include "tst_quarantinedock.moc"
