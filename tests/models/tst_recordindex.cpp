// The in-memory index against the files it was built from. Every expectation here comes from
// a plain reading of the raw JSON files with QJsonDocument in this test (labels split on " - "
// here, series from the link owner here), never from the code under test: crosstabs must equal
// plain counts and select() must equal a plain scan, on 20 000 generated records and on the
// real dataset.

#include "crosstab.h"
#include "field.h"
#include "filter.h"
#include "importer.h"
#include "facetcounts.h"
#include "recordindex.h"
#include "selection.h"
#include "syntheticgenerator.h"
#include "rawdataset.h"
#include "testsupport.h"
#include "workspace.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QtTest>

#include <functional>
#include <map>

using namespace Triage;

namespace {

// One record as the file has it, plus what the test derives from it by itself: the id
// (model#number), the link's owner, owner/repo, issue number and series, and a note it adds.
struct Raw
{
    QString id, link, owner, repoPath, series, status, symptom, cause, stage, model, architecture;
    QString note;
    qint64 number = 0;
    qint64 issue = 0;
};

QVector<Raw> readRaw(const QString &folder)
{
    QVector<Raw> records;
    for (const TestSupport::RawRecord &raw : TestSupport::readRawRecords(folder)) {
        const QJsonObject &o = raw.object;
        Raw r;
        r.number = raw.number();
        r.link = raw.text(u"link");
        // https://github.com/OWNER/REPO/issues/N
        const QStringList parts = r.link.split(QLatin1Char('/'));
        r.owner = parts.value(3);
        r.repoPath = parts.value(3) + QLatin1Char('/') + parts.value(4);
        r.issue = parts.value(6).toLongLong();
        r.series = TestSupport::rawSeriesOfLink(r.link);
        r.status = o.value(u"status").toString();
        r.symptom = o.value(u"SYMPTOM").toString();
        r.cause = o.value(u"ROOT CAUSE").toString();
        r.stage = o.value(u"STAGE").toString();
        r.model = o.value(u"model").toString();
        r.architecture = o.value(u"architecture").toString();
        r.id = raw.id();
        records.append(r);
    }
    return records;
}

QString rawValue(const Raw &r, FieldLevel on)
{
    // In the order of enum Field: symptom, cause, stage, series, model, architecture, status.
    const QString *values[]
        = {&r.symptom, &r.cause, &r.stage, &r.series, &r.model, &r.architecture, &r.status};
    const QString &value = *values[int(on.field)];
    const bool isPath = on.field == Field::Symptom || on.field == Field::Cause;
    return isPath ? TestSupport::rawCut(value, on.level) : value;
}

FieldLevel at(Field field, int level = 1)
{
    return FieldLevel{field, level};
}

struct Data
{
    std::unique_ptr<Workspace> workspace;
    RecordIndex index; // with its combinations, as the window has it
    RecordIndex perRecord; // without: facet counts made record by record
    QVector<Raw> raw;
    QHash<QString, int> rawById;
};

} // namespace

class TestRecordIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rowsRoundTrip_data();
    void rowsRoundTrip();
    void crosstabs_data();
    void crosstabs();
    void twoLevelLabelsStayWholeAtLevelThree();
    void select_data();
    void select();
    void applyEdits();

private:
    Data &data(const QString &name) { return name == u"generated" ? m_generated : m_real; }
    void load(Data &d, const QString &folder, const QString &workspaceName);

    QTemporaryDir m_dir;
    Data m_generated;
    Data m_real;
};

void TestRecordIndex::load(Data &d, const QString &folder, const QString &workspaceName)
{
    d.workspace = TestSupport::createWorkspace(m_dir, workspaceName);
    const ImportReport report = Importer(*d.workspace).run({folder});
    QVERIFY2(!report.hasRefusals(), qPrintable(report.summary()));
    d.raw = readRaw(folder);
    QCOMPARE(report.imported, qint64(d.raw.size()));
    for (int i = 0; i < d.raw.size(); ++i)
        d.rawById.insert(d.raw[i].id, i);
    QCOMPARE(d.rawById.size(), d.raw.size()); // ids are unique in both data sets

    // Notes on a few records, so the text search has notes to find: the 1st, 3rd and 5th
    // record of the raw reading.
    EditSet notes{{}, QStringLiteral("tester"), QString()};
    for (int i : {0, 2, 4}) {
        d.raw[i].note = QStringLiteral("Seen again with ROCm build %1, see Zebrafish log").arg(i);
        const std::optional<qint64> rid = d.workspace->ridOf(d.raw[i].id);
        QVERIFY(rid);
        notes.edits.append({*rid, EditField::Note, d.raw[i].note});
    }
    QCOMPARE(int(d.workspace->apply(notes).size()), 3);
    d.index.build(*d.workspace);
    d.index.buildCombinations();
    QVERIFY(d.index.hasCombinations());
    QCOMPARE(qsizetype(d.index.size()), d.raw.size());
    d.perRecord.build(*d.workspace);
    d.perRecord.buildCombinations();
    d.perRecord.build(*d.workspace); // a new build drops them
    QVERIFY(!d.perRecord.hasCombinations());
}

void TestRecordIndex::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString generated = m_dir.filePath(QStringLiteral("generated"));
    const GeneratorResult result = generateSynthetic(20000, generated, 20240611);
    QCOMPARE(result.records, qint64(20000));
    load(m_generated, generated, QStringLiteral("generated.llmtriage"));
    if (QTest::currentTestFailed())
        return;
    load(m_real, TestSupport::datasetPath(), QStringLiteral("real.llmtriage"));
    QCOMPARE(int(m_real.raw.size()), 706);
}

void TestRecordIndex::rowsRoundTrip_data()
{
    QTest::addColumn<QString>("dataset");
    QTest::newRow("generated") << QStringLiteral("generated");
    QTest::newRow("real") << QStringLiteral("real");
}

void TestRecordIndex::rowsRoundTrip()
{
    QFETCH(QString, dataset);
    Data &d = data(dataset);
    const RecordIndex &index = d.index;
    QSet<QString> seen;
    qint64 previousRid = 0;
    for (quint32 row = 0; row < quint32(index.size()); ++row) {
        const qint64 rid = index.rid(row);
        QVERIFY(rid > previousRid); // rows are in rid order
        previousRid = rid;
        QVERIFY(index.rowOf(rid) == std::optional<quint32>(row));

        const QString id = index.id(row);
        QVERIFY2(d.rawById.contains(id), qPrintable(id));
        QVERIFY2(!seen.contains(id), qPrintable(id));
        seen.insert(id);
        const Raw &r = d.raw[d.rawById.value(id)];
        QCOMPARE(index.link(row), r.link);
        QCOMPARE(index.repo(row), r.repoPath);
        QCOMPARE(index.number(row), r.number);
        QCOMPARE(index.issue(row), r.issue);
        QCOMPARE(index.note(row), r.note);
        for (Field field : AllFields) {
            for (int level = 1; level <= maxLevel(field); ++level)
                QCOMPARE(index.text(at(field, level), row), rawValue(r, at(field, level)));
        }
        if (row % 997 == 0)
            QVERIFY(d.workspace->ridOf(id) == std::optional<qint64>(rid));
    }
    QCOMPARE(seen.size(), d.raw.size());
    QVERIFY(!index.rowOf(0));
    QVERIFY(!index.rowOf(previousRid + 1));
}

void TestRecordIndex::crosstabs_data()
{
    QTest::addColumn<QString>("dataset");
    QTest::addColumn<int>("rowField");
    QTest::addColumn<int>("rowLevel");
    QTest::addColumn<int>("columnField"); // -1: none
    QTest::addColumn<int>("columnLevel");

    struct Pair
    {
        Field rf;
        int rl;
        int cf;
        int cl;
    };
    const Pair pairs[] = {
        {Field::Symptom, 1, -1, 0},
        {Field::Symptom, 2, -1, 0},
        {Field::Symptom, 3, -1, 0},
        {Field::Cause, 1, -1, 0},
        {Field::Cause, 2, -1, 0},
        {Field::Stage, 1, -1, 0},
        {Field::Series, 1, -1, 0},
        {Field::Model, 1, -1, 0},
        {Field::Architecture, 1, -1, 0},
        {Field::Status, 1, -1, 0},
        {Field::Symptom, 1, int(Field::Cause), 1},
        {Field::Symptom, 3, int(Field::Cause), 2},
        {Field::Cause, 2, int(Field::Symptom), 3},
        {Field::Symptom, 2, int(Field::Series), 1},
        {Field::Series, 1, int(Field::Symptom), 1},
        {Field::Series, 1, int(Field::Cause), 1},
        {Field::Stage, 1, int(Field::Cause), 1},
        {Field::Stage, 1, int(Field::Cause), 2},
        {Field::Model, 1, int(Field::Architecture), 1},
        {Field::Status, 1, int(Field::Stage), 1},
        {Field::Symptom, 1, int(Field::Symptom), 3},
    };
    for (const QString &dataset : {QStringLiteral("generated"), QStringLiteral("real")}) {
        for (const Pair &p : pairs) {
            const QString name = at(p.rf, p.rl).toString()
                + (p.cf < 0 ? QString() : QStringLiteral(" x ") + at(Field(p.cf), p.cl).toString());
            QTest::newRow(qPrintable(dataset + QLatin1Char(' ') + name))
                << dataset << int(p.rf) << p.rl << p.cf << p.cl;
        }
    }
}

void TestRecordIndex::crosstabs()
{
    QFETCH(QString, dataset);
    QFETCH(int, rowField);
    QFETCH(int, rowLevel);
    QFETCH(int, columnField);
    QFETCH(int, columnLevel);
    const Data &d = data(dataset);
    const FieldLevel rf = at(Field(rowField), rowLevel);
    const std::optional<FieldLevel> cf = columnField < 0
        ? std::nullopt
        : std::optional<FieldLevel>(at(Field(columnField), columnLevel));

    // The plain count.
    std::map<QString, std::map<QString, qint64>> expected;
    std::map<QString, qint64> rowTotals;
    std::map<QString, qint64> columnTotals;
    for (const Raw &r : d.raw) {
        const QString rowLabel = rawValue(r, rf);
        const QString columnLabel = cf ? rawValue(r, *cf) : QStringLiteral("count");
        ++expected[rowLabel][columnLabel];
        ++rowTotals[rowLabel];
        ++columnTotals[columnLabel];
    }

    const Crosstab table = Crosstab::compute(d.index, d.index.allRows(), rf, cf);
    QCOMPARE(table.total(), qint64(d.raw.size()));
    // Labels: exactly those that occur, by total descending, then by label.
    const auto checkLabels = [](const QStringList &labels, std::map<QString, qint64> &totals) {
        QCOMPARE(int(labels.size()), int(totals.size()));
        for (int i = 0; i < labels.size(); ++i) {
            QVERIFY2(totals.count(labels[i]), qPrintable(labels[i]));
            if (i > 0) {
                const qint64 before = totals[labels[i - 1]];
                const qint64 now = totals[labels[i]];
                QVERIFY(before > now || (before == now && labels[i - 1] < labels[i]));
            }
        }
    };
    checkLabels(table.rowLabels(), rowTotals);
    checkLabels(table.columnLabels(), columnTotals);
    for (int i = 0; i < table.rowCount(); ++i) {
        const QString &rowLabel = table.rowLabels()[i];
        QCOMPARE(table.rowTotal(i), rowTotals[rowLabel]);
        QCOMPARE(table.rowOf(rowLabel), i);
        for (int j = 0; j < table.columnCount(); ++j) {
            const QString &columnLabel = table.columnLabels()[j];
            const qint64 want = expected[rowLabel][columnLabel]; // 0 when never counted
            QVERIFY2(table.count(i, j) == want,
                qPrintable(QStringLiteral("%1 / %2: %3, counted %4")
                               .arg(rowLabel, columnLabel)
                               .arg(table.count(i, j))
                               .arg(want)));
        }
    }
    for (int j = 0; j < table.columnCount(); ++j)
        QCOMPARE(table.columnTotal(j), columnTotals[table.columnLabels()[j]]);

    // Over a subset of rows (every third) the counts are those of the subset.
    RowSet some;
    for (quint32 row = 0; row < quint32(d.index.size()); row += 3)
        some.push_back(row);
    std::map<QString, qint64> subsetTotals;
    for (quint32 row : some)
        ++subsetTotals[rawValue(d.raw[d.rawById.value(d.index.id(row))], rf)];
    const Crosstab subset = Crosstab::compute(d.index, some, rf, cf);
    QCOMPARE(subset.total(), qint64(some.size()));
    QCOMPARE(subset.rowCount(), int(subsetTotals.size()));
    for (int i = 0; i < subset.rowCount(); ++i)
        QCOMPARE(subset.rowTotal(i), subsetTotals[subset.rowLabels()[i]]);
}

void TestRecordIndex::twoLevelLabelsStayWholeAtLevelThree()
{
    // The real data has 37 symptom paths, 10 of them with two levels (counted with Python from
    // the raw files); at symptom:3 each is a row of its own, whole, as at symptom:2.
    const RowSet all = m_real.index.allRows();
    const Crosstab level3 = Crosstab::compute(m_real.index, all, at(Field::Symptom, 3));
    const Crosstab level2 = Crosstab::compute(m_real.index, all, at(Field::Symptom, 2));
    QCOMPARE(level3.rowCount(), 37);
    int twoLevel = 0;
    for (int i = 0; i < level3.rowCount(); ++i) {
        const QString &label = level3.rowLabels()[i];
        if (label.split(QStringLiteral(" - ")).size() == 2) {
            ++twoLevel;
            QVERIFY2(level2.rowOf(label) >= 0, qPrintable(label));
            QCOMPARE(level3.count(i, 0), level2.count(level2.rowOf(label), 0));
        }
    }
    QCOMPARE(twoLevel, 10);
    QVERIFY(level3.rowOf(QStringLiteral("Crash - Assertion Failure")) >= 0);
}

namespace {

// A filter, the same question asked of a raw record in plain code, and whether the answer may
// be empty on a data set (otherwise an empty answer would make the comparison vacuous).
struct SelectCase
{
    const char *name;
    Filter filter;
    std::function<bool(const Raw &)> wanted;
    bool mayBeEmpty = false;
};

bool textMatches(const Raw &r, const QString &needle)
{
    for (const QString &s :
        {r.id, r.link, r.note, r.symptom, r.cause, r.stage, r.model, r.architecture, r.status}) {
        if (s.contains(needle, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

Filter where(QVector<Condition> conditions, const QString &text = QString())
{
    return Filter{std::move(conditions), text};
}

Filter search(const QString &text)
{
    return Filter{{}, text};
}

std::vector<SelectCase> selectCases()
{
    const QString crash = QStringLiteral("Crash");
    const QString hang = QStringLiteral("Hang");
    const QString environment = QStringLiteral("Environment Compatibility Issues");
    const QString assertion = QStringLiteral("Crash - Assertion Failure");
    const QString stuck = QStringLiteral("Hang - Generation Process Stuck");
    const QString otherCategory
        = QStringLiteral("Incorrect Functionality - Output Quality Issues - Repetitive Output");
    const QString doubleSpace
        = QStringLiteral("Environment Compatibility Issues -  Architecture Compatibility");
    const auto never = [](const Raw &) { return false; };
    const auto text = [](const QString &needle) {
        return [needle](const Raw &r) { return textMatches(r, needle); };
    };
    return {
        {"symptom:1 = Crash", where({{at(Field::Symptom, 1), {crash}}}),
            [=](const Raw &r) { return TestSupport::rawCut(r.symptom, 1) == crash; }},
        {"cause:1 AND stage",
            where({{at(Field::Cause, 1), {environment}},
                {at(Field::Stage), {QStringLiteral("Inference")}}}),
            [=](const Raw &r) {
                return TestSupport::rawCut(r.cause, 1) == environment && r.stage == u"Inference";
            }},
        {"series = DeepSeek OR Llama",
            where({{at(Field::Series), {QStringLiteral("DeepSeek"), QStringLiteral("Llama")}}}),
            [](const Raw &r) { return r.owner == u"deepseek-ai" || r.owner == u"meta-llama"; }},
        // Two levels of one field: both must hold, so the other category's path drops out.
        {"symptom:1 in 2 AND symptom:3 in 3",
            where({{at(Field::Symptom, 1), {crash, hang}},
                {at(Field::Symptom, 3), {assertion, stuck, otherCategory}}}),
            [=](const Raw &r) { return r.symptom == assertion || r.symptom == stuck; }},
        {"symptom:2 AND symptom:1 disjoint",
            where({{at(Field::Symptom, 2), {QStringLiteral("Crash - CUDA Error")}},
                {at(Field::Symptom, 1), {hang}}}),
            never, true},
        {"symptom:3 = 2-level label", where({{at(Field::Symptom, 3), {assertion}}}),
            [=](const Raw &r) { return r.symptom == assertion; }},
        {"cause:2 = double-space label", where({{at(Field::Cause, 2), {doubleSpace}}}),
            [=](const Raw &r) { return r.cause == doubleSpace; }, true},
        {"unknown value", where({{at(Field::Model), {QStringLiteral("No Such Model")}}}), never,
            true},
        {"no values", where({{at(Field::Stage), {}}}), never, true},
        {"model AND architecture AND status",
            where({{at(Field::Model), {QStringLiteral("Qwen2.5"), QStringLiteral("llama")}},
                {at(Field::Architecture), {QStringLiteral("Mixed")}},
                {at(Field::Status), {QStringLiteral("open")}}}),
            [](const Raw &r) {
                return (r.model == u"Qwen2.5" || r.model == u"llama") && r.architecture == u"Mixed"
                    && r.status == u"open";
            }},
        {"text: cuda (labels)", search(QStringLiteral("cuda")), text(QStringLiteral("cuda"))},
        {"text: QWEN2.5#1 (ids)", search(QStringLiteral("QWEN2.5#1")),
            text(QStringLiteral("QWEN2.5#1"))},
        {"text: issues/15 (links)", search(QStringLiteral("issues/15")),
            text(QStringLiteral("issues/15"))},
        {"text: META-LLAMA/LLAMA3 (links)", search(QStringLiteral("META-LLAMA/LLAMA3")),
            text(QStringLiteral("meta-llama/llama3"))},
        // Without a digit, an id or link matches by what comes before its number.
        {"text: DEEPSEEK-AI/ (links, no digit)", search(QStringLiteral("DEEPSEEK-AI/")),
            text(QStringLiteral("deepseek-ai/"))},
        {"text: # (every id)", search(QStringLiteral("#")), text(QStringLiteral("#"))},
        // With digits: across the end of the prefix, or inside the number alone.
        {"text: 5#1 (model tail, then leading digits)", search(QStringLiteral("5#1")),
            text(QStringLiteral("5#1"))},
        {"text: #12 (leading digits)", search(QStringLiteral("#12")), text(QStringLiteral("#12"))},
        {"text: 12 (digits anywhere)", search(QStringLiteral("12")), text(QStringLiteral("12"))},
        {"text: 2 (model names too)", search(QStringLiteral("2")), text(QStringLiteral("2"))},
        {"text: S/15 (link, across)", search(QStringLiteral("S/15")), text(QStringLiteral("s/15"))},
        {"text: 3/issues/1 (repository digit)", search(QStringLiteral("3/issues/1")),
            text(QStringLiteral("3/issues/1"))},
        {"text: #0 (no leading zero)", search(QStringLiteral("#0")), never, true},
        {"text: LM/ (a link owner)", search(QStringLiteral("LM/")),
            text(QStringLiteral("lm/"))},
        {"text: zebrafish (notes)", search(QStringLiteral("zebrafish")),
            text(QStringLiteral("Zebrafish"))},
        {"text AND series",
            where({{at(Field::Series), {QStringLiteral("Qwen")}}}, QStringLiteral("fine-TUNING")),
            [](const Raw &r) {
                return r.series == u"Qwen" && textMatches(r, QStringLiteral("fine-tuning"));
            }},
        {"text: no match", search(QStringLiteral("xyzzy-nothing-matches-this")), never, true},
    };
}

// Facet counts against select(), a plain pass per record: a field's counts are those of the
// records that pass the text and every condition on the other fields. Empty when they agree.
QString facetCountsMismatch(const RecordIndex &index, const Filter &filter)
{
    RowSet passing;
    const FacetCounts counts = FacetCounts::compute(index, filter, &passing);
    if (passing != Triage::select(index, filter))
        return QStringLiteral("the passing rows differ from select()");
    if (counts.matching() != qint64(passing.size()))
        return QStringLiteral("matching() is %1, not %2").arg(counts.matching()).arg(passing.size());
    for (Field field : AllFields) {
        Filter others = filter;
        others.conditions.erase(std::remove_if(others.conditions.begin(), others.conditions.end(),
                                               [&](const Condition &c) { return c.on.field == field; }),
                                others.conditions.end());
        const RowSet rows = Triage::select(index, others);
        for (int level = 1; level <= maxLevel(field); ++level) {
            const RecordIndex::LevelView view = index.view({field, level});
            std::vector<qint64> expected(size_t(view.labels.size()), 0);
            for (quint32 row : rows)
                ++expected[view(row)];
            for (size_t code = 0; code < expected.size(); ++code) {
                const qint64 actual = counts.count(field, level, quint32(code));
                if (actual != expected[code])
                    return QStringLiteral("%1 \u201c%2\u201d: %3, a plain count gives %4")
                        .arg(FieldLevel{field, level}.toString(), view.labels[qsizetype(code)])
                        .arg(actual)
                        .arg(expected[code]);
            }
        }
    }
    return {};
}

} // namespace

void TestRecordIndex::select_data()
{
    QTest::addColumn<QString>("dataset");
    QTest::addColumn<int>("number");
    const std::vector<SelectCase> cases = selectCases();
    for (const QString &dataset : {QStringLiteral("generated"), QStringLiteral("real")}) {
        for (size_t i = 0; i < cases.size(); ++i)
            QTest::newRow(qPrintable(dataset + QStringLiteral(": ") + QLatin1String(cases[i].name)))
                << dataset << int(i);
    }
}

void TestRecordIndex::select()
{
    QFETCH(QString, dataset);
    QFETCH(int, number);
    const Data &d = data(dataset);
    const SelectCase c = selectCases()[size_t(number)];

    QSet<QString> expected;
    for (const Raw &r : d.raw) {
        if (c.wanted(r))
            expected.insert(r.id);
    }
    const RowSet rows = Triage::select(d.index, c.filter);
    QSet<QString> actual;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (i > 0)
            QVERIFY(rows[i - 1] < rows[i]); // increasing, no duplicates
        actual.insert(d.index.id(rows[i]));
    }
    QCOMPARE(qsizetype(rows.size()), expected.size());
    const QSet<QString> extra = actual - expected;
    const QSet<QString> missing = expected - actual;
    QVERIFY2(extra.isEmpty() && missing.isEmpty(),
        qPrintable(QStringLiteral("extra: %1; missing: %2")
                       .arg(QStringList(extra.values()).mid(0, 3).join(u", "),
                           QStringList(missing.values()).mid(0, 3).join(u", "))));
    if (!c.mayBeEmpty)
        QVERIFY(!expected.isEmpty());

    // Facet counts made record by record give the same rows from their own pass, in one part
    // or split over threads, and the parts add up to the same counts.
    RowSet whole;
    const FacetCounts one = FacetCounts::compute(d.perRecord, c.filter, &whole, 1);
    QVERIFY(whole == rows);
    QCOMPARE(one.matching(), qint64(rows.size()));
    for (const int parts : {2, 3, 7}) {
        RowSet split;
        const FacetCounts counts = FacetCounts::compute(d.perRecord, c.filter, &split, parts);
        QVERIFY2(split == rows, qPrintable(QStringLiteral("%1 parts").arg(parts)));
        QCOMPARE(counts.matching(), one.matching());
        for (Field field : AllFields) {
            for (int level = 1; level <= maxLevel(field); ++level) {
                const QStringList &labels = d.index.column(field).levelLabels(level);
                for (qsizetype code = 0; code < labels.size(); ++code)
                    QCOMPARE(counts.count(field, level, quint32(code)),
                             one.count(field, level, quint32(code)));
            }
        }
    }
    for (const RecordIndex *index : {&d.index, &d.perRecord}) {
        const QString mismatch = facetCountsMismatch(*index, c.filter);
        QVERIFY2(mismatch.isEmpty(), qPrintable((index == &d.index ? QStringLiteral("by combination: ")
                                                                    : QStringLiteral("by record: ")) + mismatch));
    }
}

namespace {

// A cell by labels; 0 when either label is not in the table.
qint64 cell(const Crosstab &table, const QString &row, const QString &column = QString())
{
    const int i = table.rowOf(row);
    const int j = column.isEmpty() ? 0 : table.columnOf(column);
    return i < 0 || j < 0 ? 0 : table.count(i, j);
}

bool sameTable(const Crosstab &a, const Crosstab &b)
{
    bool same = a.rowLabels() == b.rowLabels() && a.columnLabels() == b.columnLabels();
    for (int i = 0; same && i < a.rowCount(); ++i)
        same = a.rowVector(i) == b.rowVector(i);
    return same;
}

} // namespace

void TestRecordIndex::applyEdits()
{
    Data &d = m_real;
    RecordIndex &index = d.index;
    const RowSet all = index.allRows();
    const FieldLevel symptom1 = at(Field::Symptom, 1);
    const FieldLevel cause1 = at(Field::Cause, 1);
    const QString crash = QStringLiteral("Crash");
    const QString environment = QStringLiteral("Environment Compatibility Issues");
    const QString tokenizer = QStringLiteral("Tokenizer and Text Processing Issues");
    const QString tokenization = tokenizer + QStringLiteral(" - Tokenization Error");

    // A Crash record with a 3-level symptom and an environment cause, found in the raw files.
    const auto found = std::find_if(d.raw.cbegin(), d.raw.cend(), [&](const Raw &r) {
        return TestSupport::rawCut(r.symptom, 1) == crash && TestSupport::rawCut(r.cause, 1) == environment
            && r.symptom.split(QStringLiteral(" - ")).size() == 3;
    });
    QVERIFY(found != d.raw.cend());
    const Raw original = *found;
    const qint64 rid = *d.workspace->ridOf(original.id);
    const quint32 row = *index.rowOf(rid);
    const auto edit = [&](QVector<Edit> edits) {
        const QVector<AppliedEdit> applied
            = d.workspace->apply({std::move(edits), QStringLiteral("tester"), QString(), /*allowNewLabels=*/true});
        index.applyEdits(applied);
        return applied;
    };

    // Relabel the cause: exactly one unit moves from (Crash, Environment) to (Crash, Tokenizer).
    const Crosstab before = Crosstab::compute(index, all, symptom1, cause1);
    const Crosstab causesBefore = Crosstab::compute(index, all, at(Field::Cause, 2));
    const QVector<AppliedEdit> applied = edit({{rid, EditField::Cause, tokenization}});
    QCOMPARE(int(applied.size()), 1);
    QCOMPARE(applied[0].oldValue, original.cause);
    QCOMPARE(index.text(at(Field::Cause, 2), row), tokenization);
    const Crosstab after = Crosstab::compute(index, all, symptom1, cause1);
    QCOMPARE(after.rowLabels().size(), before.rowLabels().size());
    for (const QString &s : before.rowLabels()) {
        for (const QString &c : before.columnLabels()) {
            const qint64 delta = s != crash ? 0 : c == environment ? -1 : c == tokenizer ? 1 : 0;
            QCOMPARE(cell(after, s, c), cell(before, s, c) + delta);
        }
    }
    const Crosstab causesAfter = Crosstab::compute(index, all, at(Field::Cause, 2));
    QCOMPARE(cell(causesAfter, original.cause), cell(causesBefore, original.cause) - 1);
    QCOMPARE(cell(causesAfter, tokenization), cell(causesBefore, tokenization) + 1);
    QCOMPARE(index.editors().value(index.editors().codes[row]), QStringLiteral("tester"));

    // A symptom never seen before appears at every level; its category's count is unchanged.
    const QString fresh = QStringLiteral("Crash - Brand New Subcategory - Never Seen Before");
    const QString freshLevel2 = QStringLiteral("Crash - Brand New Subcategory");
    QVERIFY(!index.column(Field::Symptom).find(fresh));
    const qint64 crashes = cell(Crosstab::compute(index, all, symptom1), crash);
    QCOMPARE(int(edit({{rid, EditField::Symptom, fresh}}).size()), 1);
    const Crosstab level3 = Crosstab::compute(index, all, at(Field::Symptom, 3));
    QCOMPARE(level3.rowCount(), 38); // 37 paths in the raw data + 1
    QCOMPARE(cell(level3, fresh), qint64(1));
    QCOMPARE(cell(Crosstab::compute(index, all, at(Field::Symptom, 2)), freshLevel2), qint64(1));
    QCOMPARE(cell(Crosstab::compute(index, all, symptom1), crash), crashes);
    QVERIFY(Triage::select(index, Filter{{{at(Field::Symptom, 2), {freshLevel2}}}, QString()})
        == RowSet{row});
    QVERIFY(Triage::select(index, Filter{{}, QStringLiteral("never seen BEFORE")}) == RowSet{row});

    // The facet counts follow: the record now holds a combination of values no record held.
    const QVector<Filter> facetFilters = {
        Filter{{{at(Field::Symptom, 2), {freshLevel2}}}, QString()},
        Filter{{{cause1, {tokenizer}}}, QString()},
        Filter{{{symptom1, {crash}}, {at(Field::Stage), {QStringLiteral("Inference")}}}, QString()},
        Filter{}};
    for (const Filter &filter : facetFilters) {
        const QString mismatch = facetCountsMismatch(index, filter);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }
    QCOMPARE(FacetCounts::compute(index, facetFilters[0]).count(Field::Symptom, 3, fresh), qint64(1));
    QCOMPARE(FacetCounts::compute(index, facetFilters[1]).count(Field::Symptom, 3, fresh), qint64(1));

    // A note edit reaches the text search.
    edit({{rid, EditField::Note, QStringLiteral("Quokka")}});
    QVERIFY(Triage::select(index, Filter{{}, QStringLiteral("quokka")}) == RowSet{row});

    // The index edited in place equals one built afresh from the store.
    RecordIndex rebuilt;
    rebuilt.build(*d.workspace);
    rebuilt.buildCombinations();
    for (Field field : AllFields) {
        for (int level = 1; level <= maxLevel(field); ++level) {
            QVERIFY(sameTable(Crosstab::compute(index, all, at(field, level), cause1),
                Crosstab::compute(rebuilt, rebuilt.allRows(), at(field, level), cause1)));
        }
    }
    for (const Filter &filter : facetFilters) {
        RowSet editedRows, rebuiltRows;
        const FacetCounts edited = FacetCounts::compute(index, filter, &editedRows);
        const FacetCounts fromStore = FacetCounts::compute(rebuilt, filter, &rebuiltRows);
        QVERIFY(editedRows == rebuiltRows);
        for (Field field : AllFields) {
            for (int level = 1; level <= maxLevel(field); ++level) {
                for (const QString &label : rebuilt.column(field).levelLabels(level))
                    QCOMPARE(edited.count(field, level, label), fromStore.count(field, level, label));
            }
        }
    }

    // Undo: back to the counts of the files. The new label stays in the dictionary, but no
    // record uses it, so it is not counted.
    QCOMPARE(int(edit({{rid, EditField::Cause, original.cause},
                          {rid, EditField::Symptom, original.symptom}, {rid, EditField::Note, {}}})
                     .size()),
        3);
    QVERIFY(sameTable(Crosstab::compute(index, all, symptom1, cause1), before));
    QCOMPARE(Crosstab::compute(index, all, at(Field::Symptom, 3)).rowCount(), 37);
    for (const Filter &filter : facetFilters) {
        const QString mismatch = facetCountsMismatch(index, filter);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }
    QCOMPARE(FacetCounts::compute(index, facetFilters[1]).count(Field::Symptom, 3, fresh), qint64(0));
}

QTEST_GUILESS_MAIN(TestRecordIndex)
#include "tst_recordindex.moc"
