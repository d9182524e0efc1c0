// What each chart draws (models/chartdata) against counts the test makes itself from the raw
// files (tests/support/rawdataset.h), and against `llmtriage stats` on the same workspace and
// filter. Then the findings tracker: a constructed workspace where one relabel flips the
// escalation finding and undoing it flips it back.

#include "rawdataset.h"
#include "testsupport.h"

#include "chartdata.h"
#include "filter.h"
#include "findingstracker.h"
#include "importer.h"
#include "recordindex.h"
#include "selection.h"
#include "workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <functional>
#include <map>

using namespace Triage;
using namespace TestSupport;

namespace {

// A raw record's value for a stats field name ("symptom", "cause:2", "series", ...).
QString rawValue(const RawRecord &r, const QString &field)
{
    const QString name = field.section(u':', 0, 0);
    const int level = field.contains(u':') ? field.section(u':', 1).toInt() : 1;
    if (name == u"symptom")
        return rawCut(r.text(u"SYMPTOM"), level);
    if (name == u"cause")
        return rawCut(r.text(u"ROOT CAUSE"), level);
    if (name == u"stage")
        return r.text(u"STAGE");
    if (name == u"model")
        return r.text(u"model");
    if (name == u"series")
        return rawSeriesOfLink(r.text(u"link"));
    qFatal("no raw field %s", qPrintable(field));
    return {};
}

using RawCounts = std::map<QString, qint64>;
using RawTable = std::map<std::pair<QString, QString>, qint64>;
using RawPredicate = std::function<bool(const RawRecord &)>;

} // namespace

class TestChartData : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void symptomAndCauseBars_data();
    void symptomAndCauseBars();
    void drilledBarsKeepOnlyDeeperLabels();
    void divergenceCells_data();
    void divergenceCells();
    void seriesAndStageShares();
    void evolutionPairsLineUp();
    void clickFiltersSelectTheBar();
    void chartsAgreeWithStats();
    void trackerNamesTheFlippingEditAndUndoFlipsBack();
    void trackerSaysNothingWithoutAFlip();

private:
    RowSet rowsWhere(const QVector<Condition> &conditions) const;
    RawCounts rawCounts(const QString &field, const RawPredicate &keep) const;
    RawTable rawTable(const QString &rows, const QString &cols, const RawPredicate &keep) const;
    QJsonObject stats(const QStringList &arguments) const;

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Workspace> m_workspace;
    RecordIndex m_index;
    QVector<RawRecord> m_raw;
};

void TestChartData::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_raw = readRawRecords(datasetPath());
    QCOMPARE(m_raw.size(), 706);
    m_path = m_dir.filePath(QStringLiteral("charts.llmtriage"));
    m_workspace = Workspace::open(m_path, Workspace::OpenMode::CreateIfMissing);
    QCOMPARE(Importer(*m_workspace).run({datasetPath()}).imported, 706);
    m_index.build(*m_workspace);
}

RowSet TestChartData::rowsWhere(const QVector<Condition> &conditions) const
{
    Filter filter;
    filter.conditions = conditions;
    return select(m_index, filter);
}

RawCounts TestChartData::rawCounts(const QString &field, const RawPredicate &keep) const
{
    RawCounts counts;
    for (const RawRecord &r : m_raw) {
        if (keep(r))
            ++counts[rawValue(r, field)];
    }
    return counts;
}

RawTable TestChartData::rawTable(const QString &rows, const QString &cols, const RawPredicate &keep) const
{
    RawTable table;
    for (const RawRecord &r : m_raw) {
        if (keep(r))
            ++table[{rawValue(r, rows), rawValue(r, cols)}];
    }
    return table;
}

QJsonObject TestChartData::stats(const QStringList &arguments) const
{
    QProcess process;
    process.start(binaryPath(), QStringList{QStringLiteral("stats")} + arguments
                      + QStringList{QStringLiteral("--format"), QStringLiteral("json"),
                                    QStringLiteral("--workspace"), m_path});
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning("stats failed: %s", process.readAllStandardError().constData());
        return {};
    }
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

void TestChartData::symptomAndCauseBars_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("rawField");
    QTest::addColumn<QString>("series"); // a series filter, or empty
    QTest::newRow("symptoms, all") << int(Field::Symptom) << QStringLiteral("symptom") << QString();
    QTest::newRow("causes, all") << int(Field::Cause) << QStringLiteral("cause") << QString();
    QTest::newRow("symptoms, Qwen") << int(Field::Symptom) << QStringLiteral("symptom") << QStringLiteral("Qwen");
    QTest::newRow("causes, Llama") << int(Field::Cause) << QStringLiteral("cause") << QStringLiteral("Llama");
}

void TestChartData::symptomAndCauseBars()
{
    QFETCH(int, field);
    QFETCH(QString, rawField);
    QFETCH(QString, series);
    QVector<Condition> conditions;
    if (!series.isEmpty())
        conditions.append({{Field::Series, 1}, {series}});
    const RowSet rows = rowsWhere(conditions);
    const RawCounts want = rawCounts(rawField, [&](const RawRecord &r) {
        return series.isEmpty() || rawSeriesOfLink(r.text(u"link")) == series;
    });

    const BarChartData data = ChartData::labelBars(m_index, rows, Field(field), 1, QString());
    QCOMPARE(data.sets.size(), 1);
    RawCounts got;
    qint64 previous = std::numeric_limits<qint64>::max();
    for (const BarGroup &group : data.groups) {
        QCOMPARE(group.counts.size(), 1);
        got[group.label] = group.counts[0];
        QVERIFY2(group.counts[0] <= previous, "bars are not largest first");
        previous = group.counts[0];
        QCOMPARE(group.text, group.label); // categories: the axis shows the whole name
    }
    QCOMPARE(got, want);
    qint64 total = 0;
    for (const auto &[label, n] : want)
        total += n;
    QCOMPARE(data.total, total);
    QCOMPARE(data.setTotals, QVector<qint64>{total});
}

void TestChartData::drilledBarsKeepOnlyDeeperLabels()
{
    const RowSet rows = m_index.allRows();
    // Crash -> its subcategories.
    BarChartData data = ChartData::labelBars(m_index, rows, Field::Symptom, 2, QStringLiteral("Crash"));
    RawCounts want = rawCounts(QStringLiteral("symptom:2"), [](const RawRecord &r) {
        return rawCut(r.text(u"SYMPTOM"), 1) == u"Crash";
    });
    RawCounts got;
    for (const BarGroup &group : data.groups) {
        got[group.label] = group.counts[0];
        QVERIFY(group.label.startsWith(QStringLiteral("Crash - ")));
        QCOMPARE(group.text, group.label.section(QStringLiteral(" - "), 1, 1)); // the axis shows the last part
        QCOMPARE(group.value.level, 2);
    }
    QCOMPARE(got, want);

    // Crash - CUDA Error -> manifestations: records whose symptom stops at two levels have no
    // bar there.
    data = ChartData::labelBars(m_index, rows, Field::Symptom, 3, QStringLiteral("Crash - CUDA Error"));
    want.clear();
    for (const RawRecord &r : m_raw) {
        const QStringList parts = r.text(u"SYMPTOM").split(QStringLiteral(" - "));
        if (parts.size() >= 3 && parts[0] == u"Crash" && parts[1] == u"CUDA Error")
            ++want[parts.mid(0, 3).join(QStringLiteral(" - "))];
    }
    QVERIFY(!want.empty());
    got.clear();
    for (const BarGroup &group : data.groups)
        got[group.label] = group.counts[0];
    QCOMPARE(got, want);
}

void TestChartData::divergenceCells_data()
{
    QTest::addColumn<QString>("stage");
    QTest::newRow("all") << QString();
    QTest::newRow("inference") << QStringLiteral("Inference");
}

void TestChartData::divergenceCells()
{
    QFETCH(QString, stage);
    QVector<Condition> conditions;
    if (!stage.isEmpty())
        conditions.append({{Field::Stage, 1}, {stage}});
    const HeatMapData data = ChartData::divergence(m_index, rowsWhere(conditions));
    const RawTable want = rawTable(QStringLiteral("symptom"), QStringLiteral("cause"), [&](const RawRecord &r) {
        return stage.isEmpty() || r.text(u"STAGE") == stage;
    });
    QVERIFY(!data.isCorrelation);
    QCOMPARE(data.rowValues.size(), data.rows.size());
    QCOMPARE(data.columnValues.size(), data.columns.size());
    RawTable got;
    for (int r = 0; r < int(data.rows.size()); ++r) {
        QCOMPARE(data.rowValues[r].value, data.rows[r]);
        for (int c = 0; c < int(data.columns.size()); ++c) {
            const double n = data.values[size_t(r)][size_t(c)];
            if (n != 0)
                got[{data.rows[r], data.columns[c]}] = qint64(n);
        }
        if (r > 0)
            QVERIFY2(data.rowTotal(r) <= data.rowTotal(r - 1), "rows are not ordered by total");
    }
    QCOMPARE(got, want);
}

void TestChartData::seriesAndStageShares()
{
    const RowSet rows = m_index.allRows();
    const RawPredicate all = [](const RawRecord &) { return true; };
    struct Case
    {
        BarChartData data;
        QString rows;
        QString sets;
    };
    const Case cases[] = {
        {ChartData::seriesShares(m_index, rows, Field::Cause), QStringLiteral("cause"), QStringLiteral("series")},
        {ChartData::seriesShares(m_index, rows, Field::Symptom), QStringLiteral("symptom"), QStringLiteral("series")},
        {ChartData::stageShares(m_index, rows, Field::Cause), QStringLiteral("cause"), QStringLiteral("stage")},
        {ChartData::stageShares(m_index, rows, Field::Symptom), QStringLiteral("symptom"), QStringLiteral("stage")},
    };
    for (const Case &c : cases) {
        const RawTable want = rawTable(c.rows, c.sets, all);
        const RawCounts setTotals = rawCounts(c.sets, all);
        QCOMPARE(qsizetype(c.data.sets.size()), qsizetype(setTotals.size()));
        RawTable got;
        for (int s = 0; s < int(c.data.sets.size()); ++s) {
            QCOMPARE(c.data.setTotals[s], setTotals.at(c.data.sets[s]));
            double shareSum = 0;
            for (int g = 0; g < int(c.data.groups.size()); ++g) {
                const qint64 n = c.data.groups[g].counts[s];
                if (n != 0)
                    got[{c.data.groups[g].label, c.data.sets[s]}] = n;
                QVERIFY(closeRelative(c.data.share(s, g), double(n) / double(setTotals.at(c.data.sets[s]))));
                shareSum += c.data.share(s, g);
            }
            QVERIFY(closeRelative(shareSum, 1.0, 1e-12)); // every record of a set is in some group
        }
        QCOMPARE(got, want);
    }
    // The stages stand in a fixed order whatever their sizes.
    QCOMPARE(cases[2].data.sets, QStringList({QStringLiteral("Fine-tuning"), QStringLiteral("Inference")}));
}

void TestChartData::evolutionPairsLineUp()
{
    const RowSet rows = m_index.allRows();
    const RawCounts allCauses = rawCounts(QStringLiteral("cause"), [](const RawRecord &) { return true; });
    QStringList firstOrder;
    for (const VersionPair &pair : versionPairs()) {
        const BarChartData data = ChartData::evolution(m_index, rows, pair);
        QCOMPARE(data.sets, QStringList({pair.older, pair.newer}));
        const RawTable want = rawTable(QStringLiteral("cause"), QStringLiteral("model"), [&](const RawRecord &r) {
            return r.text(u"model") == pair.older || r.text(u"model") == pair.newer;
        });
        QVERIFY2(!want.empty(), qPrintable(pair.older));
        RawTable got;
        QStringList order;
        for (const BarGroup &group : data.groups) {
            order.append(group.label);
            for (int s = 0; s < 2; ++s) {
                if (group.counts[s] != 0)
                    got[{group.label, data.sets[s]}] = group.counts[s];
            }
        }
        QCOMPARE(got, want);
        // Every cause category of the filtered records, zeros included, in one order for all pairs.
        QCOMPARE(qsizetype(order.size()), qsizetype(allCauses.size()));
        if (firstOrder.isEmpty())
            firstOrder = order;
        QCOMPARE(order, firstOrder);
    }
    // That order is the categories' overall frequency.
    for (int i = 1; i < int(firstOrder.size()); ++i)
        QVERIFY(allCauses.at(firstOrder[i]) <= allCauses.at(firstOrder[i - 1]));
}

// What a click on a bar or cell filters by selects exactly the records the bar counts.
void TestChartData::clickFiltersSelectTheBar()
{
    const RowSet rows = m_index.allRows();
    auto selectedBy = [&](const QVector<FacetValue> &values) {
        QVector<Condition> conditions;
        for (const FacetValue &v : values)
            conditions.append({{v.field, v.level}, {v.value}});
        return qint64(rowsWhere(conditions).size());
    };
    const BarChartData drilled = ChartData::labelBars(m_index, rows, Field::Cause, 2,
                                                      QStringLiteral("Environment Compatibility Issues"));
    for (int g = 0; g < int(drilled.groups.size()); ++g)
        QCOMPARE(selectedBy(drilled.filterFor(0, g)), drilled.groups[g].counts[0]);
    const BarChartData shares = ChartData::seriesShares(m_index, rows, Field::Cause);
    for (int s = 0; s < int(shares.sets.size()); ++s) {
        for (int g = 0; g < int(shares.groups.size()); ++g)
            QCOMPARE(selectedBy(shares.filterFor(s, g)), shares.groups[g].counts[s]);
    }
    const HeatMapData cells = ChartData::divergence(m_index, rows);
    for (int r = 0; r < int(cells.rows.size()); ++r) {
        for (int c = 0; c < int(cells.columns.size()); ++c)
            QCOMPARE(selectedBy(cells.filterFor(r, c)), qint64(cells.values[size_t(r)][size_t(c)]));
    }
    QVERIFY(ChartData::seriesCorrelation(m_index, rows, Field::Cause).filterFor(0, 1).isEmpty());
}

// The same filter through `llmtriage stats` gives the numbers the charts draw.
void TestChartData::chartsAgreeWithStats()
{
    const QStringList where{QStringLiteral("--where"), QStringLiteral("stage=Inference")};
    const RowSet rows = rowsWhere({{{Field::Stage, 1}, {QStringLiteral("Inference")}}});
    auto statsTable = [&](const QStringList &arguments) {
        const QJsonObject object = stats(arguments + where);
        RawTable table;
        const QJsonArray rowLabels = object.value(u"rows").toArray();
        const QJsonArray colLabels = object.value(u"cols").toArray();
        const QJsonArray counts = object.value(u"counts").toArray();
        for (qsizetype i = 0; i < rowLabels.size(); ++i) {
            for (qsizetype j = 0; j < colLabels.size(); ++j) {
                const qint64 n = counts[i].toArray()[j].toInteger();
                if (n != 0)
                    table[{rowLabels[i].toString(), colLabels[j].toString()}] = n;
            }
        }
        return table;
    };
    const RawPredicate inference = [](const RawRecord &r) { return r.text(u"STAGE") == u"Inference"; };

    // symptoms: bars = stats --rows symptom
    RawTable fromChart;
    for (const BarGroup &g : ChartData::labelBars(m_index, rows, Field::Symptom, 1, QString()).groups)
        fromChart[{g.label, QStringLiteral("count")}] = g.counts[0];
    RawTable fromStats = statsTable({QStringLiteral("--rows"), QStringLiteral("symptom")});
    QCOMPARE(fromChart, fromStats);
    RawTable independent;
    for (const auto &[label, n] : rawCounts(QStringLiteral("symptom"), inference))
        independent[{label, QStringLiteral("count")}] = n;
    QCOMPARE(fromStats, independent);

    // divergence: cells = stats --rows symptom --cols cause
    fromChart.clear();
    const HeatMapData cells = ChartData::divergence(m_index, rows);
    for (int r = 0; r < int(cells.rows.size()); ++r) {
        for (int c = 0; c < int(cells.columns.size()); ++c) {
            if (cells.values[size_t(r)][size_t(c)] != 0)
                fromChart[{cells.rows[r], cells.columns[c]}] = qint64(cells.values[size_t(r)][size_t(c)]);
        }
    }
    fromStats = statsTable({QStringLiteral("--rows"), QStringLiteral("symptom"), QStringLiteral("--cols"),
                            QStringLiteral("cause")});
    QCOMPARE(fromChart, fromStats);
    QCOMPARE(fromStats, rawTable(QStringLiteral("symptom"), QStringLiteral("cause"), inference));

    // homogeneity: bars = stats --rows cause --cols series
    fromChart.clear();
    const BarChartData series = ChartData::seriesShares(m_index, rows, Field::Cause);
    for (const BarGroup &g : series.groups) {
        for (int s = 0; s < int(series.sets.size()); ++s) {
            if (g.counts[s] != 0)
                fromChart[{g.label, series.sets[s]}] = g.counts[s];
        }
    }
    fromStats = statsTable({QStringLiteral("--rows"), QStringLiteral("cause"), QStringLiteral("--cols"),
                            QStringLiteral("series")});
    QCOMPARE(fromChart, fromStats);
    QCOMPARE(fromStats, rawTable(QStringLiteral("cause"), QStringLiteral("series"), inference));
}

namespace {

EditSet editCause(qint64 rid, const QString &cause)
{
    EditSet edits;
    edits.edits = {{rid, EditField::Cause, cause}};
    edits.annotator = QStringLiteral("tester");
    return edits;
}

} // namespace

void TestChartData::trackerNamesTheFlippingEditAndUndoFlipsBack()
{
    QTemporaryDir dir;
    auto workspace = createWorkspace(dir);
    const QString file = writeFile(dir, QStringLiteral("Test/TestModel.json"), escalationRecords());
    QCOMPARE(Importer(*workspace).run({file}).imported, 51);
    RecordIndex index;
    index.build(*workspace);
    FindingsTracker tracker;
    tracker.update(index);
    QVERIFY(tracker.holds(FindingsTracker::Escalation));
    QVERIFY(tracker.flipNote(FindingsTracker::Escalation).isEmpty());

    // Record 1 is a fine-tuning configuration error; relabelled to the environment, fine-tuning's
    // top cause becomes the environment (10 against 9) and the finding no longer holds.
    const qint64 rid = *workspace->ridOf(QStringLiteral("TestModel#1"));
    const QString oldCause = workspace->record(rid)->cause;
    const QString newCause = QStringLiteral("Environment Compatibility Issues - Dependency Library Compatibility");
    QVector<AppliedEdit> applied = workspace->apply(editCause(rid, newCause));
    index.applyEdits(applied);
    tracker.update(index, applied);
    QVERIFY(!tracker.holds(FindingsTracker::Escalation));
    QString note = tracker.flipNote(FindingsTracker::Escalation);
    QVERIFY2(note.contains(QStringLiteral("TestModel#1")), qPrintable(note));
    QVERIFY2(note.contains(newCause), qPrintable(note));
    QVERIFY2(note.startsWith(QStringLiteral("No longer holds")), qPrintable(note));
    // The other findings did not flip, so they say nothing.
    QVERIFY(tracker.flipNote(FindingsTracker::Homogeneity).isEmpty());

    // Undo is the edit back: the finding holds again, and the note says which edit did it.
    applied = workspace->apply(editCause(rid, oldCause));
    index.applyEdits(applied);
    tracker.update(index, applied);
    QVERIFY(tracker.holds(FindingsTracker::Escalation));
    note = tracker.flipNote(FindingsTracker::Escalation);
    QVERIFY2(note.startsWith(QStringLiteral("Holds again")), qPrintable(note));
    QVERIFY2(note.contains(QStringLiteral("TestModel#1")), qPrintable(note));

    // One relabel of two fields of one record is one record, and the cause change is named.
    EditSet both = editCause(rid, newCause);
    both.edits.append({rid, EditField::Symptom, QStringLiteral("Hang - Generation Process Stuck")});
    both.allowNewLabels = true; // no record of this workspace hangs yet
    applied = workspace->apply(both);
    QCOMPARE(applied.size(), 2);
    index.applyEdits(applied);
    tracker.update(index, applied);
    note = tracker.flipNote(FindingsTracker::Escalation);
    QVERIFY2(note.startsWith(QStringLiteral("No longer holds since TestModel#1: ")), qPrintable(note));
    QVERIFY2(note.contains(newCause) && note.contains(QStringLiteral("Generation Process Stuck")), qPrintable(note));
    QVERIFY2(!note.contains(QStringLiteral("2 records")), qPrintable(note));

    // All 51 records are of one series: no pair to correlate, and the card says n/a, not 1.00.
    QVERIFY(!tracker.holds(FindingsTracker::Homogeneity));
    const QString homogeneity = tracker.statement(FindingsTracker::Homogeneity);
    QVERIFY2(homogeneity.contains(QStringLiteral("n/a")) && !homogeneity.contains(QStringLiteral("1.00")),
             qPrintable(homogeneity));
    QCOMPARE(tracker.recordCount(), qint64(51));
}

void TestChartData::trackerSaysNothingWithoutAFlip()
{
    FindingsTracker tracker;
    tracker.update(m_index);
    // The paper's three findings hold on the data as published.
    QVERIFY(tracker.holds(FindingsTracker::Divergence));
    QVERIFY(tracker.holds(FindingsTracker::Homogeneity));
    QVERIFY(tracker.holds(FindingsTracker::Escalation));
    for (int w = 0; w < FindingsTracker::Count; ++w) {
        QVERIFY(tracker.flipNote(FindingsTracker::Which(w)).isEmpty());
        QVERIFY(!tracker.statement(FindingsTracker::Which(w)).isEmpty());
        QVERIFY(!tracker.checks(FindingsTracker::Which(w)).isEmpty());
    }
    // An update without edits (what a reload does) leaves no note when nothing changed.
    tracker.update(m_index, {});
    for (int w = 0; w < FindingsTracker::Count; ++w)
        QVERIFY(tracker.flipNote(FindingsTracker::Which(w)).isEmpty());
}

QTEST_GUILESS_MAIN(TestChartData)
#include "tst_chartdata.moc"
