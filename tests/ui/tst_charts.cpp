// The Charts area, the findings board and presentation mode, driven through the real window
// offscreen: a click in a chart filters the table, the facets redraw the charts, a relabel moves
// one record between bars, a relabel can flip a finding and undo flips it back, exports are real
// files. Expected numbers come from the raw files (tests/support/rawdataset.h).

#include "exportchecks.h"
#include "rawdataset.h"
#include "testsupport.h"

#include "activefilter.h"
#include "annotatoridentity.h"
#include "charts/barchartview.h"
#include "charts/chartexporter.h"
#include "charts/divergencechart.h"
#include "charts/drilldownchart.h"
#include "charts/escalationchart.h"
#include "charts/evolutionchart.h"
#include "charts/heatmapview.h"
#include "charts/homogeneitychart.h"
#include "charts/taxonomychart.h"
#include "charts/treemapview.h"
#include "docks/chartsdock.h"
#include "docks/facetdock.h"
#include "editcontroller.h"
#include "facetmodel.h"
#include "findings/findingcard.h"
#include "findings/findingsboard.h"
#include "importer.h"
#include "mainwindow.h"
#include "presentationwindow.h"
#include "recordtablemodel.h"
#include "recordtableview.h"
#include "widgets/filterchipbar.h"
#include "workbenchactions.h"
#include "workbenchsession.h"
#include "workspace.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QHorizontalBarSeries>
#include <QItemSelectionModel>
#include <QTabWidget>
#include <QToolButton>
#include <QUndoStack>
#include <QImage>
#include <QLabel>
#include <QtTest>

using namespace Triage;
using namespace TestSupport;

class TestCharts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void everyChartIsATab();
    void barClickFiltersAndDrillsDown();
    void mouseOnABarFilters();
    void heatMapCellClickFilters();
    void clickUnderAFinerFilterKeepsIt();
    void drillDownFollowsTheFilter();
    void treemapTileClickFilters();
    void facetsRedrawEveryChart();
    void selectionIsHighlighted();
    void relabelMovesOneUnit();
    void relabelFlipsAFindingAndUndoRestores();
    void exportWritesRealFiles_data();
    void exportWritesRealFiles();
    void presentationSteps();
    void darkPaletteStaysReadable();
    void htmlInLabelsShowsAsWritten();

private:
    MainWindow *open(const QString &path);
    qint64 rawCount(const std::function<bool(const RawRecord &)> &keep) const;
    template<typename Chart>
    Chart *chart(const QString &name);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QPointer<MainWindow> m_window;
    QVector<RawRecord> m_raw;
};

void TestCharts::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_raw = readRawRecords(datasetPath());
    QCOMPARE(m_raw.size(), 706);
}

void TestCharts::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("w.llmtriage"));
    auto workspace = Workspace::open(m_path, Workspace::OpenMode::CreateIfMissing);
    QCOMPARE(Importer(*workspace).run({datasetPath()}).imported, 706);
}

void TestCharts::cleanup()
{
    if (m_window)
        m_window->close();
    QTRY_VERIFY(m_window.isNull());
    m_dir.reset();
}

MainWindow *TestCharts::open(const QString &path)
{
    m_window = new MainWindow(Workspace::open(path, Workspace::OpenMode::OpenExisting));
    m_window->annotator().setName(QStringLiteral("tester"));
    m_window->resize(1400, 900);
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window))
        qWarning("window not exposed");
    return m_window;
}

qint64 TestCharts::rawCount(const std::function<bool(const RawRecord &)> &keep) const
{
    return std::count_if(m_raw.begin(), m_raw.end(), keep);
}

// A chart of the window's Charts area, brought to the front and drawn.
template<typename Chart>
Chart *TestCharts::chart(const QString &name)
{
    m_window->chartsDock()->showChart(name);
    auto *panel = qobject_cast<Chart *>(m_window->chartsDock()->chart(name));
    if (panel)
        panel->refreshNow();
    return panel;
}

namespace {

int groupOf(const BarChartData &data, const QString &label)
{
    for (int g = 0; g < int(data.groups.size()); ++g) {
        if (data.groups[g].label == label)
            return g;
    }
    return -1;
}

qint64 countOf(const BarChartData &data, const QString &label, int set = 0)
{
    const int g = groupOf(data, label);
    return g < 0 ? 0 : data.groups[g].counts.value(set);
}

QString symptomOf(const RawRecord &r, int level)
{
    return rawCut(r.text(u"SYMPTOM"), level);
}

} // namespace

void TestCharts::everyChartIsATab()
{
    MainWindow *window = open(m_path);
    const QStringList names{QStringLiteral("symptoms"), QStringLiteral("causes"), QStringLiteral("taxonomy"),
                            QStringLiteral("divergence"), QStringLiteral("homogeneity"),
                            QStringLiteral("escalation"), QStringLiteral("evolution")};
    QCOMPARE(window->chartsDock()->tabs()->count(), int(names.size()));
    for (const QString &name : names) {
        ChartPanel *panel = window->chartsDock()->chart(name);
        QVERIFY2(panel, qPrintable(name));
        QVERIFY(!panel->title().isEmpty());
        window->chartsDock()->showChart(name);
        QCOMPARE(window->chartsDock()->currentChartName(), name);
    }
}

void TestCharts::barClickFiltersAndDrillsDown()
{
    MainWindow *window = open(m_path);
    auto *symptoms = chart<DrillDownChart>(QStringLiteral("symptoms"));
    QVERIFY(symptoms);
    const int crash = groupOf(symptoms->bars()->data(), QStringLiteral("Crash"));
    QVERIFY(crash >= 0);
    const qint64 crashes = rawCount([](const RawRecord &r) { return symptomOf(r, 1) == u"Crash"; });
    QCOMPARE(countOf(symptoms->bars()->data(), QStringLiteral("Crash")), crashes);

    symptoms->bars()->activateBar(0, crash);
    QCOMPARE(window->tableModel()->rowCount(), int(crashes));
    QCOMPARE(window->chips()->chipTexts(), QStringList{QStringLiteral("Symptom: Crash")});
    // The chart went one level down, to Crash's subcategories.
    QCOMPARE(symptoms->level(), 2);
    QCOMPARE(symptoms->parentPath(), QStringLiteral("Crash"));
    symptoms->refreshNow();
    const QString cuda = QStringLiteral("Crash - CUDA Error");
    const qint64 cudaErrors = rawCount([&](const RawRecord &r) { return symptomOf(r, 2) == cuda; });
    QCOMPARE(countOf(symptoms->bars()->data(), cuda), cudaErrors);

    // A click a level down replaces the symptom value: the filter is exactly that bar.
    symptoms->bars()->activateBar(0, groupOf(symptoms->bars()->data(), cuda));
    QCOMPARE(window->tableModel()->rowCount(), int(cudaErrors));
    QCOMPARE(window->chips()->chipTexts().size(), 1);

    // Back up through the breadcrumb: the filter stays, the chart shows the categories.
    symptoms->drillTo(QString());
    symptoms->refreshNow();
    QCOMPARE(symptoms->level(), 1);
    QCOMPARE(countOf(symptoms->bars()->data(), QStringLiteral("Crash")), cudaErrors);
}

// A real mouse click on the bar: the position comes from the chart's own mapping of a value.
void TestCharts::mouseOnABarFilters()
{
    MainWindow *window = open(m_path);
    auto *causes = chart<DrillDownChart>(QStringLiteral("causes"));
    QVERIFY(causes);
    BarChartView *view = causes->bars();
    QTRY_VERIFY(view->isVisible() && view->width() > 100);
    const BarChartData data = view->data();
    const QString environment = QStringLiteral("Environment Compatibility Issues");
    const int group = groupOf(data, environment);
    QVERIFY(group >= 0);
    // Categories stand bottom-up on the axis: the first group is at the top.
    const int axisIndex = int(data.groups.size()) - 1 - group;
    auto *series = qobject_cast<QHorizontalBarSeries *>(view->chart()->series().constFirst());
    QVERIFY(series);
    // At 706 records the bars grow in with an animation; a click before it ends meets no bar.
    QTest::qWait(view->chart()->animationDuration() + 200);
    const QPointF scenePoint = view->chart()->mapToPosition(QPointF(view->barValue(0, group) / 2, axisIndex), series);
    const QPoint point = view->mapFromScene(view->chart()->mapToScene(scenePoint));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, point);
    const qint64 want = rawCount([&](const RawRecord &r) { return rawCut(r.text(u"ROOT CAUSE"), 1) == environment; });
    QTRY_COMPARE(window->tableModel()->rowCount(), int(want));
}

void TestCharts::heatMapCellClickFilters()
{
    MainWindow *window = open(m_path);
    auto *divergence = chart<DivergenceChart>(QStringLiteral("divergence"));
    QVERIFY(divergence);
    HeatMapView *map = divergence->heatMap();
    QTRY_VERIFY(map->isVisible() && map->width() > 100);
    const HeatMapData data = map->data();
    const int row = int(data.rows.indexOf(QStringLiteral("Incorrect Functionality")));
    const int column = int(data.columns.indexOf(QStringLiteral("Tokenizer and Text Processing Issues")));
    QVERIFY(row >= 0 && column >= 0);
    const qint64 want = rawCount([](const RawRecord &r) {
        return symptomOf(r, 1) == u"Incorrect Functionality"
            && rawCut(r.text(u"ROOT CAUSE"), 1) == u"Tokenizer and Text Processing Issues";
    });
    QVERIFY(want > 0);
    QCOMPARE(qint64(data.values[size_t(row)][size_t(column)]), want);
    const QRect cell = map->cellRect(row, column);
    QCOMPARE(map->cellAt(cell.center()), QPoint(column, row));
    QTest::mouseClick(map, Qt::LeftButton, {}, cell.center());
    QCOMPARE(window->tableModel()->rowCount(), int(want));
    QCOMPARE(window->chips()->chipTexts().size(), 2);

    // The Pearson matrices are not records: a click there changes nothing.
    auto *homogeneity = chart<HomogeneityChart>(QStringLiteral("homogeneity"));
    HeatMapView *matrix = homogeneity->causeMatrix();
    QTRY_VERIFY(matrix->isVisible() && matrix->width() > 50);
    QTest::mouseClick(matrix, Qt::LeftButton, {}, matrix->cellRect(0, 1).center());
    QCOMPARE(window->tableModel()->rowCount(), int(want));
}

// A bar or cell counts the records under the filter; a click must give exactly those, even when
// the filter holds a finer value of the clicked field than the bar's own.
void TestCharts::clickUnderAFinerFilterKeepsIt()
{
    MainWindow *window = open(m_path);
    FacetModel *symptoms = window->facetDock()->model(Field::Symptom);
    const QString cuda = QStringLiteral("Crash - CUDA Error");
    QVERIFY(symptoms->setData(symptoms->indexOf({Field::Symptom, 2, cuda}), Qt::Checked, Qt::CheckStateRole));
    const QString environment = QStringLiteral("Environment Compatibility Issues");
    const qint64 want = rawCount([&](const RawRecord &r) {
        return symptomOf(r, 2) == cuda && rawCut(r.text(u"ROOT CAUSE"), 1) == environment;
    });
    QVERIFY(want > 0);

    auto *divergence = chart<DivergenceChart>(QStringLiteral("divergence"));
    const HeatMapData data = divergence->heatMap()->data();
    const int row = int(data.rows.indexOf(QStringLiteral("Crash")));
    const int column = int(data.columns.indexOf(environment));
    QCOMPARE(qint64(data.values[size_t(row)][size_t(column)]), want);
    QTest::mouseClick(divergence->heatMap(), Qt::LeftButton, {}, divergence->heatMap()->cellRect(row, column).center());
    QCOMPARE(window->tableModel()->rowCount(), int(want));
    QCOMPARE(window->session().filter().values(Field::Symptom),
             QVector<FacetValue>{FacetValue({Field::Symptom, 2, cuda})});

    // A finer click replaces a coarser pick: the subcategory bar under a category filter.
    window->session().filter().clear();
    auto *causes = chart<DrillDownChart>(QStringLiteral("causes"));
    causes->bars()->activateBar(0, groupOf(causes->bars()->data(), environment));
    causes->refreshNow();
    const QString library = environment + QStringLiteral(" - Dependency Library Compatibility");
    causes->bars()->activateBar(0, groupOf(causes->bars()->data(), library));
    QCOMPARE(window->tableModel()->rowCount(),
             int(rawCount([&](const RawRecord &r) { return r.text(u"ROOT CAUSE") == library; })));
}

// The drill-down level follows the filter: a label with no level below filters without opening
// an empty level; Clear All and the breadcrumb's own buttons take the chart back up.
void TestCharts::drillDownFollowsTheFilter()
{
    MainWindow *window = open(m_path);
    auto *symptoms = chart<DrillDownChart>(QStringLiteral("symptoms"));
    symptoms->bars()->activateBar(0, groupOf(symptoms->bars()->data(), QStringLiteral("Crash")));
    QCOMPARE(symptoms->level(), 2);
    symptoms->refreshNow();
    const QString killed = QStringLiteral("Crash - Process Killed"); // two levels only
    const int group = groupOf(symptoms->bars()->data(), killed);
    QVERIFY(group >= 0);
    symptoms->bars()->activateBar(0, group);
    QCOMPARE(window->tableModel()->rowCount(), int(rawCount([&](const RawRecord &r) {
                 return r.text(u"SYMPTOM") == killed;
             })));
    QCOMPARE(symptoms->level(), 2); // stayed on Crash's subcategories
    QCOMPARE(symptoms->parentPath(), QStringLiteral("Crash"));

    // Clear All: nothing keeps the chart inside Crash any more.
    window->session().filter().clear();
    QTRY_COMPARE(symptoms->level(), 1);
    QCOMPARE(symptoms->bars()->data().total, qint64(706));

    // Down again, then back through the breadcrumb's real button: the filter widens with it.
    symptoms->bars()->activateBar(0, groupOf(symptoms->bars()->data(), QStringLiteral("Crash")));
    symptoms->refreshNow();
    symptoms->bars()->activateBar(0, groupOf(symptoms->bars()->data(), QStringLiteral("Crash - CUDA Error")));
    QCOMPARE(symptoms->level(), 3);
    QToolButton *crashStep = nullptr;
    QToolButton *allStep = nullptr;
    QTRY_VERIFY([&] {
        for (QToolButton *b : symptoms->findChildren<QToolButton *>(QStringLiteral("breadcrumb"))) {
            if (b->text() == u"Crash")
                crashStep = b;
            if (b->text() == u"All symptoms")
                allStep = b;
        }
        return crashStep && allStep;
    }());
    crashStep->click();
    QCOMPARE(window->chips()->chipTexts(), QStringList{QStringLiteral("Symptom: Crash")});
    QCOMPARE(symptoms->level(), 2);
    QTRY_VERIFY([&] {
        allStep = nullptr;
        for (QToolButton *b : symptoms->findChildren<QToolButton *>(QStringLiteral("breadcrumb"))) {
            if (b->text() == u"All symptoms" && b->isEnabled())
                allStep = b;
        }
        return allStep != nullptr;
    }());
    allStep->click();
    QVERIFY(window->chips()->chipTexts().isEmpty());
    QCOMPARE(symptoms->level(), 1);
    QCOMPARE(window->tableModel()->rowCount(), 706);
}

void TestCharts::treemapTileClickFilters()
{
    MainWindow *window = open(m_path);
    auto *taxonomy = chart<TaxonomyChart>(QStringLiteral("taxonomy"));
    QVERIFY(taxonomy);
    TreemapView *map = taxonomy->causes();
    QTRY_VERIFY(map->isVisible() && map->width() > 100);
    const FacetValue tile{Field::Cause, 2,
                          QStringLiteral("Environment Compatibility Issues - Dependency Library Compatibility")};
    const QRect rect = map->tileRect(tile);
    QVERIFY(rect.isValid());
    QCOMPARE(map->valueAt(rect.center()).value, tile.value);
    QTest::mouseClick(map, Qt::LeftButton, {}, rect.center());
    const qint64 want = rawCount([&](const RawRecord &r) { return rawCut(r.text(u"ROOT CAUSE"), 2) == tile.value; });
    QCOMPARE(window->tableModel()->rowCount(), int(want));
}

void TestCharts::facetsRedrawEveryChart()
{
    MainWindow *window = open(m_path);
    FacetModel *series = window->facetDock()->model(Field::Series);
    series->setData(series->indexOf({Field::Series, 1, QStringLiteral("Llama")}), Qt::Checked, Qt::CheckStateRole);
    auto isLlama = [](const RawRecord &r) { return rawSeriesOfLink(r.text(u"link")) == u"Llama"; };
    const qint64 llama = rawCount(isLlama);
    QCOMPARE(window->tableModel()->rowCount(), int(llama));

    auto *symptoms = chart<DrillDownChart>(QStringLiteral("symptoms"));
    QCOMPARE(symptoms->bars()->data().total, llama);
    // The filter is written on the chart too, for pictures and slides that leave the window.
    auto *scope = symptoms->findChild<QLabel *>(QStringLiteral("chartScope"));
    QVERIFY(scope && scope->isVisible());
    QCOMPARE(scope->text(), QStringLiteral("Filter: Series: Llama \u2014 %1 of 706 records").arg(llama));
    const qint64 llamaCrashes = rawCount([&](const RawRecord &r) { return isLlama(r) && symptomOf(r, 1) == u"Crash"; });
    QCOMPARE(countOf(symptoms->bars()->data(), QStringLiteral("Crash")), llamaCrashes);

    auto *divergence = chart<DivergenceChart>(QStringLiteral("divergence"));
    double cells = 0;
    for (int r = 0; r < int(divergence->heatMap()->data().rows.size()); ++r)
        cells += divergence->heatMap()->data().rowTotal(r);
    QCOMPARE(qint64(cells), llama);

    auto *escalation = chart<EscalationChart>(QStringLiteral("escalation"));
    const BarChartData stages = escalation->causeBars()->data();
    QCOMPARE(stages.setTotals[0] + stages.setTotals[1], llama);
    QCOMPARE(stages.setTotals[0], rawCount([&](const RawRecord &r) { return isLlama(r) && r.text(u"STAGE") == u"Fine-tuning"; }));

    auto *homogeneity = chart<HomogeneityChart>(QStringLiteral("homogeneity"));
    QCOMPARE(homogeneity->causeBars()->data().sets, QStringList{QStringLiteral("Llama")});

    auto *evolution = chart<EvolutionChart>(QStringLiteral("evolution"));
    const BarChartData llamaPair = evolution->pairBars().value(1)->data();
    QCOMPARE(llamaPair.sets, QStringList({QStringLiteral("llama"), QStringLiteral("llama3")}));
    QCOMPARE(llamaPair.setTotals[1], rawCount([](const RawRecord &r) { return r.text(u"model") == u"llama3"; }));
    QCOMPARE(evolution->pairBars().value(0)->data().setTotals, QVector<qint64>({0, 0})); // no Qwen under the filter

    // Unchecking redraws the chart in front without a call from the test; a chart behind another
    // tab redraws when its tab is shown (hidden charts skip the work).
    series->setData(series->indexOf({Field::Series, 1, QStringLiteral("Llama")}), Qt::Unchecked, Qt::CheckStateRole);
    QTRY_COMPARE(evolution->pairBars().value(0)->data().setTotals[0] > 0, true);
    QCOMPARE(symptoms->bars()->data().total, llama); // still behind its tab
    window->chartsDock()->showChart(QStringLiteral("symptoms"));
    QTRY_COMPARE(symptoms->bars()->data().total, qint64(706));
}

void TestCharts::selectionIsHighlighted()
{
    MainWindow *window = open(m_path);
    auto *symptoms = chart<DrillDownChart>(QStringLiteral("symptoms"));
    RecordTableView *table = window->table();
    // Select three rows; count by their symptom categories from the raw records.
    QItemSelection selection;
    std::map<QString, qint64> want;
    for (int row : {0, 5, 9}) {
        selection.select(window->tableModel()->index(row, 0), window->tableModel()->index(row, 0));
        const QString id = window->session().index().id(window->tableModel()->indexRowAt(row));
        const auto raw = std::find_if(m_raw.begin(), m_raw.end(), [&](const RawRecord &r) { return r.id() == id; });
        QVERIFY(raw != m_raw.end());
        ++want[symptomOf(*raw, 1)];
    }
    table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    symptoms->refreshNow();
    const BarChartData data = symptoms->bars()->data();
    const QVector<qint64> highlight = symptoms->bars()->highlight();
    QCOMPARE(highlight.size(), data.groups.size());
    for (int g = 0; g < int(data.groups.size()); ++g) {
        const auto it = want.find(data.groups[g].label);
        QCOMPARE(highlight[g], it == want.end() ? 0 : it->second);
    }
    auto *divergence = chart<DivergenceChart>(QStringLiteral("divergence"));
    qint64 marked = 0;
    for (const auto &row : divergence->heatMap()->highlight()) {
        for (qint64 n : row)
            marked += n;
    }
    QCOMPARE(marked, qint64(3));

    table->selectionModel()->clearSelection();
    symptoms->refreshNow();
    QVERIFY(symptoms->bars()->highlight().isEmpty());
}

void TestCharts::relabelMovesOneUnit()
{
    MainWindow *window = open(m_path);
    auto *symptoms = chart<DrillDownChart>(QStringLiteral("symptoms"));
    const BarChartData before = symptoms->bars()->data();
    // A crash becomes a hang.
    const auto crash = std::find_if(m_raw.begin(), m_raw.end(), [](const RawRecord &r) { return symptomOf(r, 1) == u"Crash"; });
    QVERIFY(crash != m_raw.end());
    const qint64 rid = *window->session().workspace().ridOf(crash->id());
    const QString hang = QStringLiteral("Hang - Generation Process Stuck");
    QVERIFY(window->session().index().isInUse(Field::Symptom, hang));
    QVERIFY(window->edits().relabel(rid, hang, crash->text(u"ROOT CAUSE"), crash->text(u"STAGE"), false));
    // Redrawn by the chart itself on the next turn of the event loop.
    QTRY_COMPARE(countOf(symptoms->bars()->data(), QStringLiteral("Crash")), countOf(before, QStringLiteral("Crash")) - 1);
    const BarChartData after = symptoms->bars()->data();
    QCOMPARE(countOf(after, QStringLiteral("Hang")), countOf(before, QStringLiteral("Hang")) + 1);
    for (const BarGroup &group : before.groups) {
        if (group.label != u"Crash" && group.label != u"Hang")
            QCOMPARE(countOf(after, group.label), group.counts[0]);
    }
    QCOMPARE(after.total, before.total);

    window->undoStack().undo();
    QTRY_COMPARE(countOf(symptoms->bars()->data(), QStringLiteral("Crash")), countOf(before, QStringLiteral("Crash")));
    QCOMPARE(countOf(symptoms->bars()->data(), QStringLiteral("Hang")), countOf(before, QStringLiteral("Hang")));
}

void TestCharts::relabelFlipsAFindingAndUndoRestores()
{
    const QString path = m_dir->filePath(QStringLiteral("flip.llmtriage"));
    {
        auto workspace = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
        const QString file = writeFile(*m_dir, QStringLiteral("Test/TestModel.json"), escalationRecords());
        QCOMPARE(Importer(*workspace).run({file}).imported, 51);
    }
    MainWindow *window = open(path);
    m_window->showPanel(QStringLiteral("findings"));
    FindingCard *card = window->findingsBoard()->card(FindingsTracker::Escalation);
    QVERIFY(card->verdictText().contains(QStringLiteral("Holds")));
    QVERIFY(card->flipText().isEmpty());

    // A teacher presenting: the slide's card follows the board.
    QPointer<QWidget> presentation = window->startPresentation(QStringLiteral("escalation"));
    FindingCard *slideCard = nullptr;
    for (FindingCard *c : presentation->findChildren<FindingCard *>()) {
        if (c->which() == FindingsTracker::Escalation)
            slideCard = c;
    }
    QVERIFY(slideCard);
    QVERIFY(slideCard->verdictText().contains(QStringLiteral("Holds")));

    const qint64 rid = *window->session().workspace().ridOf(QStringLiteral("TestModel#1"));
    const QString environment = QStringLiteral("Environment Compatibility Issues - Dependency Library Compatibility");
    QVERIFY(window->edits().relabel(rid, QStringLiteral("Crash - CUDA Error - Out of Memory"), environment,
                                    QStringLiteral("Fine-tuning"), false));
    QTRY_VERIFY(card->verdictText().contains(QStringLiteral("Does not hold")));
    QVERIFY2(card->flipText().contains(QStringLiteral("TestModel#1")), qPrintable(card->flipText()));
    QVERIFY2(card->flipText().startsWith(QStringLiteral("No longer holds")), qPrintable(card->flipText()));
    QVERIFY(slideCard->verdictText().contains(QStringLiteral("Does not hold")));
    QCOMPARE(slideCard->flipText(), card->flipText());
    // The escalation chart tells the same story: fine-tuning's top cause is now the environment.
    auto *escalation = chart<EscalationChart>(QStringLiteral("escalation"));
    QVERIFY2(escalation->topCausesText().contains(QStringLiteral("Top causes in Fine-tuning: Environment")),
             qPrintable(escalation->topCausesText()));

    window->undoStack().undo();
    QTRY_VERIFY(card->verdictText().contains(QStringLiteral("Holds")));
    QVERIFY(!card->verdictText().contains(QStringLiteral("not")));
    QVERIFY2(card->flipText().startsWith(QStringLiteral("Holds again")), qPrintable(card->flipText()));
    QVERIFY(!slideCard->verdictText().contains(QStringLiteral("not")));
    QCOMPARE(slideCard->flipText(), card->flipText());
    presentation->close();
}

void TestCharts::exportWritesRealFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("suffix");
    for (const char *name : {"symptoms", "divergence", "homogeneity", "taxonomy"}) {
        for (const char *suffix : {"png", "svg", "pdf"})
            QTest::addRow("%s.%s", name, suffix) << QString::fromLatin1(name) << QString::fromLatin1(suffix);
    }
}

void TestCharts::exportWritesRealFiles()
{
    QFETCH(QString, name);
    QFETCH(QString, suffix);
    open(m_path);
    ChartPanel *panel = m_window->chartsDock()->chart(name);
    QVERIFY(panel);
    const QString file = m_dir->filePath(name + QLatin1Char('.') + suffix);
    ChartExporter::Format format;
    QVERIFY(ChartExporter::formatFor(file, &format));
    QString error;
    const QSize size(1000, 640);
    const QSize before = panel->size();
    QVERIFY2(ChartExporter::write(panel, file, format, size, &error), qPrintable(error));
    const QString problem = exportProblem(file, size);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    if (suffix == u"svg") // the chart's words are text in the SVG, not paths
        QVERIFY(readBytes(file).contains("<text"));
    QCOMPARE(panel->size(), before); // the panel in the window is as it was
}

void TestCharts::presentationSteps()
{
    MainWindow *window = open(m_path);
    window->chartsDock()->showChart(QStringLiteral("homogeneity"));
    // F11 from the window starts at the finding on screen.
    QAction *action = window->actions().action(QStringLiteral("presentation"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::Key_F11));
    action->trigger();
    QPointer<PresentationWindow> presentation = window->findChild<PresentationWindow *>();
    QVERIFY(presentation);
    QTRY_VERIFY(presentation->isVisible());
    QCOMPARE(presentation->slideCount(), 4);
    QCOMPARE(presentation->currentSlide(), 2);
    QCOMPARE(presentation->slideTitle(2), FindingsTracker::name(FindingsTracker::Homogeneity));
    // The findings board has no slide of its own: it stands for the first finding's.
    QCOMPARE(presentation->slideOf(QStringLiteral("findings")), presentation->slideOf(QStringLiteral("divergence")));
    QCOMPARE(presentation->slideOf(QStringLiteral("symptoms")), -1);
    // Keys go where a keyboard's go: to the window's focus. A click on a chart of the slide
    // must not take the arrows for itself.
    QTRY_VERIFY(presentation->isActiveWindow());
    QWidget *bars = presentation->findChild<BarChartView *>();
    QVERIFY(bars);
    QTest::mouseClick(bars->focusProxy() ? bars->focusProxy() : bars, Qt::LeftButton, {}, QPoint(5, 5));
    QWindow *keyboard = presentation->windowHandle();
    QVERIFY(keyboard);
    QTest::keyClick(keyboard, Qt::Key_Home);
    QCOMPARE(presentation->currentSlide(), 0);
    QTest::keyClick(keyboard, Qt::Key_Left); // stays at the first
    QCOMPARE(presentation->currentSlide(), 0);
    QTest::keyClick(keyboard, Qt::Key_Right);
    QCOMPARE(presentation->currentSlide(), 1);
    QTest::keyClick(keyboard, Qt::Key_Space);
    QCOMPARE(presentation->currentSlide(), 2);
    QTest::keyClick(keyboard, Qt::Key_End);
    QCOMPARE(presentation->currentSlide(), 3);
    QCOMPARE(presentation->slideTitle(3), FindingsTracker::name(FindingsTracker::Escalation));
    QTest::keyClick(keyboard, Qt::Key_PageUp);
    QCOMPARE(presentation->currentSlide(), 2);
    QTest::keyClick(keyboard, Qt::Key_Escape);
    QTRY_VERIFY(presentation.isNull()); // closed and deleted
}

namespace {

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2B2B2B));
    p.setColor(QPalette::WindowText, QColor(0xE6E6E6));
    p.setColor(QPalette::Base, QColor(0x1E1E1E));
    p.setColor(QPalette::AlternateBase, QColor(0x262626));
    p.setColor(QPalette::Text, QColor(0xE6E6E6));
    p.setColor(QPalette::Button, QColor(0x333333));
    p.setColor(QPalette::ButtonText, QColor(0xE6E6E6));
    p.setColor(QPalette::Mid, QColor(0x555555));
    return p;
}

} // namespace

// A desktop in a dark theme, switched while the window is open: the charts' backgrounds turn
// dark and their words light; bars keep their palette colour.
void TestCharts::darkPaletteStaysReadable()
{
    open(m_path);
    const QPalette light = QApplication::palette();
    QApplication::setPalette(darkPalette());
    auto restore = qScopeGuard([&] { QApplication::setPalette(light); });
    for (const QString &name : {QStringLiteral("symptoms"), QStringLiteral("divergence")}) {
        ChartPanel *panel = m_window->chartsDock()->chart(name);
        const QString file = m_dir->filePath(name + QStringLiteral("-dark.png"));
        ChartExporter::Format format;
        QVERIFY(ChartExporter::formatFor(file, &format));
        QString error;
        QVERIFY2(ChartExporter::write(panel, file, format, QSize(1000, 640), &error), qPrintable(error));
        const QImage image(file);
        qint64 dark = 0, lightText = 0, blue = 0, samples = 0;
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2) {
                const QColor c = image.pixelColor(x, y);
                ++samples;
                if (c.lightnessF() < 0.25)
                    ++dark;
                else if (c.lightnessF() > 0.75 && c.saturationF() < 0.15)
                    ++lightText;
                if (c.rgb() == QColor(0x0072B2).rgb())
                    ++blue;
            }
        }
        QVERIFY2(dark > samples / 3, qPrintable(QStringLiteral("%1: %2 of %3 dark").arg(name).arg(dark).arg(samples)));
        QVERIFY2(lightText > 200, qPrintable(QStringLiteral("%1: %2 light text samples").arg(name).arg(lightText)));
        if (name == u"symptoms")
            QVERIFY2(blue > 500, qPrintable(QStringLiteral("%1: %2 bar samples").arg(name).arg(blue)));
        if (!qEnvironmentVariableIsEmpty("LLMTRIAGE_KEEP_EXPORTS")) // to look at them
            QFile::copy(file, QDir(qEnvironmentVariable("LLMTRIAGE_KEEP_EXPORTS")).filePath(QFileInfo(file).fileName()));
    }
}

// Qt Charts draws axis labels as HTML; a label from a file must show as written, tags and all.
void TestCharts::htmlInLabelsShowsAsWritten()
{
    const QString path = m_dir->filePath(QStringLiteral("html.llmtriage"));
    {
        auto workspace = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
        const QByteArray json = "[" + recordJson(1, "TestModel", "Crash - CUDA Error - Out of Memory", "<b>Bold</b> Cat - <i>x</i>")
            + ",\n" + recordJson(2) + "]";
        const QString file = writeFile(*m_dir, QStringLiteral("Test/TestModel.json"), json);
        QCOMPARE(Importer(*workspace).run({file}).imported, 2);
    }
    open(path);
    auto *causes = chart<DrillDownChart>(QStringLiteral("causes"));
    QVERIFY2(causes->bars()->shownCategories().contains(QStringLiteral("<b>Bold</b> Cat")),
             qPrintable(causes->bars()->shownCategories().join(u'|')));
    const QString file = m_dir->filePath(QStringLiteral("html.svg"));
    ChartExporter::Format format;
    QVERIFY(ChartExporter::formatFor(file, &format));
    QString error;
    QVERIFY2(ChartExporter::write(causes, file, format, QSize(1000, 640), &error), qPrintable(error));
    // In the SVG's XML the tags are text: escaped once for XML, so "&lt;b&gt;Bold".
    QVERIFY(readBytes(file).contains("&lt;b&gt;Bold&lt;/b&gt; Cat"));
}

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
