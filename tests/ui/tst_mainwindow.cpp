// The workbench window driven as an annotator would: facets, search, relabelling through the
// pickers, batch relabel with undo and redo, reopening. Offscreen, real widgets. Expected counts
// come from the raw files (tests/support/rawdataset.h) or from the command line on the same
// workspace, never from the window itself.

#include "rawdataset.h"
#include "testsupport.h"
#include "windowsupport.h"

#include "activefilter.h"
#include "annotatoridentity.h"
#include "batchpreviewmodel.h"
#include "editcontroller.h"
#include "dialogs/batchrelabeldialog.h"
#include "docks/detaildock.h"
#include "docks/facetdock.h"
#include "docks/historydock.h"
#include "facetmodel.h"
#include "historymodel.h"
#include "importer.h"
#include "mainwindow.h"
#include "recordtablemodel.h"
#include "sqlite/database.h"
#include "recordtableview.h"
#include "widgets/filterchipbar.h"
#include "widgets/labelpicker.h"
#include "widgets/relabelpanel.h"
#include "widgets/searchfield.h"
#include "workbenchactions.h"
#include "workbenchsession.h"
#include "workspace.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QToolButton>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>
#include <QWheelEvent>
#include <QtTest>

using namespace Triage;
using namespace TestSupport;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void opensOnTheDataset();
    void facetCountMatchesTheCommandLine();
    void facetsCombineAndSearchNarrows();
    void relabelThroughThePickers();
    void wheelScrollsPastThePickers();
    void batchRelabelUndoRedo();
    void noteIsSavedAndUndone();
    void keyboardMovesOn();
    void reopenShowsEdits();
    void layoutIsRestored();
    void facetsFillAfterImportIntoEmptyWorkspace();
    void pickedEntryOutlivesItsRecords();
    void undoneNoteIsShownAndNotSavedAgain();
    void unappliedChoicesSurviveOtherEdits();
    void positionAndSelectionSurviveFiltering();
    void refusedUndoLeavesTheStack();

private:
    MainWindow *open();
    qint64 cliTotal(const QStringList &where);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QPointer<MainWindow> m_window;
    QVector<RawRecord> m_raw;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
    m_raw = readRawRecords(datasetPath());
    QCOMPARE(m_raw.size(), 706);
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("w.llmtriage"));
    auto workspace = Workspace::open(m_path, Workspace::OpenMode::CreateIfMissing);
    QCOMPARE(Importer(*workspace).run({datasetPath()}).imported, 706);
}

void TestMainWindow::cleanup()
{
    if (m_window)
        m_window->close();
    QTRY_VERIFY(m_window.isNull()); // deletes itself on close
    m_dir.reset();
}

MainWindow *TestMainWindow::open()
{
    m_window = openWindow(m_path);
    return m_window;
}

// `llmtriage stats --rows stage --where ...` on the same workspace: the total it prints.
qint64 TestMainWindow::cliTotal(const QStringList &where)
{
    QStringList arguments{QStringLiteral("stats"), QStringLiteral("--rows"), QStringLiteral("stage"),
                          QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--workspace"), m_path};
    for (const QString &condition : where)
        arguments += QStringList{QStringLiteral("--where"), condition};
    QProcess process;
    process.start(binaryPath(), arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return -1;
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object().value(u"total").toInteger(-1);
}

void TestMainWindow::opensOnTheDataset()
{
    MainWindow *window = open();
    QCOMPARE(window->tableModel()->rowCount(), 706);
    QCOMPARE(window->findChild<QLabel *>(QStringLiteral("recordCount"))->text(), QStringLiteral("706 of 706 records"));
    QVERIFY(window->findChild<QLabel *>(QStringLiteral("annotatorName"))->text().contains(u"tester"));
    // Every dock is in the View menu, and the first record is shown in the detail dock.
    for (QDockWidget *dock : window->docks())
        QVERIFY2(!dock->toggleViewAction()->text().isEmpty(), qPrintable(dock->objectName()));
    QVERIFY(window->detailDock()->record() != 0);
    const QImage shot = window->grab().toImage();
    QVERIFY(shot.width() > 400 && shot.height() > 300);
}

void TestMainWindow::facetCountMatchesTheCommandLine()
{
    MainWindow *window = open();
    FacetModel *series = window->facetDock()->model(Field::Series);
    const QModelIndex qwen = series->indexOf({Field::Series, 1, QStringLiteral("Qwen")});
    // Click the entry's check box in the real view.
    QTreeView *view = window->facetDock()->view(Field::Series);
    QVERIFY(view->isVisible());
    view->scrollTo(qwen);
    const QRect rect = view->visualRect(qwen);
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.rect = rect;
    option.features |= QStyleOptionViewItem::HasCheckIndicator;
    const QRect box = view->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, view);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, box.center());
    QTRY_COMPARE(window->session().filter().values().size(), 1);
    const qint64 expected = cliTotal({QStringLiteral("series=Qwen")});
    QCOMPARE(expected, 449);
    QCOMPARE(qint64(window->tableModel()->rowCount()), expected);
    QCOMPARE(window->findChild<QLabel *>(QStringLiteral("recordCount"))->text(), QStringLiteral("449 of 706 records"));
    QCOMPARE(window->chips()->chipTexts(), QStringList{QStringLiteral("Series: Qwen")});
}

void TestMainWindow::facetsCombineAndSearchNarrows()
{
    MainWindow *window = open();
    FacetModel *stage = window->facetDock()->model(Field::Stage);
    FacetModel *symptom = window->facetDock()->model(Field::Symptom);
    stage->setData(stage->indexOf({Field::Stage, 1, QStringLiteral("Fine-tuning")}), Qt::Checked, Qt::CheckStateRole);
    symptom->setData(symptom->indexOf({Field::Symptom, 1, QStringLiteral("Crash")}), Qt::Checked, Qt::CheckStateRole);
    qint64 both = 0;
    for (const RawRecord &r : std::as_const(m_raw))
        both += r.text(u"STAGE") == u"Fine-tuning" && rawCut(r.text(u"SYMPTOM"), 1) == u"Crash";
    QCOMPARE(both, 81);
    QCOMPARE(qint64(window->tableModel()->rowCount()), both);
    QCOMPARE(cliTotal({QStringLiteral("stage=Fine-tuning"), QStringLiteral("symptom=Crash")}), both);

    // Typing in the search box narrows once typing pauses.
    QTest::keyClicks(window->searchField(), QStringLiteral("out of memory"));
    qint64 searched = 0;
    for (const RawRecord &r : std::as_const(m_raw))
        searched += r.text(u"STAGE") == u"Fine-tuning" && rawCut(r.text(u"SYMPTOM"), 1) == u"Crash"
            && r.text(u"SYMPTOM").contains(u"out of memory", Qt::CaseInsensitive);
    QVERIFY(searched > 0 && searched < both);
    QTRY_COMPARE(qint64(window->tableModel()->rowCount()), searched);
    QCOMPARE(window->chips()->chipTexts().size(), 3);

    // "Clear all" empties the filter, the chips and the search box.
    QTest::mouseClick(window->findChild<QToolButton *>(QStringLiteral("clearFilters")), Qt::LeftButton);
    QCOMPARE(window->tableModel()->rowCount(), 706);
    QVERIFY(window->searchField()->text().isEmpty());
    QVERIFY(window->chips()->chipTexts().isEmpty());
}

// A wheel turn over a picker the user is scrolling past must not relabel the record; once the
// picker has the focus, the wheel is the user's choice.
void TestMainWindow::wheelScrollsPastThePickers()
{
    MainWindow *window = open();
    QComboBox *category = window->detailDock()->relabelPanel()->causePicker()->combo(1);
    QVERIFY(category->count() > 2);
    window->table()->setFocus();
    QTRY_VERIFY(window->table()->hasFocus());
    const QString before = category->currentText();
    // Towards an entry that exists (down, or up from the last one).
    const int delta = category->currentIndex() < category->count() - 1 ? -120 : 120;
    const auto turn = [category, delta] {
        QWheelEvent wheel(QPointF(5, 5), category->mapToGlobal(QPointF(5, 5)), QPoint(), QPoint(0, delta),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(category, &wheel);
    };
    turn();
    QCOMPARE(category->currentText(), before);
    category->setFocus();
    QTRY_VERIFY(category->hasFocus());
    turn();
    QVERIFY(category->currentText() != before);
    // Put the record's labels back, or closing would rightly ask about the unapplied choice.
    RelabelPanel *panel = window->detailDock()->relabelPanel();
    panel->setRecord(window->detailDock()->record());
    QVERIFY(!panel->hasPendingChanges());
}

// The texts of the labels a dock shows now, once its layout has placed them.
static QStringList shownLabels(QWidget *dock)
{
    QCoreApplication::processEvents();
    QStringList shown;
    for (const QLabel *label : dock->findChildren<QLabel *>()) {
        if (label->isVisibleTo(dock))
            shown.append(label->text());
    }
    return shown;
}

void TestMainWindow::relabelThroughThePickers()
{
    MainWindow *window = open();
    const qint64 rid = window->detailDock()->record();
    QVERIFY(rid != 0);
    // The record dock's rows are made once and shown per record: "Last edited" only for a
    // record someone edited.
    QVERIFY2(!shownLabels(window->detailDock()).contains(QStringLiteral("Last edited:")),
             qPrintable(shownLabels(window->detailDock()).join(u'|')));
    const QString before = window->session().workspace().record(rid)->cause;
    const QString target = QStringLiteral("Tokenizer and Text Processing Issues - Control Token Issues");
    QVERIFY(before != target);
    RelabelPanel *panel = window->detailDock()->relabelPanel();
    // Choose the cause level by level, as from the keyboard: category, then cause.
    QComboBox *category = panel->causePicker()->combo(1);
    QComboBox *cause = panel->causePicker()->combo(2);
    category->setCurrentIndex(category->findText(QStringLiteral("Tokenizer and Text Processing Issues")));
    QVERIFY(cause->findText(QStringLiteral("Control Token Issues")) >= 0);
    QVERIFY(cause->findText(QStringLiteral("GPU Memory Insufficiency")) < 0); // only what exists under it
    cause->setCurrentIndex(cause->findText(QStringLiteral("Control Token Issues")));
    cause->setFocus();
    // Enter applies. The key goes where the keyboard sends it: to the focused combo box, which
    // passes it to its line edit without event filters.
    QTRY_VERIFY(QApplication::focusWidget() == cause || QApplication::focusWidget() == cause->lineEdit());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);

    QCOMPARE(window->session().workspace().record(rid)->cause, target);
    const QVector<HistoryEntry> history = window->session().workspace().history(rid);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history[0].field, QStringLiteral("cause"));
    QCOMPARE(history[0].oldValue, before);
    QCOMPARE(history[0].newValue, target);
    QCOMPARE(history[0].annotator, QStringLiteral("tester"));
    const int row = window->tableModel()->rowOfRid(rid);
    QCOMPARE(window->tableModel()->data(window->tableModel()->index(row, RecordTableModel::Cause)).toString(), target);
    QCOMPARE(window->historyDock()->model()->rowCount(), 1);
    QCOMPARE(window->undoStack().count(), 1);
    const QStringList shown = shownLabels(window->detailDock());
    QVERIFY2(shown.contains(QStringLiteral("Last edited:")) && shown.contains(target)
                 && std::any_of(shown.begin(), shown.end(),
                                [](const QString &text) { return text.startsWith(QStringLiteral("tester, ")); }),
             qPrintable(shown.join(u'|')));
    // Another record, never edited: the row goes away again, the fields follow.
    qint64 other = 0;
    for (quint32 row : window->session().rows()) {
        if (window->session().index().rid(row) != rid) {
            other = window->session().index().rid(row);
            break;
        }
    }
    window->table()->setCurrentRid(other);
    QCOMPARE(window->detailDock()->record(), other);
    QVERIFY(!shownLabels(window->detailDock()).contains(QStringLiteral("Last edited:")));
    QVERIFY(shownLabels(window->detailDock()).contains(window->session().workspace().record(other)->symptom));
    window->table()->setCurrentRid(rid);
    // Focus went back to the table: Ctrl+Z undoes there, Ctrl+Shift+Z redoes.
    QTRY_VERIFY(window->table()->hasFocus());
    QTest::keyClick(window->table(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(window->session().workspace().record(rid)->cause, before);
    QTest::keyClick(window->table(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(window->session().workspace().record(rid)->cause, target);
}

void TestMainWindow::batchRelabelUndoRedo()
{
    MainWindow *window = open();
    RecordTableView *table = window->table();
    table->selectionModel()->clearSelection();
    for (int row = 0; row < 10; ++row)
        table->selectionModel()->select(table->model()->index(row, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QVector<qint64> rids = table->selectedRids();
    QCOMPARE(rids.size(), 10);
    QMap<qint64, QString> before;
    for (qint64 rid : rids)
        before.insert(rid, window->session().workspace().record(rid)->stage);

    BatchRelabelDialog dialog(window->session(), window->edits(), rids, window);
    dialog.fieldCombo()->setCurrentIndex(2); // stage
    dialog.stageCombo()->setCurrentText(QStringLiteral("Fine-tuning"));
    qint64 changing = 0;
    for (const QString &stage : std::as_const(before))
        changing += stage != u"Fine-tuning";
    QVERIFY(changing > 0);
    QCOMPARE(dialog.preview()->changing(), changing);
    // Enter applies (Apply is the default button), as everywhere in the window.
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.stageCombo()->setFocus();
    QTest::keyClick(&dialog, Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    const auto stageInView = [&](qint64 rid) {
        const int row = window->tableModel()->rowOfRid(rid);
        return window->tableModel()->data(window->tableModel()->index(row, RecordTableModel::Stage)).toString();
    };
    for (qint64 rid : rids) {
        QCOMPARE(window->session().workspace().record(rid)->stage, QStringLiteral("Fine-tuning"));
        QCOMPARE(stageInView(rid), QStringLiteral("Fine-tuning"));
    }
    QCOMPARE(window->undoStack().count(), 1); // one step for the whole batch

    window->actions().action(QStringLiteral("undo"))->trigger();
    for (qint64 rid : rids) {
        QCOMPARE(window->session().workspace().record(rid)->stage, before.value(rid));
        QCOMPARE(stageInView(rid), before.value(rid));
    }
    // What the window shows equals what the command line counts on the same file.
    qint64 fineTuning = 0;
    for (const RawRecord &r : std::as_const(m_raw))
        fineTuning += r.text(u"STAGE") == u"Fine-tuning";
    QCOMPARE(cliTotal({QStringLiteral("stage=Fine-tuning")}), fineTuning);

    window->actions().action(QStringLiteral("redo"))->trigger();
    for (qint64 rid : rids)
        QCOMPARE(window->session().workspace().record(rid)->stage, QStringLiteral("Fine-tuning"));
    QCOMPARE(cliTotal({QStringLiteral("stage=Fine-tuning")}), fineTuning + changing);
}

void TestMainWindow::noteIsSavedAndUndone()
{
    MainWindow *window = open();
    const qint64 rid = window->detailDock()->record();
    QPlainTextEdit *note = window->detailDock()->noteEditor();
    note->setFocus();
    QTest::keyClicks(note, QStringLiteral("check the chat template"));
    window->detailDock()->flushNote();
    QCOMPARE(window->session().workspace().note(rid), QStringLiteral("check the chat template"));
    QCOMPARE(window->undoStack().count(), 1);
    window->undoStack().undo();
    QCOMPARE(window->session().workspace().note(rid), QString());
    // Notes are searchable.
    window->undoStack().redo();
    window->session().filter().setText(QStringLiteral("chat template"));
    QCOMPARE(window->tableModel()->rowCount(), 1);
}

void TestMainWindow::keyboardMovesOn()
{
    MainWindow *window = open();
    const qint64 first = window->detailDock()->record();
    QTest::keyClick(window, Qt::Key_Down, Qt::ControlModifier);
    const qint64 second = window->detailDock()->record();
    QVERIFY(second != first);
    QCOMPARE(window->table()->currentIndex().row(), 1);
    QTest::keyClick(window, Qt::Key_Up, Qt::ControlModifier);
    QCOMPARE(window->detailDock()->record(), first);
    // Ctrl+2 puts the focus in the cause picker.
    QTest::keyClick(window, Qt::Key_2, Qt::ControlModifier);
    QTRY_VERIFY(window->detailDock()->relabelPanel()->causePicker()->combo(1)->hasFocus()
                || window->detailDock()->relabelPanel()->causePicker()->combo(1)->lineEdit()->hasFocus());
}

void TestMainWindow::reopenShowsEdits()
{
    MainWindow *window = open();
    const qint64 rid = window->detailDock()->record();
    const QString other = window->session().workspace().record(rid)->stage == u"Inference"
        ? QStringLiteral("Fine-tuning")
        : QStringLiteral("Inference");
    QVERIFY(window->edits().relabel(rid, QString(), QString(), other, false));
    window->session().filter().add({Field::Stage, 1, other});
    const int shown = window->tableModel()->rowCount();
    window->close();
    QTRY_VERIFY(m_window.isNull());

    MainWindow *again = open();
    QCOMPARE(again->session().workspace().record(rid)->stage, other);
    // The filter comes back with the workspace.
    QCOMPARE(again->session().filter().values().size(), 1);
    QCOMPARE(again->tableModel()->rowCount(), shown);
    QCOMPARE(again->historyDock()->model()->rowCount(), 1);
}

// The docks come back as wide and as tall as the user left them.
void TestMainWindow::layoutIsRestored()
{
    MainWindow *window = open();
    window->resize(1400, 860);
    window->resizeDocks({window->facetDock(), window->detailDock()}, {380, 470}, Qt::Horizontal);
    window->resizeDocks({window->historyDock()}, {240}, Qt::Vertical);
    QTest::qWait(50);
    const int facets = window->facetDock()->width();
    const int detail = window->detailDock()->width();
    const int history = window->historyDock()->height();
    QVERIFY(facets > 300 && detail > 400);
    window->close();
    QTRY_VERIFY(m_window.isNull());

    MainWindow *again = open();
    QTest::qWait(50);
    QVERIFY2(std::abs(again->facetDock()->width() - facets) <= 4,
             qPrintable(QStringLiteral("%1 vs %2").arg(again->facetDock()->width()).arg(facets)));
    QVERIFY2(std::abs(again->detailDock()->width() - detail) <= 4,
             qPrintable(QStringLiteral("%1 vs %2").arg(again->detailDock()->width()).arg(detail)));
    QVERIFY2(std::abs(again->historyDock()->height() - history) <= 4,
             qPrintable(QStringLiteral("%1 vs %2").arg(again->historyDock()->height()).arg(history)));
}

// A new, empty workspace gets records by an import: every facet list shows its entries.
void TestMainWindow::facetsFillAfterImportIntoEmptyWorkspace()
{
    const QString empty = m_dir->filePath(QStringLiteral("empty.llmtriage"));
    m_window = new MainWindow(Workspace::open(empty, Workspace::OpenMode::CreateIfMissing));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QTreeView *series = m_window->facetDock()->view(Field::Series);
    QCOMPARE(series->model()->rowCount(), 0);
    {
        auto other = Workspace::open(empty, Workspace::OpenMode::OpenExisting);
        QCOMPARE(Importer(*other).run({datasetPath()}).imported, 706);
    }
    m_window->session().reload(); // what the import controller does after its commit
    QCOMPARE(series->model()->rowCount(), 3);
    QVERIFY(m_window->session().index().hasCombinations()); // facet clicks count per combination
    // All three entries fit without scrolling.
    for (int row = 0; row < 3; ++row) {
        const QRect rect = series->visualRect(series->model()->index(row, 0));
        QVERIFY2(series->viewport()->rect().contains(rect), qPrintable(QString::number(row)));
    }
}

// A picked entry stays in the facet, checked, when a relabel leaves no record with it: the
// user must be able to see and remove what filters the table.
void TestMainWindow::pickedEntryOutlivesItsRecords()
{
    MainWindow *window = open();
    const FacetValue other{Field::Symptom, 2, QStringLiteral("Crash - Other Crashes")}; // a 2-level label
    FacetModel *symptoms = window->facetDock()->model(Field::Symptom);
    symptoms->setData(symptoms->indexOf(other), Qt::Checked, Qt::CheckStateRole);
    qint64 count = 0;
    for (const RawRecord &r : std::as_const(m_raw))
        count += r.text(u"SYMPTOM") == other.value;
    QCOMPARE(qint64(window->tableModel()->rowCount()), count);
    QVector<qint64> rids;
    for (int row = 0; row < window->tableModel()->rowCount(); ++row)
        rids.append(window->tableModel()->ridAt(row));
    QVERIFY(window->edits().batchRelabel(rids, EditField::Symptom, QStringLiteral("Crash - Process Killed"), false));
    QCOMPARE(window->tableModel()->rowCount(), 0);
    const QModelIndex entry = symptoms->indexOf(other);
    QVERIFY(entry.isValid());
    QCOMPARE(entry.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(entry.data(FacetModel::CountRole).toLongLong(), 0);
    symptoms->setData(entry, Qt::Unchecked, Qt::CheckStateRole);
    QCOMPARE(window->tableModel()->rowCount(), 706);
    QVERIFY(!symptoms->indexOf(other).isValid()); // gone once nothing needs it
}

// Ctrl+Z on a note shows the old note in the editor; moving on does not write it back.
void TestMainWindow::undoneNoteIsShownAndNotSavedAgain()
{
    MainWindow *window = open();
    const qint64 rid = window->detailDock()->record();
    QPlainTextEdit *note = window->detailDock()->noteEditor();
    note->setFocus();
    QTest::keyClicks(note, QStringLiteral("check the template"));
    window->detailDock()->flushNote();
    QCOMPARE(window->session().workspace().note(rid), QStringLiteral("check the template"));
    window->undoStack().undo();
    QCOMPARE(window->session().workspace().note(rid), QString());
    QCOMPARE(note->toPlainText(), QString());
    window->table()->step(1);
    QCOMPARE(window->session().workspace().note(rid), QString());
    QCOMPARE(window->undoStack().count(), 1);
    QVERIFY(window->undoStack().canRedo()); // the undone step can still be redone
}

// A choice made in the pickers but not applied yet is not reset when another edit (a note
// saved a second after typing) comes by.
void TestMainWindow::unappliedChoicesSurviveOtherEdits()
{
    MainWindow *window = open();
    const qint64 rid = window->detailDock()->record();
    RelabelPanel *panel = window->detailDock()->relabelPanel();
    const QString stored = window->session().workspace().record(rid)->stage;
    const QString other = stored == u"Inference" ? QStringLiteral("Fine-tuning") : QStringLiteral("Inference");
    panel->stageCombo()->setCurrentText(other);
    QVERIFY(panel->hasPendingChanges());
    QVERIFY(window->edits().setNote(rid, QStringLiteral("a note meanwhile")));
    QCOMPARE(panel->stageCombo()->currentText(), other);
    QVERIFY(panel->hasPendingChanges());
    // An edit of another record leaves the choice alone too.
    const qint64 second = window->tableModel()->ridAt(1);
    QVERIFY(window->edits().relabel(second, QString(), QString(), other, false));
    QCOMPARE(panel->stageCombo()->currentText(), other);
    panel->stageCombo()->setCurrentText(stored); // nothing left pending when the window closes
    QVERIFY(!panel->hasPendingChanges());
}

// Relabelling the current record out of the filter moves on to the next record, not to the
// top; rows selected for a batch stay selected when the filter changes around them.
void TestMainWindow::positionAndSelectionSurviveFiltering()
{
    MainWindow *window = open();
    window->session().filter().add({Field::Stage, 1, QStringLiteral("Inference")});
    RecordTableView *table = window->table();
    table->setCurrentRid(window->tableModel()->ridAt(5));
    const qint64 sixth = window->tableModel()->ridAt(6);
    const qint64 current = table->currentRid();
    QVERIFY(window->edits().relabel(current, QString(), QString(), QStringLiteral("Fine-tuning"), false));
    QCOMPARE(window->tableModel()->rowOfRid(current), -1); // filtered out now
    QCOMPARE(table->currentIndex().row(), 5);
    QCOMPARE(table->currentRid(), sixth);

    table->selectionModel()->clearSelection();
    QVector<qint64> picked;
    for (int row = 10; row < 16; ++row) {
        table->selectionModel()->select(window->tableModel()->index(row, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
        picked.append(window->tableModel()->ridAt(row));
    }
    table->selectionModel()->setCurrentIndex(window->tableModel()->index(12, 0), QItemSelectionModel::NoUpdate);
    // A filter that keeps all six (every one of them is an Inference record).
    window->session().filter().setText(QStringLiteral("#"));
    QVector<qint64> after = table->selectedRids();
    std::sort(after.begin(), after.end());
    std::sort(picked.begin(), picked.end());
    QCOMPARE(after, picked);
}

// An undo the store refuses (another process holds the write lock) is reported, and the
// stack no longer claims it was undone: it matches what the store holds.
void TestMainWindow::refusedUndoLeavesTheStack()
{
    MainWindow *window = open();
    const qint64 rid = window->detailDock()->record();
    const QString before = window->session().workspace().record(rid)->stage;
    const QString other = before == u"Inference" ? QStringLiteral("Fine-tuning") : QStringLiteral("Inference");
    QVERIFY(window->edits().relabel(rid, QString(), QString(), other, false));
    QCOMPARE(window->undoStack().count(), 1);

    auto blocker = Workspace::open(m_path, Workspace::OpenMode::OpenExisting);
    blocker->database().exec("BEGIN IMMEDIATE");
    // The error box is modal: answer it as it comes up.
    QTimer::singleShot(0, [] {
        QTRY_VERIFY(QApplication::activeModalWidget());
        QApplication::activeModalWidget()->close();
    });
    window->undoStack().undo(); // waits out the busy timeout, then fails
    blocker->database().exec("ROLLBACK");
    QCOMPARE(window->session().workspace().record(rid)->stage, other);
    QCOMPARE(window->undoStack().count(), 0);
    QVERIFY(!window->undoStack().canRedo());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
