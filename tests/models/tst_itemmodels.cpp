// The item models over a session on the real dataset, each under QAbstractItemModelTester while
// the filter, the sort and the labels change. Counts are checked against plain counts made here
// from the raw files.

#include "rawdataset.h"
#include "testsupport.h"

#include "batchpreviewmodel.h"
#include "naturalorder.h"
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
    void sortedTableFollowsFiltersAndEdits();
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
    QVERIFY(m_session->index().hasCombinations()); // facet clicks count per combination
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

// A sorted table picks the filter's rows out of an order of every record, and moves edited
// records within it: checked against a plain sort of the session's rows, under filters of a
// few, many and all rows, in both orders, after single edits and after a batch.
void TestItemModels::sortedTableFollowsFiltersAndEdits()
{
    RecordTableModel model(*m_session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const RecordIndex &index = m_session->index();
    const NaturalOrder natural;
    int column = RecordTableModel::Symptom;
    const auto compare = [&](quint32 a, quint32 b) -> qint64 {
        switch (column) {
        case RecordTableModel::Id:
            if (const int c = natural.compare(index.text({Field::Model, 1}, a), index.text({Field::Model, 1}, b)))
                return c;
            return index.number(a) - index.number(b);
        case RecordTableModel::Link:
            if (const int c = natural.compare(index.repo(a), index.repo(b)))
                return c;
            return index.issue(a) - index.issue(b);
        default:
            return natural.compare(index.text({Field::Symptom, 3}, a), index.text({Field::Symptom, 3}, b));
        }
    };
    const auto expected = [&](Qt::SortOrder order) {
        RowSet rows = m_session->rows();
        std::stable_sort(rows.begin(), rows.end(), [&](quint32 a, quint32 b) {
            const qint64 c = compare(a, b);
            return order == Qt::AscendingOrder ? c < 0 : c > 0;
        });
        return rows;
    };
    const auto check = [&](Qt::SortOrder order, const char *when) {
        const RowSet want = expected(order);
        QVERIFY2(model.rowCount() == int(want.size()), when);
        for (int row = 0; row < model.rowCount(); ++row) {
            QVERIFY2(model.indexRowAt(row) == want[size_t(row)], qPrintable(QStringLiteral("%1: row %2").arg(QLatin1String(when)).arg(row)));
            QVERIFY2(model.rowOfRid(model.ridAt(row)) == row, when);
        }
    };
    // Below 1/32 of the records (22 of 706) the rows are sorted by their place in the order;
    // above, the order is walked: both, and every record.
    const QVector<QVector<FacetValue>> filters = {
        {{Field::Symptom, 1, QStringLiteral("Poor Performance")}},                                      // 15
        {{Field::Model, 1, QStringLiteral("Qwen2.5")}, {Field::Stage, 1, QStringLiteral("Fine-tuning")}}, // a few dozen
        {{Field::Stage, 1, QStringLiteral("Inference")}},                                               // many
        {},                                                                                             // all
    };
    for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        model.sort(RecordTableModel::Symptom, order);
        for (const QVector<FacetValue> &values : filters) {
            m_session->filter().setValues(values);
            QVERIFY(m_session->rows().size() > 0);
            if (values == filters[0])
                QVERIFY(m_session->rows().size() < 706 / 32);
            check(order, "filter");
            if (QTest::currentTestFailed())
                return;
        }
        // A record hidden by the filter is not in the table.
        m_session->filter().setValues(filters[0]);
        const RowSet shown = m_session->rows();
        for (quint32 row = 0; row < quint32(index.size()); ++row) {
            if (!std::binary_search(shown.begin(), shown.end(), row)) {
                QCOMPARE(model.rowOfRid(index.rid(row)), -1);
                break;
            }
        }
        m_session->filter().setValues(filters[2]);
        // Single edits move one record each; a batch of fifty (more than a 64th) sorts again.
        const QStringList labels = {QStringLiteral("AAA first - Of all"), QStringLiteral("Hang - Middle - Way"),
                                    QStringLiteral("zzz last - Of all")};
        for (int i = 0; i < 3; ++i) {
            EditSet set;
            set.annotator = QStringLiteral("ana");
            set.allowNewLabels = true;
            set.edits = {{model.ridAt(model.rowCount() / 2 + i), EditField::Symptom, labels[i]}};
            m_session->apply(set);
            check(order, "single edit");
        }
        EditSet batch;
        batch.annotator = QStringLiteral("ana");
        batch.allowNewLabels = true;
        for (int row = 0; row < 50; ++row)
            batch.edits.append({model.ridAt(row * 7), EditField::Symptom, labels[row % 3]});
        m_session->apply(batch);
        check(order, "batch");
        m_session->filter().setValues({});
        check(order, "all after edits");
    }
    // By id (model, then number) and by link (repository, then issue), in both orders.
    for (int byColumn : {int(RecordTableModel::Id), int(RecordTableModel::Link)}) {
        column = byColumn;
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            model.sort(column, order);
            for (const QVector<FacetValue> &values : filters) {
                m_session->filter().setValues(values);
                check(order, byColumn == RecordTableModel::Id ? "by id" : "by link");
                if (QTest::currentTestFailed())
                    return;
            }
        }
    }
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
