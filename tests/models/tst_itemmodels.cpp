// The item models over a session on the real dataset, each under QAbstractItemModelTester while
// the filter, the sort and the labels change. Counts are checked against plain counts made here
// from the raw files.

#include "rawdataset.h"
#include "testsupport.h"

#include "batchpreviewmodel.h"
#include "facetmodel.h"
#include "historymodel.h"
#include "importer.h"
#include "recordtablemodel.h"
#include "relatedrecordsmodel.h"
#include "workbenchsession.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace Triage;
using namespace TestSupport;

class TestItemModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void tableFollowsTheFilter();
    void tableSorts();
    void facetsCountUnderTheOtherFilters();
    void facetTreeChecksAndUnchecks();
    void editsReachEveryModel();
    void largeBatchShowsTheNewestPage();
    void relatedRecords();
    void uncheckKeepsAnInteriorLabel();
    void tooltipsShowMarkupAsText();
    void batchPreview();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<WorkbenchSession> m_session;
    QVector<RawRecord> m_raw;
};

void TestItemModels::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto workspace = createWorkspace(*m_dir);
    QCOMPARE(Importer(*workspace).run({datasetPath()}).imported, 706);
    m_session = std::make_unique<WorkbenchSession>(std::move(workspace));
    m_raw = readRawRecords(datasetPath());
}

void TestItemModels::cleanup()
{
    m_session.reset();
    m_dir.reset();
}

void TestItemModels::tableFollowsTheFilter()
{
    RecordTableModel model(*m_session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 706);
    m_session->filter().add({Field::Series, 1, QStringLiteral("Qwen")});
    m_session->filter().add({Field::Symptom, 1, QStringLiteral("Crash")});
    int expected = 0;
    for (const RawRecord &r : std::as_const(m_raw))
        expected += rawSeriesOfLink(r.text(u"link")) == u"Qwen" && rawCut(r.text(u"SYMPTOM"), 1) == u"Crash";
    QCOMPARE(expected, 185);
    QCOMPARE(model.rowCount(), expected);
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.data(model.index(row, RecordTableModel::Series)).toString(), QStringLiteral("Qwen"));
        QVERIFY(model.data(model.index(row, RecordTableModel::Symptom)).toString().startsWith(u"Crash - "));
    }
    m_session->filter().setText(QStringLiteral("out of memory"));
    expected = 0;
    for (const RawRecord &r : std::as_const(m_raw))
        expected += rawSeriesOfLink(r.text(u"link")) == u"Qwen" && rawCut(r.text(u"SYMPTOM"), 1) == u"Crash"
            && r.text(u"SYMPTOM").contains(u"Out of Memory", Qt::CaseInsensitive);
    QCOMPARE(model.rowCount(), expected);
    m_session->filter().clear();
    QCOMPARE(model.rowCount(), 706);
}

void TestItemModels::tableSorts()
{
    RecordTableModel model(*m_session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int column = 0; column < RecordTableModel::ColumnCount; ++column) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            model.sort(column, order);
            QCOMPARE(model.rowCount(), 706);
            for (int row = 1; row < model.rowCount(); ++row) {
                const QString a = model.data(model.index(row - 1, column)).toString();
                const QString b = model.data(model.index(row, column)).toString();
                if (column == RecordTableModel::Id || column == RecordTableModel::Link)
                    continue; // ordered by name then number: checked below
                const int c = QString::compare(a, b, Qt::CaseInsensitive);
                QVERIFY2(order == Qt::AscendingOrder ? c <= 0 : c >= 0, qPrintable(a + QStringLiteral(" / ") + b));
            }
        }
    }
    model.sort(RecordTableModel::Id, Qt::AscendingOrder);
    // Models case-insensitively ("codellama" before "DeepSeek-Coder"), numbers in numeric order
    // (2 before 10); codellama has 29 records.
    QCOMPARE(model.data(model.index(0, RecordTableModel::Id)).toString(), QStringLiteral("codellama#1"));
    QCOMPARE(model.data(model.index(1, RecordTableModel::Id)).toString(), QStringLiteral("codellama#2"));
    QCOMPARE(model.data(model.index(9, RecordTableModel::Id)).toString(), QStringLiteral("codellama#10"));
    QCOMPARE(model.data(model.index(29, RecordTableModel::Id)).toString(), QStringLiteral("DeepSeek-Coder#1"));
}

void TestItemModels::facetsCountUnderTheOtherFilters()
{
    FacetModel symptoms(*m_session, Field::Symptom);
    FacetModel series(*m_session, Field::Series);
    QAbstractItemModelTester t1(&symptoms, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&series, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(symptoms.rowCount(), 5);
    QCOMPARE(series.rowCount(), 3);
    const FacetValue qwen{Field::Series, 1, QStringLiteral("Qwen")};
    QVERIFY(series.setData(series.indexOf(qwen), Qt::Checked, Qt::CheckStateRole));
    // The symptom counts now count Qwen only; the series counts still count every series.
    const auto count = [](const FacetModel &m, const FacetValue &v) {
        return m.data(m.indexOf(v), FacetModel::CountRole).toLongLong();
    };
    QCOMPARE(count(symptoms, {Field::Symptom, 1, QStringLiteral("Crash")}), 185);
    QCOMPARE(count(symptoms, {Field::Symptom, 1, QStringLiteral("Poor Performance")}), 14);
    QCOMPARE(count(series, qwen), 449);
    QCOMPARE(count(series, {Field::Series, 1, QStringLiteral("Llama")}), 171);
    QCOMPARE(series.data(series.indexOf(qwen), Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(m_session->rows().size(), size_t(449));
}

void TestItemModels::facetTreeChecksAndUnchecks()
{
    FacetModel symptoms(*m_session, Field::Symptom);
    QAbstractItemModelTester tester(&symptoms, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const FacetValue crash{Field::Symptom, 1, QStringLiteral("Crash")};
    const FacetValue cuda{Field::Symptom, 2, QStringLiteral("Crash - CUDA Error")};
    const FacetValue oom{Field::Symptom, 3, QStringLiteral("Crash - CUDA Error - Out of Memory")};
    QVERIFY(symptoms.indexOf(oom).isValid());
    // Picking and unpicking changes counts and check marks, never the tree's entries: no reset
    // (which made the view lay out and repaint a frame late).
    QSignalSpy resets(&symptoms, &QAbstractItemModel::modelReset);
    // A leaf checked: its ancestors are partly checked.
    symptoms.setData(symptoms.indexOf(oom), Qt::Checked, Qt::CheckStateRole);
    QCOMPARE(symptoms.data(symptoms.indexOf(crash), Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));
    QCOMPARE(m_session->rows().size(), size_t(56));
    // The category checked: it implies the leaf, which is dropped from the filter.
    symptoms.setData(symptoms.indexOf(crash), Qt::Checked, Qt::CheckStateRole);
    QCOMPARE(m_session->filter().values(), QVector<FacetValue>{crash});
    QCOMPARE(m_session->rows().size(), size_t(295));
    // Unchecking the leaf under the checked category keeps everything else of Crash.
    symptoms.setData(symptoms.indexOf(oom), Qt::Unchecked, Qt::CheckStateRole);
    QCOMPARE(m_session->rows().size(), size_t(295 - 56));
    QCOMPARE(symptoms.data(symptoms.indexOf(crash), Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));
    QCOMPARE(symptoms.data(symptoms.indexOf(cuda), Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));
    // Unchecking the partly checked category clears the branch.
    symptoms.setData(symptoms.indexOf(crash), Qt::Unchecked, Qt::CheckStateRole);
    QVERIFY(m_session->filter().isEmpty());
    QCOMPARE(m_session->rows().size(), size_t(706));
    // An interior entry picked and unpicked.
    symptoms.setData(symptoms.indexOf(cuda), Qt::Checked, Qt::CheckStateRole);
    QCOMPARE(m_session->filter().values(), QVector<FacetValue>{cuda});
    symptoms.setData(symptoms.indexOf(cuda), Qt::Unchecked, Qt::CheckStateRole);
    QCOMPARE(resets.count(), 0);
}

void TestItemModels::editsReachEveryModel()
{
    RecordTableModel table(*m_session);
    FacetModel causes(*m_session, Field::Cause);
    HistoryModel history(*m_session);
    QAbstractItemModelTester t1(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&causes, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(&history, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const qint64 rid = table.ridAt(0);
    EditSet set;
    set.annotator = QStringLiteral("ana");
    set.allowNewLabels = true;
    set.edits = {{rid, EditField::Cause, QStringLiteral("Brand New Category - Brand New Cause")}};
    m_session->apply(set);
    QVERIFY(causes.indexOf({Field::Cause, 1, QStringLiteral("Brand New Category")}).isValid());
    QCOMPARE(history.rowCount(), 1);
    QCOMPARE(history.data(history.index(0, HistoryModel::Annotator)).toString(), QStringLiteral("ana"));
    QCOMPARE(table.data(table.index(table.rowOfRid(rid), RecordTableModel::EditedBy)).toString(), QStringLiteral("ana"));
    history.setRecord(table.ridAt(1));
    QCOMPARE(history.rowCount(), 0);
}

// A batch of more than a page of history rows: the view starts again at its newest page
// rather than reading every new row at once, and the rest still comes by fetchMore().
void TestItemModels::largeBatchShowsTheNewestPage()
{
    // No QAbstractItemModelTester here: Qt 6.4's calls fetchMore() from its own modelReset
    // handler while it still counts the reset as in flight, and then reports its own fetch.
    // The other tests run the tester over this model's resets and inserts.
    HistoryModel history(*m_session);
    const RecordIndex &index = m_session->index();
    EditSet set;
    set.annotator = QStringLiteral("bob");
    const int count = HistoryModel::PageSize + 100;
    QVERIFY(index.size() >= count);
    for (quint32 row = 0; row < quint32(count); ++row) {
        const bool fineTuning = index.text({Field::Stage, 1}, row) == u"Fine-tuning";
        set.edits.append({index.rid(row), EditField::Stage,
                          fineTuning ? QStringLiteral("Inference") : QStringLiteral("Fine-tuning")});
    }
    QVERIFY(!history.annotators().contains(QStringLiteral("bob")));
    QSignalSpy choices(&history, &HistoryModel::choicesChanged);
    QCOMPARE(int(m_session->apply(set).size()), count);
    // The filter lists learn who and what the batch brought, without a full reload.
    QVERIFY(history.annotators().contains(QStringLiteral("bob")));
    QVERIFY(history.fields().contains(QStringLiteral("stage")));
    QCOMPARE(choices.count(), 1);
    const QVector<HistoryEntry> all = m_session->workspace().history(); // oldest first
    QCOMPARE(history.rowCount(), HistoryModel::PageSize);
    QCOMPARE(history.data(history.index(0, HistoryModel::Annotator)).toString(), QStringLiteral("bob"));
    QCOMPARE(history.data(history.index(0, 0), HistoryModel::RidRole).toLongLong(), all.constLast().rid);
    while (history.canFetchMore({}))
        history.fetchMore({});
    QCOMPARE(history.rowCount(), int(all.size()));
}

void TestItemModels::relatedRecords()
{
    RelatedRecordsModel related(*m_session);
    QAbstractItemModelTester tester(&related, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // QwenLM/Qwen#15 carries two records; find one of them through the raw files.
    QString id;
    for (const RawRecord &r : std::as_const(m_raw)) {
        if (r.text(u"link") == u"https://github.com/QwenLM/Qwen/issues/15") {
            id = r.id();
            break;
        }
    }
    related.setRecord(m_session->workspace().ridOf(id).value());
    QCOMPARE(related.rowCount(), 1);
    related.setRecord(m_session->workspace().ridOf(QStringLiteral("DeepSeek-R1#1")).value());
    QCOMPARE(related.rowCount(), 0);
}

// A label may be a node with children of its own ("Crash - CUDA Error" beside "Crash - CUDA
// Error - Out of Memory"): unchecking a child under the picked node keeps the node's own records.
void TestItemModels::uncheckKeepsAnInteriorLabel()
{
    FacetModel symptoms(*m_session, Field::Symptom);
    QAbstractItemModelTester tester(&symptoms, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString interior = QStringLiteral("Crash - CUDA Error");
    EditSet set;
    set.annotator = QStringLiteral("ana");
    set.allowNewLabels = true;
    set.edits = {{m_session->workspace().ridOf(QStringLiteral("DeepSeek-R1#1")).value(), EditField::Symptom, interior}};
    m_session->apply(set);
    qint64 cuda = 0;
    qint64 oom = 0;
    for (const RawRecord &r : std::as_const(m_raw)) {
        if (r.id() == u"DeepSeek-R1#1")
            continue; // relabelled above
        cuda += rawCut(r.text(u"SYMPTOM"), 2) == interior;
        oom += r.text(u"SYMPTOM") == u"Crash - CUDA Error - Out of Memory";
    }
    symptoms.setData(symptoms.indexOf({Field::Symptom, 2, interior}), Qt::Checked, Qt::CheckStateRole);
    QCOMPARE(qint64(m_session->rows().size()), cuda + 1);
    symptoms.setData(symptoms.indexOf({Field::Symptom, 3, QStringLiteral("Crash - CUDA Error - Out of Memory")}),
                     Qt::Unchecked, Qt::CheckStateRole);
    QCOMPARE(qint64(m_session->rows().size()), cuda + 1 - oom);
}

// Labels come from files: "<b>" in one is shown as written, never as bold.
void TestItemModels::tooltipsShowMarkupAsText()
{
    const QString label = QStringLiteral("Crash - <b>Big</b> <img src=x>");
    EditSet set;
    set.annotator = QStringLiteral("ana");
    set.allowNewLabels = true;
    const qint64 rid = m_session->workspace().ridOf(QStringLiteral("DeepSeek-R1#1")).value();
    set.edits = {{rid, EditField::Symptom, label}};
    m_session->apply(set);
    RecordTableModel table(*m_session);
    FacetModel symptoms(*m_session, Field::Symptom);
    const QString cell = table.data(table.index(table.rowOfRid(rid), RecordTableModel::Symptom), Qt::ToolTipRole).toString();
    QVERIFY2(cell.contains(QStringLiteral("&lt;b&gt;Big&lt;/b&gt;")), qPrintable(cell));
    QVERIFY(!cell.contains(QStringLiteral("<b>")));
    const QString facet = symptoms.data(symptoms.indexOf({Field::Symptom, 2, label}), Qt::ToolTipRole).toString();
    QVERIFY2(facet.contains(QStringLiteral("&lt;img")), qPrintable(facet));
}

void TestItemModels::batchPreview()
{
    BatchPreviewModel preview(m_session->index());
    QAbstractItemModelTester tester(&preview, QAbstractItemModelTester::FailureReportingMode::QtTest);
    preview.setRows(m_session->index().allRows());
    preview.setChange(EditField::Stage, QStringLiteral("Inference"));
    QCOMPARE(preview.rowCount(), 2);
    qint64 fineTuning = 0;
    for (const RawRecord &r : std::as_const(m_raw))
        fineTuning += r.text(u"STAGE") == u"Fine-tuning";
    QCOMPARE(preview.changing(), fineTuning);
    preview.setChange(EditField::Stage, QStringLiteral("Fine-tuning"));
    QCOMPARE(preview.changing(), 706 - fineTuning);
    preview.setChange(EditField::Symptom, QStringLiteral("Hang - Generation Process Stuck"));
    QCOMPARE(preview.rowCount(), 37);
    QCOMPARE(preview.changing(), 706 - 12);
}

QTEST_GUILESS_MAIN(TestItemModels)
#include "tst_itemmodels.moc"
