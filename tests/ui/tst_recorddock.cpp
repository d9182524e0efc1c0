// The record dock and the filter chips as a facet click at a million records needs them: values
// drawn as plain labels until the user reaches for them, the other records of an issue found
// after the frame in a box that keeps its size, and chips that are reused and never widen the
// window. Offscreen, the real window on the real dataset; expected records come from the raw
// files.

#include "rawdataset.h"
#include "testsupport.h"
#include "windowsupport.h"

#include "activefilter.h"
#include "charts/chartpanel.h"
#include "docks/chartsdock.h"
#include "docks/detaildock.h"
#include "docks/facetdock.h"
#include "importer.h"
#include "mainwindow.h"
#include "recordindex.h"
#include "relatedrecordsmodel.h"
#include "widgets/filterchipbar.h"
#include "widgets/layoutsettler.h"
#include "widgets/placeholderlistview.h"
#include "widgets/valuelabel.h"
#include "workbenchsession.h"

#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QScrollArea>
#include <QSet>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QToolButton>
#include <QtTest>

using namespace Triage;
using namespace TestSupport;

class TestRecordDock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void valueLabelIsSelectableOnDemand();
    void relatedRecordsComeAfterTheFrame();
    void chipsAreReusedAndNeverWidenTheWindow();
    void aFilterClickLaysOutOnlyWhatItChanges();
    void layoutsAreSettledBeforeTheFrame();

private:
    qint64 ridOf(const QString &id) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QPointer<MainWindow> m_window;
    QVector<RawRecord> m_raw;
};

void TestRecordDock::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_raw = readRawRecords(datasetPath());
}

void TestRecordDock::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    const QString path = m_dir->filePath(QStringLiteral("w.llmtriage"));
    auto workspace = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
    QCOMPARE(Importer(*workspace).run({datasetPath()}).imported, 706);
    workspace.reset();
    m_window = openWindow(path);
    m_window->resize(1400, 900);
}

void TestRecordDock::cleanup()
{
    if (m_window)
        m_window->close();
    QTRY_VERIFY(m_window.isNull());
    m_dir.reset();
}

qint64 TestRecordDock::ridOf(const QString &id) const
{
    const RecordIndex &index = m_window->session().index();
    for (quint32 row = 0; row < quint32(index.size()); ++row) {
        if (index.id(row) == id)
            return index.rid(row);
    }
    return 0;
}

void TestRecordDock::valueLabelIsSelectableOnDemand()
{
    QWidget host;
    auto *label = new ValueLabel(&host);
    auto *other = new QLineEdit(&host);
    other->move(0, 60);
    label->resize(300, 40);
    host.show();
    QVERIFY(QTest::qWaitForWindowExposed(&host));

    label->setValue(QStringLiteral("Crash - CUDA Error - Out of Memory"));
    QVERIFY(!label->isSelectable()); // drawn as a plain label
    QCOMPARE(label->focusPolicy(), Qt::ClickFocus);
    // A double click selects a word, as in any selectable label.
    QTest::mouseDClick(label, Qt::LeftButton, {}, QPoint(12, label->height() / 2));
    QVERIFY(label->isSelectable());
    QVERIFY2(label->hasSelectedText(), qPrintable(label->selectedText()));
    QVERIFY(QStringLiteral("Crash - CUDA Error - Out of Memory").contains(label->selectedText()));

    // While the user is in it, another record's text keeps it selectable; once the focus is
    // elsewhere, the next text goes back to plain.
    label->setFocus();
    QTRY_VERIFY(label->hasFocus());
    label->setValue(QStringLiteral("Hang"));
    QVERIFY(label->isSelectable());
    other->setFocus();
    QTRY_VERIFY(other->hasFocus());
    label->setValue(QStringLiteral("<b>Loading Failure</b>"));
    QVERIFY(!label->isSelectable());
    QCOMPARE(label->text(), QStringLiteral("<b>Loading Failure</b>"));
    QCOMPARE(label->textFormat(), Qt::PlainText);
    // The context menu offers Copy: it needs the text selectable first.
    QContextMenuEvent menu(QContextMenuEvent::Mouse, QPoint(5, 5), label->mapToGlobal(QPoint(5, 5)));
    QTimer::singleShot(0, [] {
        if (QWidget *popup = QApplication::activePopupWidget())
            popup->close();
    });
    QCoreApplication::sendEvent(label, &menu);
    QVERIFY(label->isSelectable());
}

void TestRecordDock::relatedRecordsComeAfterTheFrame()
{
    // Records sharing a link, counted in the raw files.
    QHash<QString, QStringList> idsByLink;
    for (const RawRecord &r : std::as_const(m_raw))
        idsByLink[r.text(u"link")].append(r.id());
    QString shared;
    QString alone;
    for (auto it = idsByLink.cbegin(); it != idsByLink.cend(); ++it) {
        if (it.value().size() >= 2 && shared.isEmpty())
            shared = it.key();
        if (it.value().size() == 1 && alone.isEmpty())
            alone = it.key();
    }
    QVERIFY(!shared.isEmpty() && !alone.isEmpty());

    DetailDock *dock = m_window->detailDock();
    auto *list = dock->findChild<PlaceholderListView *>(QStringLiteral("relatedRecords"));
    QVERIFY(list);

    dock->setRecord(ridOf(idsByLink[shared].first()));
    QTRY_COMPARE(list->model()->rowCount(), int(idsByLink[shared].size()) - 1);
    QVERIFY(!list->isShowingPlaceholder());
    QSet<qint64> shown;
    for (int row = 0; row < list->model()->rowCount(); ++row)
        shown.insert(list->model()->index(row, 0).data(RelatedRecordsModel::RidRole).toLongLong());
    QSet<qint64> expected;
    for (const QString &id : idsByLink[shared].mid(1))
        expected.insert(ridOf(id));
    QCOMPARE(shown, expected);
    const QImage withRecords = list->viewport()->grab().toImage();
    const int heightWithRecords = list->height();

    // A record alone in its issue: the "none" note, written in the list, in the same room.
    dock->setRecord(ridOf(idsByLink[alone].first()));
    QTRY_COMPARE(list->model()->rowCount(), 0);
    QVERIFY(list->isShowingPlaceholder());
    QVERIFY(list->placeholderText().startsWith(QStringLiteral("None")));
    QCOMPARE(list->height(), heightWithRecords);
    // The note is drawn: the empty list's pixels are not those of a blank list.
    QListView blank;
    blank.resize(list->size());
    const QImage none = list->viewport()->grab().toImage();
    QVERIFY(none != withRecords);
    QVERIFY(none != blank.viewport()->grab().toImage().scaled(none.size()));

    // Right after the move the list is still the last record's (it follows after the frame),
    // and activating one of its entries does not jump to the last record's kin.
    dock->setRecord(ridOf(idsByLink[shared].first()));
    QTRY_COMPARE(list->model()->rowCount(), int(idsByLink[shared].size()) - 1);
    QSignalSpy requested(dock, &DetailDock::recordRequested);
    dock->setRecord(ridOf(idsByLink[alone].first()));
    QCOMPARE(list->model()->rowCount(), int(idsByLink[shared].size()) - 1);
    Q_EMIT list->activated(list->model()->index(0, 0));
    QCOMPARE(requested.count(), 0);
    QCOMPARE(list->model()->rowCount(), 0); // the activation brought the list up to date
    // Once up to date, an entry takes the user there.
    dock->setRecord(ridOf(idsByLink[shared].first()));
    QTRY_COMPARE(list->model()->rowCount(), int(idsByLink[shared].size()) - 1);
    Q_EMIT list->activated(list->model()->index(0, 0));
    QCOMPARE(requested.count(), 1);
    QVERIFY(expected.contains(requested.first().first().toLongLong()));
}

void TestRecordDock::chipsAreReusedAndNeverWidenTheWindow()
{
    ActiveFilter &filter = m_window->session().filter();
    QWidget *facets = m_window->facetDock();
    QWidget *record = m_window->detailDock();
    QTest::qWait(50);
    const int facetWidth = facets->width();
    const int recordWidth = record->width();

    filter.setValues({{Field::Series, 1, QStringLiteral("Qwen")}});
    QCoreApplication::processEvents();
    const QList<QToolButton *> before = m_window->chips()->findChildren<QToolButton *>(QStringLiteral("filterChip"));
    QCOMPARE(before.size(), 1);

    // A label as long as a file may hold: the chip is cut in the middle, its tooltip and the
    // chip's text (for tests and screen readers) keep it whole, and the docks keep their width.
    const QString longLabel = QStringLiteral("Crash - ") + QString(300, QLatin1Char('x')) + QStringLiteral(" - end");
    filter.setValues({{Field::Series, 1, QStringLiteral("Qwen")}, {Field::Symptom, 3, longLabel}});
    QTest::qWait(50);
    QCOMPARE(m_window->chips()->chipTexts(),
             (QStringList{QStringLiteral("Series: Qwen"), QStringLiteral("Symptom: ") + longLabel}));
    const QList<QToolButton *> after = m_window->chips()->findChildren<QToolButton *>(QStringLiteral("filterChip"));
    QCOMPARE(after.size(), 2);
    QVERIFY(after.contains(before.first())); // the first chip was kept, not made again
    QToolButton *longChip = after.first() == before.first() ? after.last() : after.first();
    QVERIFY2(longChip->text().size() < 120, qPrintable(longChip->text()));
    QVERIFY(longChip->text().contains(QChar(0x2026)));
    QVERIFY(longChip->toolTip().contains(longLabel));
    QCOMPARE(facets->width(), facetWidth);
    QCOMPARE(record->width(), recordWidth);

    // Where there is room, a label is shown whole.
    filter.setValues({{Field::Symptom, 2, QStringLiteral("Incorrect Functionality - Generation Quality Anomaly")},
                      {Field::Series, 1, QStringLiteral("Qwen")}});
    QTest::qWait(50);
    for (QToolButton *chip : m_window->chips()->findChildren<QToolButton *>(QStringLiteral("filterChip"))) {
        if (chip->isVisibleTo(m_window->chips()))
            QVERIFY2(!chip->text().contains(QChar(0x2026)), qPrintable(chip->text() + QStringLiteral(" in a bar of %1").arg(m_window->chips()->width())));
    }

    // Six filters in this bar: the chips that fit are whole, the rest are behind "+N", whose
    // menu removes them.
    const QVector<FacetValue> six = {
        {Field::Symptom, 2, QStringLiteral("Incorrect Functionality - Generation Quality Anomaly")},
        {Field::Cause, 1, QStringLiteral("Environment Compatibility Issues")},
        {Field::Series, 1, QStringLiteral("Qwen")},
        {Field::Stage, 1, QStringLiteral("Inference")},
        {Field::Status, 1, QStringLiteral("closed")},
        {Field::Architecture, 1, QStringLiteral("Dense")}};
    filter.setValues(six);
    QTest::qWait(50);
    auto *more = m_window->chips()->findChild<QToolButton *>(QStringLiteral("moreFilterChips"));
    QVERIFY(more);
    int shownChips = 0;
    for (QToolButton *chip : m_window->chips()->findChildren<QToolButton *>(QStringLiteral("filterChip"))) {
        if (!chip->isVisibleTo(m_window->chips()))
            continue;
        ++shownChips;
        QVERIFY2(chip->width() >= chip->sizeHint().width(), qPrintable(chip->text()));
        QVERIFY(chip->geometry().right() < more->geometry().left() || !more->isVisibleTo(m_window->chips()));
    }
    QVERIFY(shownChips >= 1);
    QVERIFY2(shownChips < 6, "six chips do not fit in a bar of 658 pixels");
    QVERIFY(more->isVisibleTo(m_window->chips()));
    QCOMPARE(more->text(), QStringLiteral("+%1").arg(6 - shownChips));
    QCOMPARE(more->menu()->actions().size(), 6 - shownChips);
    QVERIFY(more->menu()->actions().last()->text().contains(QStringLiteral("Architecture: Dense")));
    more->menu()->actions().last()->trigger();
    QCOMPARE(filter.values().size(), 5);
    QVERIFY(!filter.values().contains(six.last()));
    QCOMPARE(m_window->chips()->chipTexts().size(), 5);

    // In a narrow window the bar keeps the room for "Clear all" (and with it the table's
    // column keeps its width).
    const QSize size = m_window->size();
    m_window->resize(760, 700);
    QTest::qWait(50);
    auto *clear = m_window->chips()->findChild<QToolButton *>(QStringLiteral("clearFilters"));
    QVERIFY2(clear->width() >= clear->sizeHint().width(), qPrintable(QString::number(clear->width())));
    m_window->resize(size);
    QTest::qWait(50);

    // Fewer filters hide the chips left over; the one left removes its own filter.
    filter.setValues({{Field::Symptom, 3, longLabel}});
    QCoreApplication::processEvents();
    int visible = 0;
    QToolButton *shownChip = nullptr;
    for (QToolButton *chip : m_window->chips()->findChildren<QToolButton *>(QStringLiteral("filterChip"))) {
        if (chip->isVisibleTo(m_window->chips())) {
            ++visible;
            shownChip = chip;
        }
    }
    QCOMPARE(visible, 1);
    QTest::mouseClick(shownChip, Qt::LeftButton);
    QVERIFY(filter.isEmpty());
    QVERIFY(m_window->chips()->chipTexts().isEmpty());
}

namespace {

// Counts the layout requests a widget receives: each one it gets lays it out again, and the
// main window's lays out every dock.
class LayoutRequestCounter : public QObject
{
public:
    explicit LayoutRequestCounter(QObject *watched) { watched->installEventFilter(this); }
    int count = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        count += event->type() == QEvent::LayoutRequest;
        return false;
    }
};

} // namespace

// New chips, a new count in the status bar, a chart's new caption and filter line: each lays
// out its own widget, not the window (which would move every dock) nor the Charts tabs (which
// repaint themselves whole on a layout request).
void TestRecordDock::aFilterClickLaysOutOnlyWhatItChanges()
{
    auto *tabs = m_window->chartsDock()->findChild<QTabWidget *>(QStringLiteral("chartTabs"));
    QVERIFY(tabs);
    auto *panel = qobject_cast<ChartPanel *>(tabs->currentWidget());
    QVERIFY(panel);
    QTest::qWait(100); // the window's first layouts
    LayoutRequestCounter window(m_window);
    LayoutRequestCounter charts(tabs);
    const QVector<QVector<FacetValue>> clicks = {
        {{Field::Series, 1, QStringLiteral("Qwen")}},
        {{Field::Series, 1, QStringLiteral("Qwen")}, {Field::Stage, 1, QStringLiteral("Fine-tuning")}},
        {{Field::Symptom, 1, QStringLiteral("Crash")}},
        {},
    };
    for (const QVector<FacetValue> &values : clicks) {
        QSignalSpy refreshed(panel, &ChartPanel::refreshed);
        const QString captionBefore = panel->caption();
        m_window->session().filter().setValues(values);
        QVERIFY(refreshed.wait(2000));
        QTest::qWait(30);
        QVERIFY(panel->caption() != captionBefore); // the chart did change its text
    }
    QCOMPARE(window.count, 0);
    QCOMPARE(charts.count, 0);
}

// A label three layouts deep gets a longer text: the first frame painted after it shows the
// containers already at their new size.
void TestRecordDock::layoutsAreSettledBeforeTheFrame()
{
    QWidget window;
    auto *outer = new QVBoxLayout(&window);
    auto *middle = new QWidget(&window);
    outer->addWidget(middle);
    outer->addStretch(1);
    auto *middleLayout = new QVBoxLayout(middle);
    auto *inner = new QWidget(middle);
    middleLayout->addWidget(inner);
    auto *innerLayout = new QVBoxLayout(inner);
    auto *label = new QLabel(QStringLiteral("one line"), inner);
    label->setWordWrap(true);
    innerLayout->addWidget(label);
    window.resize(200, 400);
    LayoutSettler::install(&window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::qWait(50);
    const int before = middle->height();

    // What the first paint after the change sees.
    struct PaintWatch : QObject
    {
        QWidget *middle = nullptr;
        int heightAtFirstPaint = -1;
        bool eventFilter(QObject *, QEvent *event) override
        {
            if (event->type() == QEvent::Paint && heightAtFirstPaint < 0)
                heightAtFirstPaint = middle->height();
            return false;
        }
    } watch;
    watch.middle = middle;
    label->installEventFilter(&watch);
    label->setText(QStringLiteral("a text long enough to wrap onto several lines in a narrow window, "
                                  "and then some more words to be sure of it"));
    QTRY_VERIFY(watch.heightAtFirstPaint >= 0);
    QVERIFY2(middle->height() > before, "the text did not make the containers taller");
    QCOMPARE(watch.heightAtFirstPaint, middle->height());
}

QTEST_MAIN(TestRecordDock)
#include "tst_recorddock.moc"
