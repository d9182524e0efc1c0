// The real Open-LLM-Failures dataset end to end: import, index, the shape the paper describes,
// and the three findings. The expected numbers were computed independently from the raw JSON
// files with Python (json + pandas + scipy, /usr/bin/python3):
//   categories: label.split(' - ')[0]; series: link owner deepseek-ai/meta-llama/QwenLM
//   chi2_contingency(pd.crosstab(...).values, correction=False) -> statistic, p, dof
//   Cramér's V = sqrt(chi2 / (n * (min(rows, columns) - 1)))
//   scipy.stats.pearsonr over pd.crosstab(series, category) rows -> Pearson's r
// Counts that the test can make itself (records, models, paths, links) are also counted here
// from the raw files with QJsonDocument.

#include "crosstab.h"
#include "findings.h"
#include "importer.h"
#include "recordindex.h"
#include "statistics.h"
#include "rawdataset.h"
#include "testsupport.h"
#include "workspace.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QtTest>

#include <cmath>
#include <map>

using namespace Triage;

namespace {

struct Raw
{
    QString id;
    QString link;
    QString symptom;
    QString cause;
    QString stage;
    QString model;
};

QVector<Raw> readRaw(const QString &folder, int *files)
{
    QVector<Raw> records;
    QSet<QString> seen;
    for (const TestSupport::RawRecord &raw : TestSupport::readRawRecords(folder)) {
        seen.insert(raw.file);
        Raw r;
        r.model = raw.text(u"model");
        r.id = raw.id();
        r.link = raw.text(u"link");
        r.symptom = raw.text(u"SYMPTOM");
        r.cause = raw.text(u"ROOT CAUSE");
        r.stage = raw.text(u"STAGE");
        records.append(r);
    }
    *files = int(seen.size());
    return records;
}

QString category(const QString &label)
{
    return label.split(QStringLiteral(" - ")).first();
}

const QString Configuration = QStringLiteral("Configuration and Parameter Setting Errors");
const QString Environment = QStringLiteral("Environment Compatibility Issues");

} // namespace

class TestRealDataset : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shape();
    void sharedIssues();
    void divergence();
    void escalation();
    void homogeneity();
    void stricterRulesFail();
    void escalationFlipsWithTheData();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_workspace;
    RecordIndex m_index;
    QVector<Raw> m_raw;
    int m_files = 0;
    ImportReport m_report;
};

void TestRealDataset::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_workspace = TestSupport::createWorkspace(m_dir);
    m_report = Importer(*m_workspace).run({TestSupport::datasetPath()});
    m_index.build(*m_workspace);
    m_raw = readRaw(TestSupport::datasetPath(), &m_files);
}

void TestRealDataset::shape()
{
    // The import takes every record of the 14 files and refuses nothing.
    QCOMPARE(m_files, 14);
    QCOMPARE(int(m_raw.size()), 706);
    QCOMPARE(m_report.files, qint64(14));
    QCOMPARE(m_report.imported, qint64(706));
    QVERIFY2(!m_report.hasRefusals(), qPrintable(m_report.summary()));
    QCOMPARE(m_workspace->recordCount(), qint64(706));
    QCOMPARE(m_index.size(), 706);

    // The README's numbers, also counted here from the raw files.
    QSet<QString> models, symptomCategories, causeCategories, symptomPaths, causes;
    for (const Raw &r : std::as_const(m_raw)) {
        models.insert(r.model);
        symptomCategories.insert(category(r.symptom));
        causeCategories.insert(category(r.cause));
        symptomPaths.insert(r.symptom);
        causes.insert(r.cause);
    }
    QCOMPARE(int(models.size()), 14);
    QCOMPARE(int(symptomCategories.size()), 5);
    QCOMPARE(int(causeCategories.size()), 9);
    QCOMPARE(int(symptomPaths.size()), 37);
    QCOMPARE(int(causes.size()), 27);

    // ... and the index sees the same.
    const RowSet all = m_index.allRows();
    const auto rowsOf = [&](Field field, int level) {
        return Crosstab::compute(m_index, all, {field, level}).rowCount();
    };
    QCOMPARE(rowsOf(Field::Model, 1), 14);
    QCOMPARE(rowsOf(Field::Symptom, 1), 5);
    QCOMPARE(rowsOf(Field::Cause, 1), 9);
    QCOMPARE(rowsOf(Field::Symptom, 3), 37);
    QCOMPARE(rowsOf(Field::Cause, 2), 27);
    QCOMPARE(rowsOf(Field::Stage, 1), 2);
    QCOMPARE(rowsOf(Field::Architecture, 1), 3);

    // Series sizes, from pandas: Qwen 449, Llama 171, DeepSeek 86.
    const Crosstab series = Crosstab::compute(m_index, all, {Field::Series, 1});
    QCOMPARE(series.rowLabels(),
        QStringList({QStringLiteral("Qwen"), QStringLiteral("Llama"), QStringLiteral("DeepSeek")}));
    QCOMPARE(series.count(0, 0), qint64(449));
    QCOMPARE(series.count(1, 0), qint64(171));
    QCOMPARE(series.count(2, 0), qint64(86));
}

void TestRealDataset::sharedIssues()
{
    const QStringList expected = {QStringLiteral("https://github.com/QwenLM/Qwen/issues/15"),
        QStringLiteral("https://github.com/QwenLM/Qwen2.5/issues/306"),
        QStringLiteral("https://github.com/meta-llama/llama/issues/834")};
    // In the raw files ...
    std::map<QString, int> rawLinks;
    for (const Raw &r : std::as_const(m_raw))
        ++rawLinks[r.link];
    QStringList rawShared;
    for (const auto &[link, n] : rawLinks) {
        QVERIFY(n <= 2);
        if (n == 2)
            rawShared.append(link);
    }
    rawShared.sort();
    QCOMPARE(rawShared, expected);
    // ... and in the index, where both records of each issue are there under their own ids.
    std::map<QString, QStringList> indexLinks;
    for (quint32 row = 0; row < quint32(m_index.size()); ++row)
        indexLinks[m_index.link(row)].append(m_index.id(row));
    QStringList indexShared;
    for (const auto &[link, ids] : indexLinks) {
        if (ids.size() > 1) {
            QCOMPARE(int(ids.size()), 2);
            QVERIFY(ids[0] != ids[1]);
            indexShared.append(link);
        }
    }
    indexShared.sort();
    QCOMPARE(indexShared, expected);
}

void TestRealDataset::divergence()
{
    const Findings findings = Findings::compute(m_index, m_index.allRows());
    const DivergenceFinding &f = findings.divergence;
    QCOMPARE(f.table.rowCount(), 5);
    QCOMPARE(f.table.columnCount(), 9);
    COMPARE_RELATIVE(f.test.statistic, 235.26900990265986, 1e-9);
    QCOMPARE(f.test.dof, 32);
    COMPARE_RELATIVE(f.test.p, 8.168486760271512e-33, 1e-8);
    COMPARE_RELATIVE(f.test.cramersV, 0.28863568025200836, 1e-9);
    QCOMPARE(qint64(f.test.n), qint64(706));

    // From pd.crosstab: Crash's top cause is Environment (100 of 295 crashes); tokenizer causes
    // show most often as Incorrect Functionality (41 of 51).
    const auto crash = std::find_if(f.topCauses.cbegin(), f.topCauses.cend(),
        [](const TopLabel &t) { return t.of == u"Crash"; });
    QVERIFY(crash != f.topCauses.cend());
    QCOMPARE(crash->label, Environment);
    QCOMPARE(crash->count, qint64(100));
    QCOMPARE(f.tokenizerTopSymptom.label, QStringLiteral("Incorrect Functionality"));
    QCOMPARE(f.tokenizerTopSymptom.count, qint64(41));
    COMPARE_RELATIVE(f.tokenizerTopSymptom.share, 41.0 / 51.0, 1e-12);
    QCOMPARE(int(f.checks.size()), 3);
    for (const FindingCheck &check : f.checks)
        QVERIFY2(check.passed, qPrintable(check.description));
    QVERIFY(holds(f.checks));
}

void TestRealDataset::escalation()
{
    const Findings findings = Findings::compute(m_index, m_index.allRows());
    const EscalationFinding &f = findings.escalation;
    QCOMPARE(f.table.rowLabels(),
        QStringList({QStringLiteral("Inference"), QStringLiteral("Fine-tuning")}));
    QCOMPARE(f.table.columnCount(), 9);
    COMPARE_RELATIVE(f.test.statistic, 21.98150435854991, 1e-9);
    QCOMPARE(f.test.dof, 8);
    COMPARE_RELATIVE(f.test.p, 0.004950245853944354, 1e-9);
    // From pd.crosstab(stage, cause category): Fine-tuning 46 configuration of 149, Inference
    // 181 environment of 557.
    QCOMPARE(int(f.topCauses.size()), 2);
    QCOMPARE(f.topCauses[0].of, QStringLiteral("Inference"));
    QCOMPARE(f.topCauses[0].label, Environment);
    QCOMPARE(f.topCauses[0].count, qint64(181));
    QCOMPARE(f.topCauses[1].of, QStringLiteral("Fine-tuning"));
    QCOMPARE(f.topCauses[1].label, Configuration);
    QCOMPARE(f.topCauses[1].count, qint64(46));
    COMPARE_RELATIVE(f.topCauses[1].share, 46.0 / 149.0, 1e-12);
    for (const FindingCheck &check : f.checks)
        QVERIFY2(check.passed, qPrintable(check.description));
    QVERIFY(holds(f.checks));
}

void TestRealDataset::homogeneity()
{
    const Findings findings = Findings::compute(m_index, m_index.allRows());
    const HomogeneityFinding &f = findings.homogeneity;
    QCOMPARE(f.series,
        QStringList({QStringLiteral("DeepSeek"), QStringLiteral("Llama"), QStringLiteral("Qwen")}));
    // scipy.stats.pearsonr over the series' category counts (order DeepSeek, Llama, Qwen).
    const double symptom[3][3] = {{1, 0.568989724740894, 0.9074333438662731},
        {0.568989724740894, 1, 0.8201573558551942}, {0.9074333438662731, 0.8201573558551942, 1}};
    const double cause[3][3] = {{1, 0.3688059790183477, 0.8670951853081514},
        {0.3688059790183477, 1, 0.6972223714578992}, {0.8670951853081514, 0.6972223714578992, 1}};
    QCOMPARE(int(f.symptomPearson.size()), 3);
    QCOMPARE(int(f.causePearson.size()), 3);
    for (int a = 0; a < 3; ++a) {
        QCOMPARE(int(f.symptomPearson[a].size()), 3);
        QCOMPARE(int(f.causePearson[a].size()), 3);
        for (int b = 0; b < 3; ++b) {
            COMPARE_RELATIVE(f.symptomPearson[a][b], symptom[a][b], 1e-9);
            COMPARE_RELATIVE(f.causePearson[a][b], cause[a][b], 1e-9);
        }
    }
    // The 4-decimal values of the brief, as a cross-check of the constants above.
    QCOMPARE(QString::number(f.causePearson[0][1], 'f', 4), QStringLiteral("0.3688"));
    QCOMPARE(QString::number(f.symptomPearson[0][1], 'f', 4), QStringLiteral("0.5690"));
    // Every series' top cause category is Environment (pandas: 18, 45, 160).
    QCOMPARE(int(f.topCauses.size()), 3);
    const qint64 tops[] = {18, 45, 160};
    for (int s = 0; s < 3; ++s) {
        QCOMPARE(f.topCauses[s].of, f.series[s]);
        QCOMPARE(f.topCauses[s].label, Environment);
        QCOMPARE(f.topCauses[s].count, tops[s]);
    }
    for (const FindingCheck &check : f.checks)
        QVERIFY2(check.passed, qPrintable(check.description));
    QVERIFY(holds(f.checks));
}

void TestRealDataset::stricterRulesFail()
{
    // The same data judged by stricter rules: the checks can fail.
    FindingRules rules;
    rules.alpha = 1e-3; // escalation's p = 0.00495 is no longer small enough
    rules.minPearson = 0.4; // DeepSeek-Llama over causes is 0.369
    const Findings strict = Findings::compute(m_index, m_index.allRows(), rules);
    QVERIFY(holds(strict.divergence.checks)); // p = 8e-33
    QVERIFY(!holds(strict.escalation.checks));
    QVERIFY(!strict.escalation.checks[0].passed);
    QVERIFY(!holds(strict.homogeneity.checks));
    QVERIFY(strict.homogeneity.checks[1].passed); // symptoms: lowest 0.569
    QVERIFY(!strict.homogeneity.checks[2].passed); // causes: lowest 0.369

    // No rows: nothing can be claimed.
    const Findings none = Findings::compute(m_index, RowSet{});
    QVERIFY(!holds(none.divergence.checks));
    QVERIFY(!holds(none.homogeneity.checks));
    QVERIFY(!holds(none.escalation.checks));
}

void TestRealDataset::escalationFlipsWithTheData()
{
    // Fine-tuning has 46 configuration causes and 42 environment ones (pandas). Moving 10 of
    // the configuration ones to a model-corruption cause leaves 36 < 42: Environment becomes
    // Fine-tuning's top cause and the finding no longer holds.
    const QString corruption = QStringLiteral("Model Corruption Issues - Checkpoint Corruption");
    EditSet relabel{{}, QStringLiteral("tester"), QStringLiteral("flip")};
    EditSet undo{{}, QStringLiteral("tester"), QStringLiteral("undo")};
    for (const Raw &r : std::as_const(m_raw)) {
        if (r.stage != u"Fine-tuning" || category(r.cause) != Configuration)
            continue;
        const std::optional<qint64> rid = m_workspace->ridOf(r.id);
        QVERIFY(rid);
        relabel.edits.append({*rid, EditField::Cause, corruption});
        undo.edits.append({*rid, EditField::Cause, r.cause});
        if (relabel.edits.size() == 10)
            break;
    }
    QCOMPARE(int(relabel.edits.size()), 10);

    QVERIFY(holds(Findings::compute(m_index, m_index.allRows()).escalation.checks));
    const QVector<AppliedEdit> applied = m_workspace->apply(relabel);
    QCOMPARE(int(applied.size()), 10);
    m_index.applyEdits(applied);

    const EscalationFinding flipped = Findings::compute(m_index, m_index.allRows()).escalation;
    QVERIFY(!holds(flipped.checks));
    QCOMPARE(flipped.topCauses[1].of, QStringLiteral("Fine-tuning"));
    QCOMPARE(flipped.topCauses[1].label, Environment);
    QCOMPARE(flipped.topCauses[1].count, qint64(42));
    QVERIFY(!flipped.checks[1].passed); // the Fine-tuning check is the one that fails
    QVERIFY(flipped.checks[2].passed); // Inference is untouched
    const Crosstab table = flipped.table;
    QCOMPARE(table.count(table.rowOf(QStringLiteral("Fine-tuning")), table.columnOf(Configuration)),
        qint64(36));
    // The store agrees with the index: a rebuilt index gives the same finding.
    RecordIndex rebuilt;
    rebuilt.build(*m_workspace);
    QVERIFY(!holds(Findings::compute(rebuilt, rebuilt.allRows()).escalation.checks));

    // Undo with the old values: the finding holds again with the original statistics.
    const QVector<AppliedEdit> undone = m_workspace->apply(undo);
    QCOMPARE(int(undone.size()), 10);
    m_index.applyEdits(undone);
    const EscalationFinding restored = Findings::compute(m_index, m_index.allRows()).escalation;
    QVERIFY(holds(restored.checks));
    COMPARE_RELATIVE(restored.test.statistic, 21.98150435854991, 1e-9);
    COMPARE_RELATIVE(restored.test.p, 0.004950245853944354, 1e-9);
    QCOMPARE(restored.topCauses[1].count, qint64(46));
}

QTEST_GUILESS_MAIN(TestRealDataset)
#include "tst_realdataset.moc"
