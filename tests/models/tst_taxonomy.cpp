// The symptom and cause trees and the label lint. Tree counts are checked against a plain
// count of the raw JSON files made in this test (labels split on " - " here); the lint is
// checked on a small hand-written dataset whose issues are known by construction, and on the
// real dataset, whose issues were listed with a short Python script over the raw files
// (prefixes counted per level, parts compared after ' '.join(part.split()).casefold()).

#include "importer.h"
#include "recordindex.h"
#include "taxonomy.h"
#include "rawdataset.h"
#include "testsupport.h"
#include "workspace.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <functional>
#include <map>

using namespace Triage;

namespace {

struct Raw
{
    QString symptom;
    QString cause;
    QString stage;
};

QVector<Raw> readRaw(const QString &folder)
{
    QVector<Raw> records;
    for (const TestSupport::RawRecord &raw : TestSupport::readRawRecords(folder))
        records.append({raw.text(u"SYMPTOM"), raw.text(u"ROOT CAUSE"), raw.text(u"STAGE")});
    return records;
}

// Every prefix path of every label ("A", "A - B", "A - B - C") with how many records it covers.
std::map<QString, qint64> prefixCounts(
    const QVector<Raw> &records, Field field, const QString &stage = QString())
{
    std::map<QString, qint64> counts;
    for (const Raw &r : records) {
        if (!stage.isEmpty() && r.stage != stage)
            continue;
        const QStringList parts
            = (field == Field::Symptom ? r.symptom : r.cause).split(QStringLiteral(" - "));
        for (int level = 1; level <= parts.size(); ++level)
            ++counts[parts.mid(0, level).join(QStringLiteral(" - "))];
    }
    return counts;
}

// Walks the tree, checking every node against the plain counts; returns the number of nodes.
int checkNode(const TaxonomyNode &node, const std::map<QString, qint64> &counts, int level)
{
    int nodes = 0;
    // The expected children: paths one level deeper that extend this node's path.
    std::map<QString, qint64> expectedChildren;
    for (const auto &[path, count] : counts) {
        const QStringList parts = path.split(QStringLiteral(" - "));
        if (parts.size() != level + 1)
            continue;
        if (level == 0 || parts.mid(0, level).join(QStringLiteral(" - ")) == node.path)
            expectedChildren[path] = count;
    }
    if (node.children.size() != expectedChildren.size()) {
        qWarning() << node.path << "has" << node.children.size() << "children, expected"
                   << expectedChildren.size();
        return -1000;
    }
    for (size_t i = 0; i < node.children.size(); ++i) {
        const TaxonomyNode &c = node.children[i];
        if (!expectedChildren.count(c.path) || expectedChildren[c.path] != c.count
            || c.level != level + 1 || c.name != c.path.split(QStringLiteral(" - ")).last()) {
            qWarning() << "unexpected node" << c.path << c.name << c.level << c.count;
            return -1000;
        }
        if (i > 0) { // by count descending, then by name
            const TaxonomyNode &b = node.children[i - 1];
            if (!(b.count > c.count || (b.count == c.count && b.name < c.name))) {
                qWarning() << "children out of order:" << b.path << b.count << c.path << c.count;
                return -1000;
            }
        }
        nodes += 1 + checkNode(c, counts, level + 1);
    }
    return nodes;
}

const TaxonomyNode *findPath(const TaxonomyNode &root, const QStringList &parts)
{
    const TaxonomyNode *node = &root;
    for (const QString &part : parts) {
        node = node->child(part);
        if (!node)
            return nullptr;
    }
    return node;
}

QString describe(const LintIssue &issue)
{
    QStringList labelsWithCounts;
    for (qsizetype i = 0; i < issue.labels.size(); ++i)
        labelsWithCounts.append(
            QStringLiteral("%1=%2").arg(issue.labels[i]).arg(issue.counts.value(i, -1)));
    const char *kinds[] = {"near-duplicate", "whitespace", "singleton"};
    return QStringLiteral("%1 %2 [%3]")
        .arg(QLatin1String(kinds[int(issue.kind)]), issue.on.toString(),
            labelsWithCounts.join(QStringLiteral(" | ")));
}

QStringList describeAll(const QVector<LintIssue> &issues)
{
    QStringList all;
    for (const LintIssue &issue : issues)
        all.append(describe(issue));
    all.sort();
    return all;
}

} // namespace

class TestTaxonomy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void trees_data();
    void trees();
    void twoLevelSymptomIsALeafAtLevelTwo();
    void doubleSpaceCauseKeepsItsPart();
    void treeOverSomeRows();
    void lintSmallDataset();
    void lintRealDataset();
    void lintPlainFieldsAreNotPaths();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_workspace;
    RecordIndex m_index;
    QVector<Raw> m_raw;
};

void TestTaxonomy::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_workspace = TestSupport::createWorkspace(m_dir);
    const ImportReport report = Importer(*m_workspace).run({TestSupport::datasetPath()});
    QVERIFY2(!report.hasRefusals(), qPrintable(report.summary()));
    m_index.build(*m_workspace);
    m_raw = readRaw(TestSupport::datasetPath());
    QCOMPARE(int(m_raw.size()), 706);
    QCOMPARE(m_index.size(), 706);
}

void TestTaxonomy::trees_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<int>("categories"); // counted with Python from the raw files
    QTest::addColumn<int>("leaves");
    QTest::newRow("symptom") << int(Field::Symptom) << 5 << 37;
    QTest::newRow("cause") << int(Field::Cause) << 9 << 27;
}

void TestTaxonomy::trees()
{
    QFETCH(int, field);
    QFETCH(int, categories);
    QFETCH(int, leaves);
    const TaxonomyNode root = buildTaxonomy(m_index, m_index.allRows(), Field(field));
    QCOMPARE(root.level, 0);
    QCOMPARE(root.count, qint64(706));
    QCOMPARE(int(root.children.size()), categories);

    const std::map<QString, qint64> counts = prefixCounts(m_raw, Field(field));
    // Every distinct prefix is exactly one node, with the plain count.
    QCOMPARE(checkNode(root, counts, 0), int(counts.size()));

    // The leaves are the distinct full labels, and their counts add up to all records.
    int leafCount = 0;
    qint64 leafTotal = 0;
    std::function<void(const TaxonomyNode &)> visit = [&](const TaxonomyNode &node) {
        if (node.children.empty() && node.level > 0) {
            ++leafCount;
            leafTotal += node.count;
        }
        qint64 childSum = 0;
        for (const TaxonomyNode &c : node.children) {
            childSum += c.count;
            visit(c);
        }
        // A node's count is the sum of its children's (no label stops at a category).
        if (!node.children.empty())
            QCOMPARE(childSum, node.count);
    };
    visit(root);
    QCOMPARE(leafCount, leaves);
    QCOMPARE(leafTotal, qint64(706));
}

void TestTaxonomy::twoLevelSymptomIsALeafAtLevelTwo()
{
    const TaxonomyNode root = buildTaxonomy(m_index, m_index.allRows(), Field::Symptom);
    // "Crash - Assertion Failure" has two parts in the data: a leaf at level 2.
    const TaxonomyNode *assertion
        = findPath(root, {QStringLiteral("Crash"), QStringLiteral("Assertion Failure")});
    QVERIFY(assertion);
    QCOMPARE(assertion->level, 2);
    QCOMPARE(assertion->path, QStringLiteral("Crash - Assertion Failure"));
    QVERIFY(assertion->children.empty());
    QCOMPARE(assertion->count,
        prefixCounts(m_raw, Field::Symptom).at(QStringLiteral("Crash - Assertion Failure")));
    // All ten 2-level paths of the data are leaves at level 2 (10 counted with Python).
    int twoLevelLeaves = 0;
    for (const TaxonomyNode &category : root.children) {
        for (const TaxonomyNode &sub : category.children) {
            if (sub.children.empty())
                ++twoLevelLeaves;
        }
    }
    QCOMPARE(twoLevelLeaves, 10);
    // The singleton 2-level path is a leaf with count 1.
    const TaxonomyNode *slowLoading = findPath(
        root, {QStringLiteral("Poor Performance"), QStringLiteral("Slow Loading Speed")});
    QVERIFY(slowLoading);
    QCOMPARE(slowLoading->count, qint64(1));
    QVERIFY(slowLoading->children.empty());
}

void TestTaxonomy::doubleSpaceCauseKeepsItsPart()
{
    // The part after " - " keeps its leading space: the tree shows the data as it is.
    const TaxonomyNode root = buildTaxonomy(m_index, m_index.allRows(), Field::Cause);
    const TaxonomyNode *environment
        = root.child(QStringLiteral("Environment Compatibility Issues"));
    QVERIFY(environment);
    QCOMPARE(environment->count, qint64(223)); // pandas value_counts of the cause category
    const TaxonomyNode *odd = environment->child(QStringLiteral(" Architecture Compatibility"));
    QVERIFY(odd);
    QCOMPARE(odd->path,
        QStringLiteral("Environment Compatibility Issues -  Architecture Compatibility"));
    QCOMPARE(odd->count, qint64(1));
    QVERIFY(!environment->child(QStringLiteral("Architecture Compatibility")));
}

void TestTaxonomy::treeOverSomeRows()
{
    // Only the Fine-tuning records (149 of them, counted with Python).
    RowSet fineTuning;
    for (quint32 row = 0; row < quint32(m_index.size()); ++row) {
        if (m_index.text({Field::Stage, 1}, row) == u"Fine-tuning")
            fineTuning.push_back(row);
    }
    QCOMPARE(int(fineTuning.size()), 149);
    for (Field field : {Field::Symptom, Field::Cause}) {
        const TaxonomyNode root = buildTaxonomy(m_index, fineTuning, field);
        QCOMPARE(root.count, qint64(149));
        const std::map<QString, qint64> counts
            = prefixCounts(m_raw, field, QStringLiteral("Fine-tuning"));
        QCOMPARE(checkNode(root, counts, 0), int(counts.size()));
    }
    // Fine-tuning's cause categories, from pandas: Configuration 46 first, Environment 42 next.
    const TaxonomyNode causes = buildTaxonomy(m_index, fineTuning, Field::Cause);
    QCOMPARE(causes.children[0].name, QStringLiteral("Configuration and Parameter Setting Errors"));
    QCOMPARE(causes.children[0].count, qint64(46));
    QCOMPARE(causes.children[1].name, QStringLiteral("Environment Compatibility Issues"));
    QCOMPARE(causes.children[1].count, qint64(42));

    const TaxonomyNode empty = buildTaxonomy(m_index, RowSet{}, Field::Symptom);
    QCOMPARE(empty.count, qint64(0));
    QVERIFY(empty.children.empty());
}

void TestTaxonomy::lintSmallDataset()
{
    QTemporaryDir dir;
    const QByteArray memory = "Crash - Out of memory";
    const QByteArray memoryOdd = "Crash - out of  memory"; // case and a doubled space
    const QByteArray repetitive = "Incorrect Functionality - Output Issues - Repetitive Output";
    const QByteArray repetitiveLower
        = "Incorrect Functionality - Output Issues - Repetitive output";
    const QByteArray stuck = "Hang - Generation Process Stuck";
    const QByteArray gpu = "Hardware and Resource Limitations - GPU Memory Insufficiency";
    const QByteArray cuda = "Environment Compatibility Issues - CUDA Version Compatibility";
    const QByteArray arch = "Environment Compatibility Issues -  Architecture Compatibility";
    const std::pair<QByteArray, QByteArray> rows[] = {
        {memory, gpu},
        {memory, gpu},
        {memoryOdd, gpu},
        {repetitive, gpu},
        {repetitive, gpu},
        {repetitiveLower, cuda},
        {repetitiveLower, cuda},
        {stuck, cuda},
        {stuck, cuda},
        {stuck, arch},
    };
    QByteArray json = "[\n";
    int number = 0;
    for (const auto &[symptom, cause] : rows) {
        if (number > 0)
            json += ",\n";
        ++number;
        json += TestSupport::recordJson(number, "TestModel", symptom, cause);
    }
    json += "\n]\n";
    const QString path = TestSupport::writeFile(dir, QStringLiteral("small.json"), json);
    std::unique_ptr<Workspace> workspace = TestSupport::createWorkspace(dir);
    const ImportReport report = Importer(*workspace).run({path});
    QCOMPARE(report.imported, qint64(10));
    RecordIndex index;
    index.build(*workspace);

    // Worked out by hand from the rows above. Model, architecture and status are used by all
    // ten records: nothing to say about them.
    QStringList expected = {
        // symptom:2 siblings under "Crash" equal once white space is collapsed and case folded.
        QStringLiteral(
            "near-duplicate symptom:2 [Crash - Out of memory=2 | Crash - out of  memory=1]"),
        QStringLiteral("whitespace symptom:2 [Crash - out of  memory=1]"),
        // symptom:3 siblings differing in case only (2 each: tie, ordered by label).
        QStringLiteral("near-duplicate symptom:3 [Incorrect Functionality - Output Issues - "
                       "Repetitive Output=2"
                       " | Incorrect Functionality - Output Issues - Repetitive output=2]"),
        // The leaves used once: the odd 2-level symptom and the double-space cause.
        QStringLiteral("singleton symptom:3 [Crash - out of  memory=1]"),
        QStringLiteral("whitespace cause:2 [Environment Compatibility Issues -  Architecture "
                       "Compatibility=1]"),
        QStringLiteral(
            "singleton cause:2 [Environment Compatibility Issues -  Architecture Compatibility=1]"),
    };
    expected.sort();
    const QVector<LintIssue> issues = lintLabels(index);
    QCOMPARE(describeAll(issues), expected);
    // The messages name the labels.
    for (const LintIssue &issue : issues)
        QVERIFY2(issue.toString().contains(issue.labels.value(0)), qPrintable(issue.toString()));
}

void TestTaxonomy::lintRealDataset()
{
    // From the Python script described at the top of this file.
    QStringList expected = {
        QStringLiteral("singleton symptom:3 [Poor Performance - Slow Loading Speed=1]"),
        QStringLiteral("singleton symptom:3 [Incorrect Functionality - Fine-tuning Anomaly - "
                       "Gradient Explosion=1]"),
        QStringLiteral("whitespace cause:2 [Environment Compatibility Issues -  Architecture "
                       "Compatibility=1]"),
        QStringLiteral(
            "singleton cause:2 [Environment Compatibility Issues -  Architecture Compatibility=1]"),
        QStringLiteral("singleton model [DeepSeek-Math=1]"),
    };
    expected.sort();
    QCOMPARE(describeAll(lintLabels(m_index)), expected);
}

void TestTaxonomy::lintPlainFieldsAreNotPaths()
{
    // A model name may hold " - ": it is one value, not a path. "Acme - One" and "Other - one"
    // are different models (only the text after the dash agrees once case is folded), while
    // "Acme - One" and "acme - one" differ in case only. Each model is used twice.
    QTemporaryDir dir;
    QByteArray json = "[\n";
    int number = 0;
    for (const QByteArray model : {"Acme - One", "Other - one", "acme - one"}) {
        for (int i = 0; i < 2; ++i) {
            if (number > 0)
                json += ",\n";
            json += TestSupport::recordJson(++number, model);
        }
    }
    json += "\n]\n";
    const QString path = TestSupport::writeFile(dir, QStringLiteral("models.json"), json);
    std::unique_ptr<Workspace> workspace = TestSupport::createWorkspace(dir);
    QCOMPARE(Importer(*workspace).run({path}).imported, qint64(6));
    RecordIndex index;
    index.build(*workspace);
    // By hand: one near-duplicate pair among the models; the default symptom and cause of
    // recordJson are used six times each.
    QCOMPARE(describeAll(lintLabels(index)),
        QStringList({QStringLiteral("near-duplicate model [Acme - One=2 | acme - one=2]")}));
}

QTEST_GUILESS_MAIN(TestTaxonomy)
#include "tst_taxonomy.moc"
