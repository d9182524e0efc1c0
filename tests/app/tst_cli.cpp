// The command line end to end: the built program run with QProcess. Every run names its
// workspace inside a temporary folder, and HOME/XDG_* point into another, so the user's
// default workspace is never touched. Expected counts are computed here from the dataset's
// JSON files (QJsonDocument), independent of the program; the findings' constants were
// computed with scipy/numpy from the same raw files.

#include "cli/commands.h"
#include "exportchecks.h"
#include "rawdataset.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <unistd.h>
#include <QRegularExpression>
#include <QtTest>

#include <cmath>
#include <map>

using namespace TestSupport;

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

using Counts = std::map<std::pair<QString, QString>, qint64>; // (row, column) -> count

// A record's value for a command-line field spec ("symptom", "cause:2", "series", ...).
QString valueOf(const QJsonObject &r, const QString &spec)
{
    const QString name = spec.section(u':', 0, 0);
    const int level = spec.contains(u':') ? spec.section(u':', 1).toInt() : 1;
    if (name == u"symptom")
        return rawCut(r.value(u"SYMPTOM").toString(), level);
    if (name == u"cause")
        return rawCut(r.value(u"ROOT CAUSE").toString(), level);
    if (name == u"stage")
        return r.value(u"STAGE").toString();
    if (name == u"series")
        return rawSeriesOfLink(r.value(u"link").toString());
    return r.value(name).toString();
}

// "stats --rows symptom" -> {"stats", "--rows", "symptom"}: arguments without spaces.
QStringList words(const char *text)
{
    return QString::fromUtf8(text).split(u' ', Qt::SkipEmptyParts);
}

// Splits one CSV line (RFC 4180 quoting; no line breaks inside cells in these outputs).
QStringList csvCells(const QString &line)
{
    QStringList cells;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == u'"' && i + 1 < line.size() && line[i + 1] == u'"') {
                cell += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            cells.append(cell);
            cell.clear();
        } else {
            cell += c;
        }
    }
    cells.append(cell);
    return cells;
}

bool near(double actual, double expected, double relative, double absolute = 0)
{
    return std::abs(actual - expected) <= std::max(absolute, relative * std::abs(expected));
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void importTwice();
    void statsJson_data();
    void statsJson();
    void statsCsvAndTable();
    void findingsJson();
    void relabelAndHistory();
    void usageErrors();
    void badFileIsQuarantined();
    void importBadInput_data();
    void importBadInput();
    void notAWorkspace();
    void exportUpstreamMatchesDataset();
    void lintFindsDoubleSpace();
    void generateIsReproducible();
    void workspaceBeforeCommand();
    void concurrentImports();
    void relabelRefusals();
    void windowOrCommand();
    void chartHeadless_data();
    void chartHeadless();
    void chartFollowsWhere();
    void chartUsageErrors();
    void readOnlyWorkspace();

private:
    QTemporaryDir m_home; // HOME and XDG folders of the runs
    QTemporaryDir m_dir;
    QString m_dataset; // a real folder (the program cannot read the test's resources)
    QString m_workspace; // the dataset, imported once; tests that edit use their own
    QVector<QJsonObject> m_records;

    QProcessEnvironment environment() const;
    Run run(const QStringList &arguments, const QString &workspace);
    Run runRaw(const QStringList &arguments); // without --workspace appended
    static Run finish(QProcess &process);
    Counts expected(const QString &rows, const QString &cols,
        const QList<std::pair<QString, QString>> &where = {}) const;
};

QProcessEnvironment TestCli::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("USER"), QStringLiteral("tester"));
    env.remove(QStringLiteral("LLMTRIAGE_WORKSPACE"));
    return env;
}

Run TestCli::run(const QStringList &arguments, const QString &workspace)
{
    return runRaw(arguments + QStringList{QStringLiteral("--workspace"), workspace});
}

Run TestCli::runRaw(const QStringList &arguments)
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(TestSupport::binaryPath(), arguments);
    return finish(process);
}

Run TestCli::finish(QProcess &process)
{
    Run result;
    if (!process.waitForFinished(180000)) {
        process.kill();
        process.waitForFinished();
        result.err = "timed out or failed to start: " + process.errorString().toUtf8();
        return result;
    }
    result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

Counts TestCli::expected(
    const QString &rows, const QString &cols, const QList<std::pair<QString, QString>> &where) const
{
    Counts counts;
    for (const QJsonObject &r : m_records) {
        bool selected = true;
        for (const auto &[field, value] : where)
            selected = selected && valueOf(r, field) == value;
        if (selected)
            ++counts[{
                valueOf(r, rows), cols.isEmpty() ? QStringLiteral("count") : valueOf(r, cols)}];
    }
    return counts;
}

#define CHECK_RUN(r, wanted)                                                                       \
    QVERIFY2((r).code == (wanted),                                                                 \
        qPrintable(QStringLiteral("exit %1, stdout: %2, stderr: %3")                               \
                       .arg((r).code)                                                              \
                       .arg(QString::fromUtf8((r).out.left(2000)),                                 \
                           QString::fromUtf8((r).err.left(2000)))))

#define CHECK_NEAR(value, want, relative, absolute)                                                \
    QVERIFY2(near((value).toDouble(), (want), (relative), (absolute)),                             \
        qPrintable(QStringLiteral("%1 = %2, expected %3")                                          \
                       .arg(QStringLiteral(#value))                                                \
                       .arg((value).toDouble(), 0, 'g', 17)                                        \
                       .arg(double(want), 0, 'g', 17)))

void TestCli::initTestCase()
{
    QVERIFY(m_home.isValid() && m_dir.isValid());
    QVERIFY2(QFileInfo(TestSupport::binaryPath()).isExecutable(),
        "LLMTRIAGE_BINARY does not name the built program");
    m_dataset = TestSupport::datasetPath();
    if (m_dataset.startsWith(u':')) { // the embedded copy: write it out for the program
        const QString copy = m_dir.filePath(QStringLiteral("dataset"));
        for (const auto &[path, bytes] : filesBelow(m_dataset))
            TestSupport::writeFile(m_dir, QStringLiteral("dataset/") + path, bytes);
        m_dataset = copy;
    }
    for (const auto &[path, bytes] : filesBelow(m_dataset)) {
        const QJsonDocument doc = QJsonDocument::fromJson(bytes);
        QVERIFY2(doc.isArray(), qPrintable(path));
        for (const QJsonValue &value : doc.array())
            m_records.append(value.toObject());
    }
    QCOMPARE(m_records.size(), 706);

    m_workspace = m_dir.filePath(QStringLiteral("dataset.llmtriage"));
    const Run r = run({QStringLiteral("import"), m_dataset}, m_workspace);
    CHECK_RUN(r, 0);
}

void TestCli::cleanupTestCase()
{
    // No run fell back to a default workspace.
    QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QVERIFY2(!path.contains(QStringLiteral("default.llmtriage")), qPrintable(path));
    }
}

void TestCli::importTwice()
{
    const QString ws = m_dir.filePath(QStringLiteral("twice.llmtriage"));
    Run r = run({QStringLiteral("import"), m_dataset}, ws);
    CHECK_RUN(r, 0);
    QCOMPARE(r.out.split('\n').value(0),
        QByteArray(
            "imported 706, already present 0, conflicts 0, quarantined 0, rejected files 0"));
    r = run({QStringLiteral("import"), m_dataset}, ws);
    CHECK_RUN(r, 0);
    QCOMPARE(r.out.split('\n').value(0),
        QByteArray(
            "imported 0, already present 706, conflicts 0, quarantined 0, rejected files 0"));
}

void TestCli::statsJson_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("rows");
    QTest::addColumn<QString>("cols");
    QTest::addColumn<QString>("where"); // "field=value;field=value"
    QTest::newRow("symptom x series")
        << words("--rows symptom --cols series") << QStringLiteral("symptom")
        << QStringLiteral("series") << QString();
    QTest::newRow("cause:2") << words("--rows cause:2") << QStringLiteral("cause:2") << QString()
                             << QString();
    QTest::newRow("symptom:3 x stage")
        << words("--rows symptom:3 --cols stage") << QStringLiteral("symptom:3")
        << QStringLiteral("stage") << QString();
    QTest::newRow("stage where Qwen crashes")
        << words("--rows stage --where series=Qwen --where symptom=Crash")
        << QStringLiteral("stage") << QString() << QStringLiteral("series=Qwen;symptom=Crash");
}

void TestCli::statsJson()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, rows);
    QFETCH(QString, cols);
    QFETCH(QString, where);
    QList<std::pair<QString, QString>> conditions;
    for (const QString &c : where.split(u';', Qt::SkipEmptyParts))
        conditions.append({c.section(u'=', 0, 0), c.section(u'=', 1)});
    const Counts want = expected(rows, cols, conditions);
    qint64 wantTotal = 0;
    for (const auto &[key, n] : want)
        wantTotal += n;
    QVERIFY(wantTotal > 0);

    const Run r = run(words("stats") + arguments + words("--format json"), m_workspace);
    CHECK_RUN(r, 0);
    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(r.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(object.keys(),
        QStringList({QStringLiteral("cols"), QStringLiteral("counts"), QStringLiteral("rows"),
            QStringLiteral("total")}));
    const QJsonArray rowLabels = object.value(u"rows").toArray();
    const QJsonArray colLabels = object.value(u"cols").toArray();
    const QJsonArray counts = object.value(u"counts").toArray();
    QCOMPARE(counts.size(), rowLabels.size());
    if (cols.isEmpty())
        QCOMPARE(colLabels, QJsonArray({QStringLiteral("count")}));

    Counts got;
    QSet<QString> wantRows, wantCols, gotRows, gotCols;
    for (const auto &[key, n] : want) {
        wantRows.insert(key.first);
        wantCols.insert(key.second);
    }
    qint64 previousTotal = std::numeric_limits<qint64>::max();
    for (qsizetype i = 0; i < rowLabels.size(); ++i) {
        const QJsonArray row = counts[i].toArray();
        QCOMPARE(row.size(), colLabels.size());
        qint64 rowTotal = 0;
        for (qsizetype j = 0; j < colLabels.size(); ++j) {
            const qint64 n = row[j].toInteger();
            rowTotal += n;
            if (n != 0)
                got[{rowLabels[i].toString(), colLabels[j].toString()}] = n;
        }
        QVERIFY2(rowTotal <= previousTotal, "rows are not ordered by total, largest first");
        previousTotal = rowTotal;
        gotRows.insert(rowLabels[i].toString());
    }
    for (const QJsonValue &c : colLabels)
        gotCols.insert(c.toString());
    QCOMPARE(gotRows, wantRows); // only labels that occur, each once
    QCOMPARE(gotCols, wantCols);
    QCOMPARE(qsizetype(gotRows.size()), rowLabels.size());
    QCOMPARE(got, want);
    QCOMPARE(object.value(u"total").toInteger(), wantTotal);
}

void TestCli::statsCsvAndTable()
{
    const Counts want = expected(QStringLiteral("symptom"), QStringLiteral("series"));
    const QStringList args = words("stats --rows symptom --cols series --format");

    // CSV: a header (the row field, then the columns) and a line per row.
    Run r = run(args + words("csv"), m_workspace);
    CHECK_RUN(r, 0);
    QStringList lines = QString::fromUtf8(r.out).split(QStringLiteral("\r\n"));
    QCOMPARE(lines.takeLast(), QString()); // every line ends in CRLF
    QStringList header = csvCells(lines.takeFirst());
    // The row field as FieldLevel writes it: "symptom:1" (a multi-level field keeps its level).
    QCOMPARE(header.takeFirst(), QStringLiteral("symptom:1"));
    Counts got;
    for (const QString &line : lines) {
        QStringList cells = csvCells(line);
        QCOMPARE(cells.size(), header.size() + 1);
        const QString label = cells.takeFirst();
        for (qsizetype j = 0; j < header.size(); ++j) {
            if (cells[j].toLongLong() != 0)
                got[{label, header[j]}] = cells[j].toLongLong();
        }
    }
    QCOMPARE(got, want);

    // Table: columns padded and separated by two spaces, a rule, and a total row and column.
    r = run(args + words("table"), m_workspace);
    CHECK_RUN(r, 0);
    const QRegularExpression gap(QStringLiteral("\\s{2,}"));
    lines = QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts);
    header = lines.takeFirst().trimmed().split(gap);
    QCOMPARE(header.takeFirst(), QStringLiteral("symptom:1"));
    QCOMPARE(header.takeLast(), QStringLiteral("total"));
    got.clear();
    std::map<QString, qint64> columnTotals;
    bool sawTotal = false;
    for (const QString &line : lines) {
        if (line.startsWith(u'-')) {
            QVERIFY(line.count(u'-') == line.size());
            continue;
        }
        QStringList cells = line.trimmed().split(gap);
        QCOMPARE(cells.size(), header.size() + 2);
        const QString label = cells.takeFirst();
        const qint64 rowTotal = cells.takeLast().toLongLong();
        qint64 sum = 0;
        for (qsizetype j = 0; j < header.size(); ++j) {
            const qint64 n = cells[j].toLongLong();
            sum += n;
            if (label == u"total") {
                QCOMPARE(n, columnTotals[header[j]]);
            } else {
                columnTotals[header[j]] += n;
                if (n != 0)
                    got[{label, header[j]}] = n;
            }
        }
        QCOMPARE(rowTotal, sum);
        if (label == u"total") {
            sawTotal = true;
            QCOMPARE(rowTotal, qint64(706));
        }
    }
    QVERIFY(sawTotal);
    QCOMPARE(got, want);
}

void TestCli::findingsJson()
{
    const Run r = run(words("findings --format json"), m_workspace);
    CHECK_RUN(r, 0);
    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(r.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(object.keys(),
        QStringList({QStringLiteral("divergence"), QStringLiteral("escalation"),
            QStringLiteral("homogeneity")}));
    const QJsonObject divergence = object.value(u"divergence").toObject();
    const QJsonObject homogeneity = object.value(u"homogeneity").toObject();
    const QJsonObject escalation = object.value(u"escalation").toObject();
    for (const char *key : {"chi2", "dof", "p", "cramers_v"}) {
        QVERIFY2(divergence.value(QLatin1String(key)).isDouble(), key);
        QVERIFY2(escalation.value(QLatin1String(key)).isDouble(), key);
    }

    // Constants computed with scipy.stats.chi2_contingency from the raw files.
    CHECK_NEAR(divergence.value(u"chi2"), 235.26900990265986, 1e-6, 0);
    QCOMPARE(divergence.value(u"dof").toInteger(), qint64(32));
    CHECK_NEAR(divergence.value(u"p"), 8.168486760271512e-33, 1e-3, 0);
    CHECK_NEAR(divergence.value(u"cramers_v"), 0.28863568025200836, 1e-6, 0);
    CHECK_NEAR(escalation.value(u"chi2"), 21.98150435854991, 1e-6, 0);
    QCOMPARE(escalation.value(u"dof").toInteger(), qint64(8));
    CHECK_NEAR(escalation.value(u"p"), 0.004950245853944354, 1e-4, 0);

    QCOMPARE(homogeneity.value(u"series").toArray(),
        QJsonArray({QStringLiteral("DeepSeek"), QStringLiteral("Llama"), QStringLiteral("Qwen")}));
    const struct
    {
        const char *key;
        double dsLlama, dsQwen, llamaQwen;
    } matrices[]
        = {{"cause_pearson", 0.3688, 0.8671, 0.6972}, {"symptom_pearson", 0.569, 0.9074, 0.8202}};
    for (const auto &m : matrices) {
        const QJsonArray rows = homogeneity.value(QLatin1String(m.key)).toArray();
        QCOMPARE(rows.size(), 3);
        const double want[3][3]
            = {{1, m.dsLlama, m.dsQwen}, {m.dsLlama, 1, m.llamaQwen}, {m.dsQwen, m.llamaQwen, 1}};
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(rows[i].toArray().size(), 3);
            for (int j = 0; j < 3; ++j) // numpy.corrcoef, given to 3-4 decimals
                CHECK_NEAR(rows[i].toArray().at(j), want[i][j], 0, 1e-3);
        }
    }
}

void TestCli::relabelAndHistory()
{
    const QString ws = m_dir.filePath(QStringLiteral("relabel.llmtriage"));
    CHECK_RUN(run({QStringLiteral("import"), m_dataset}, ws), 0);
    // llama#1 from the raw files, and a symptom another record has.
    QString id, oldSymptom, newSymptom;
    for (const QJsonObject &r : m_records) {
        if (r.value(u"model").toString() == u"llama" && r.value(u"number").toInteger() == 1) {
            id = QStringLiteral("llama#1");
            oldSymptom = r.value(u"SYMPTOM").toString();
        }
    }
    QVERIFY(!id.isEmpty());
    for (const QJsonObject &r : m_records) {
        if (r.value(u"SYMPTOM").toString() != oldSymptom)
            newSymptom = r.value(u"SYMPTOM").toString();
    }

    Run r = run({QStringLiteral("relabel"), id, QStringLiteral("--symptom"), newSymptom,
                    QStringLiteral("--annotator"), QStringLiteral("a"), QStringLiteral("--reason"),
                    QStringLiteral("second opinion")},
        ws);
    CHECK_RUN(r, 0);
    QVERIFY2(
        r.out.contains(
            QStringLiteral("%1: symptom '%2' -> '%3'").arg(id, oldSymptom, newSymptom).toUtf8()),
        r.out.constData());

    r = run((words("history") << id) + words("--format json"), ws);
    CHECK_RUN(r, 0);
    const QJsonArray history = QJsonDocument::fromJson(r.out).array();
    QCOMPARE(history.size(), 1);
    const QJsonObject row = history[0].toObject();
    QCOMPARE(row.value(u"id").toString(), id);
    QCOMPARE(row.value(u"field").toString(), QStringLiteral("symptom"));
    QCOMPARE(row.value(u"old").toString(), oldSymptom);
    QCOMPARE(row.value(u"new").toString(), newSymptom);
    QCOMPARE(row.value(u"annotator").toString(), QStringLiteral("a"));
    QCOMPARE(row.value(u"reason").toString(), QStringLiteral("second opinion"));
    QVERIFY(QDateTime::fromString(row.value(u"at").toString(), Qt::ISODateWithMs).isValid());

    // A label no record uses is refused without --new-label, and nothing is recorded.
    const QStringList fresh{QStringLiteral("relabel"), id, QStringLiteral("--symptom"),
        QStringLiteral("Crash - Never Seen Before"), QStringLiteral("--annotator"),
        QStringLiteral("a")};
    r = run(fresh, ws);
    CHECK_RUN(r, 2);
    QVERIFY(r.err.contains("--new-label"));
    r = run(words("history --format json"), ws);
    QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 1);
    CHECK_RUN(run(fresh + words("--new-label"), ws), 0);
    r = run(words("history --format json"), ws);
    QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 2);

    // An invalid label or an unknown record is refused (2); no --annotator is a usage error (1).
    CHECK_RUN(
        run((words("relabel") << id) + words("--cause OnlyOnePart --annotator a --new-label"), ws),
        2);
    CHECK_RUN(run(words("relabel nosuch#9 --stage Inference --annotator a"), ws), 2);
    r = run((words("relabel") << id << QStringLiteral("--symptom") << newSymptom), ws);
    CHECK_RUN(r, 1);
    QVERIFY(r.err.contains("--annotator"));
    r = run(words("history --format json"), ws);
    QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 2);
}

void TestCli::usageErrors()
{
    Run r = run(words("frobnicate"), m_workspace);
    CHECK_RUN(r, 1);
    QVERIFY(r.err.contains("unknown command 'frobnicate'"));
    r = run(words("stats"), m_workspace);
    CHECK_RUN(r, 1);
    QVERIFY(r.err.contains("--rows"));
    CHECK_RUN(run(words("stats --rows colour"), m_workspace), 1);
    CHECK_RUN(run(words("stats --rows symptom --format xml"), m_workspace), 1);
    CHECK_RUN(run({QStringLiteral("export"), m_dir.filePath(QStringLiteral("x"))}, m_workspace), 1);
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("x"))));
}

void TestCli::badFileIsQuarantined()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ws = dir.filePath(QStringLiteral("bad.llmtriage"));
    // The second record is on line 3, column 1, with a stage that is neither of the two.
    const QString bad = TestSupport::writeFile(dir, QStringLiteral("bad.json"),
        "[\n" + TestSupport::recordJson(1) + ",\n"
            + TestSupport::recordJson(2, "TestModel", "Crash - CUDA Error - Out of Memory",
                "Hardware and Resource Limitations - GPU Memory Insufficiency", "Training")
            + "\n]\n");
    Run r = run({QStringLiteral("import"), bad}, ws);
    CHECK_RUN(r, 2);
    QCOMPARE(r.out.split('\n').value(0),
        QByteArray("imported 1, already present 0, conflicts 0, quarantined 1, rejected files 0"));

    r = run(words("quarantine --format json"), ws);
    CHECK_RUN(r, 0);
    const QJsonArray entries = QJsonDocument::fromJson(r.out).array();
    QCOMPARE(entries.size(), 1);
    const QJsonObject entry = entries[0].toObject();
    QCOMPARE(entry.value(u"source").toString(), bad);
    QCOMPARE(entry.value(u"line").toInteger(), qint64(3));
    QCOMPARE(entry.value(u"column").toInteger(), qint64(1));
    const QString reason = entry.value(u"reason").toString();
    QVERIFY2(
        reason.contains(QStringLiteral("STAGE")) && reason.contains(QStringLiteral("Training")),
        qPrintable(reason));
    QCOMPARE(entry.value(u"raw").toString(),
        QString::fromUtf8(
            TestSupport::recordJson(2, "TestModel", "Crash - CUDA Error - Out of Memory",
                "Hardware and Resource Limitations - GPU Memory Insufficiency", "Training")));

    // A file that is not JSON is rejected whole.
    const QString broken
        = TestSupport::writeFile(dir, QStringLiteral("broken.json"), "[{\"number\": 1,");
    r = run({QStringLiteral("import"), broken}, ws);
    CHECK_RUN(r, 2);
    QCOMPARE(r.out.split('\n').value(0),
        QByteArray("imported 0, already present 0, conflicts 0, quarantined 0, rejected files 1"));
}

void TestCli::importBadInput_data()
{
    // Files of the bad-input corpus (tests/data/bad/README.md), imported into a copy of the
    // dataset's workspace: the summary on stdout, each problem on stderr as FILE:LINE:COLUMN,
    // derived by hand like the corpus's own expectations.
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<int>("problems"); // lines on stderr
    QTest::addColumn<QString>("first"); // the first of them, after "PATH:"

    const auto row = [](const char *file, int exitCode, const char *summary, int problems,
                         const char *first) {
        QTest::newRow(file) << QString::fromUtf8(file) << exitCode << QString::fromUtf8(summary)
                            << problems << QString::fromUtf8(first);
    };
    const char *const rejected
        = "imported 0, already present 0, conflicts 0, quarantined 0, rejected files 1";
    row("truncated.json", 2, rejected, 1,
        "16:29: file rejected: syntax error while parsing value - invalid string: missing closing "
        "quote; last read: '\"Crash - CUDA'");
    row("control-char.json", 2, rejected, 1,
        "3:248: file rejected: syntax error while parsing value - invalid string: control "
        "character U+001B (ESC) must be escaped to \\u001B; last read: '\"Bad<U+001B>'");
    row("binary.json", 2, rejected, 1,
        "1:1: file rejected: syntax error while parsing value - invalid literal; last read: "
        "'<0x89>'");
    row("links.json", 2,
        "imported 1, already present 0, conflicts 0, quarantined 13, rejected files 0", 13,
        "2:3: record quarantined: 'link' is not a GitHub issue link "
        "(https://github.com/OWNER/REPO/issues/N): 'javascript:alert(document.cookie)'");
    row("duplicate-keys.json", 2,
        "imported 1, already present 0, conflicts 0, quarantined 4, rejected files 0", 4,
        "2:3: record quarantined: duplicate key 'STAGE'");
    row("collisions.json", 2,
        "imported 1, already present 1, conflicts 4, quarantined 0, rejected files 0", 4,
        "3:3: conflict with DeepSeek-R1#2 (the workspace keeps its record): status differs "
        "(workspace 'closed', file 'open')");
    // Warnings alone would exit 0; the five refused stages make it 2.
    row("stage-spellings.json", 2,
        "imported 5, already present 0, conflicts 0, quarantined 5, rejected files 0", 9,
        "2:3: warning: 'STAGE' 'inference' read as 'Inference'");
    row("json-lines.jsonl", 0,
        "imported 3, already present 0, conflicts 0, quarantined 0, rejected files 0", 0, "");
}

void TestCli::importBadInput()
{
    QFETCH(QString, file);
    QFETCH(int, exitCode);
    QFETCH(QString, summary);
    QFETCH(int, problems);
    QFETCH(QString, first);

    QTemporaryDir dir;
    const QString ws = TestSupport::copyWorkspace(m_workspace, dir);
    const QString path = TestSupport::testDataPath(QStringLiteral("bad/") + file);
    const Run r = run({QStringLiteral("import"), path}, ws);
    CHECK_RUN(r, exitCode);
    QCOMPARE(QString::fromUtf8(r.out), summary + u'\n');
    const QStringList lines = QString::fromUtf8(r.err).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), problems);
    for (const QString &line : lines)
        QVERIFY2(line.startsWith(path + u':'), qPrintable(line));
    if (problems > 0)
        QCOMPARE(lines.first(), path + u':' + first);
    // Nothing from the file reaches the terminal raw: an ESC would be obeyed.
    QVERIFY(!r.err.contains('\x1b'));
}

void TestCli::notAWorkspace()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray text = "my shopping list\napples\npears\n";
    const QString path = TestSupport::writeFile(dir, QStringLiteral("list.txt"), text);
    for (const QStringList &args :
        {words("stats --rows symptom"), QStringList{QStringLiteral("import"), m_dataset}}) {
        const Run r = run(args, path);
        CHECK_RUN(r, 3);
        QVERIFY(r.err.contains(path.toUtf8()));
    }
    QCOMPARE(readBytes(path), text);
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
        words("list.txt"));
    // A named workspace that does not exist is not created by a reading command.
    const QString missing = dir.filePath(QStringLiteral("missing.llmtriage"));
    CHECK_RUN(run(words("stats --rows stage"), missing), 3);
    QVERIFY(!QFileInfo::exists(missing));
}

void TestCli::exportUpstreamMatchesDataset()
{
    const QString out = m_dir.filePath(QStringLiteral("exported"));
    const Run r = run(
        {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("upstream"), out},
        m_workspace);
    CHECK_RUN(r, 0);
    const FileMap original = filesBelow(m_dataset);
    const FileMap exported = filesBelow(out);
    QCOMPARE(exported.size(), size_t(14));
    QCOMPARE(exported.size(), original.size());
    for (const auto &[path, bytes] : original) {
        QVERIFY2(exported.count(path) == 1, qPrintable(path));
        QVERIFY2(exported.at(path) == bytes, qPrintable(path + QStringLiteral(" differs")));
    }
    // A second export into the now non-empty folder is refused and changes nothing.
    CHECK_RUN(
        run({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("upstream"), out},
            m_workspace),
        3);
    QVERIFY(filesBelow(out) == exported);
}

void TestCli::lintFindsDoubleSpace()
{
    const Run r = run(words("lint"), m_workspace);
    CHECK_RUN(r, 0);
    QVERIFY2(r.out.contains("Environment Compatibility Issues -  Architecture Compatibility"),
        r.out.constData());
}

void TestCli::generateIsReproducible()
{
    const auto generate = [&](const QString &name, const QString &seed) {
        const QString out = m_dir.filePath(name);
        const Run r = run({QStringLiteral("generate"), QStringLiteral("1000"), out,
                              QStringLiteral("--seed"), seed},
            m_workspace);
        return r.code == 0 ? filesBelow(out) : FileMap();
    };
    const FileMap first = generate(QStringLiteral("gen1"), QStringLiteral("7"));
    const FileMap second = generate(QStringLiteral("gen2"), QStringLiteral("7"));
    QVERIFY(!first.empty());
    QVERIFY(first == second);
    qint64 records = 0;
    for (const auto &[path, bytes] : first) {
        const QJsonDocument doc = QJsonDocument::fromJson(bytes);
        QVERIFY2(doc.isArray(), qPrintable(path));
        records += doc.array().size();
    }
    QCOMPARE(records, qint64(1000));
    QVERIFY(generate(QStringLiteral("gen3"), QStringLiteral("8")) != first); // the seed matters
}

// "llmtriage --workspace W COMMAND" works like "llmtriage COMMAND --workspace W"; an unknown
// command there is a usage error, not an attempt to open the window.
void TestCli::workspaceBeforeCommand()
{
    Run r = runRaw({QStringLiteral("--workspace"), m_workspace, QStringLiteral("stats"),
                    QStringLiteral("--rows"), QStringLiteral("stage"), QStringLiteral("--format"),
                    QStringLiteral("json")});
    CHECK_RUN(r, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value(u"total").toInt(), 706);
    r = runRaw({QStringLiteral("--workspace"), m_workspace, QStringLiteral("bogus")});
    CHECK_RUN(r, 1);
    QVERIFY(r.err.contains("unknown command 'bogus'"));
    // An export without a format says what is missing.
    r = run({QStringLiteral("export"), m_dir.filePath(QStringLiteral("nothing"))}, m_workspace);
    CHECK_RUN(r, 1);
    QVERIFY2(r.err.contains("--format upstream|json|csv is required"), r.err.constData());
}

// Two imports at once: into a new workspace (both create it), then into an existing one with
// labels neither has seen. Every run succeeds; the records are there once.
void TestCli::concurrentImports()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString a = TestSupport::writeFile(dir, QStringLiteral("a.json"),
        "[" + TestSupport::recordJson(1, "ModelA", "Crash - New Thing A") + "]");
    const QString b = TestSupport::writeFile(dir, QStringLiteral("b.json"),
        "[" + TestSupport::recordJson(1, "ModelB", "Crash - New Thing B") + "]");
    for (int round = 0; round < 3; ++round) {
        const QString ws = dir.filePath(QStringLiteral("w%1.llmtriage").arg(round));
        const auto start = [&](const QStringList &arguments) {
            auto process = std::make_unique<QProcess>();
            process->setProcessEnvironment(environment());
            process->start(TestSupport::binaryPath(), arguments + QStringList{QStringLiteral("--workspace"), ws});
            return process;
        };
        auto first = start({QStringLiteral("import"), m_dataset});
        auto second = start({QStringLiteral("import"), m_dataset});
        const Run r1 = finish(*first);
        const Run r2 = finish(*second);
        CHECK_RUN(r1, 0);
        CHECK_RUN(r2, 0);
        auto third = start({QStringLiteral("import"), a});
        auto fourth = start({QStringLiteral("import"), b});
        const Run r3 = finish(*third);
        const Run r4 = finish(*fourth);
        CHECK_RUN(r3, 0);
        CHECK_RUN(r4, 0);
        const Run count = run(words("stats --rows model --format json"), ws);
        CHECK_RUN(count, 0);
        QCOMPARE(QJsonDocument::fromJson(count.out).object().value(u"total").toInt(), 708);
    }
}

void TestCli::relabelRefusals()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ws = dir.filePath(QStringLiteral("r.llmtriage"));
    CHECK_RUN(run({QStringLiteral("import"), m_dataset}, ws), 0);
    const QString cause = QStringLiteral("Tokenizer and Text Processing Issues - Tokenization Error");
    // An option given twice is ambiguous.
    Run r = run({QStringLiteral("relabel"), QStringLiteral("llama#1"), QStringLiteral("--cause"), cause,
                 QStringLiteral("--cause"), cause, QStringLiteral("--annotator"), QStringLiteral("a")}, ws);
    CHECK_RUN(r, 1);
    // A name with a line break would break every listing of the history.
    r = run({QStringLiteral("relabel"), QStringLiteral("llama#1"), QStringLiteral("--cause"), cause,
             QStringLiteral("--annotator"), QStringLiteral("me\nyou")}, ws);
    CHECK_RUN(r, 2);
    QVERIFY(r.err.contains("control character"));
    // The id is echoed as the workspace spells it.
    r = run({QStringLiteral("relabel"), QStringLiteral("llama#01"), QStringLiteral("--cause"), cause,
             QStringLiteral("--annotator"), QStringLiteral("a")}, ws);
    CHECK_RUN(r, 0);
    QVERIFY2(r.out.startsWith("llama#1: cause"), r.out.constData());
}

// Which arguments open the window and which run a command.
void TestCli::windowOrCommand()
{
    const auto isCommand = [](const QStringList &arguments) {
        return Triage::Cli::isCommand(QStringList{QStringLiteral("llmtriage")} + arguments);
    };
    QVERIFY(!isCommand({}));
    QVERIFY(!isCommand({QStringLiteral("--workspace"), QStringLiteral("w")}));
    QVERIFY(!isCommand({QStringLiteral("--workspace"), QStringLiteral("w"), QStringLiteral("--screenshot"), QStringLiteral("f.png")}));
    QVERIFY(!isCommand({QStringLiteral("--screenshot"), QStringLiteral("f.png")}));
    QVERIFY(isCommand({QStringLiteral("stats")}));
    QVERIFY(isCommand({QStringLiteral("--workspace"), QStringLiteral("w"), QStringLiteral("stats")}));
    QVERIFY(isCommand({QStringLiteral("--workspace=w"), QStringLiteral("bogus")}));
    QVERIFY(isCommand({QStringLiteral("--help")}));

    // A window asked to show a chart that does not exist: a usage error on stderr before any
    // window opens (with --screenshot a message box would wait for ever).
    const Run r = run({QStringLiteral("--show"), QStringLiteral("nosuch"), QStringLiteral("--screenshot"),
                       m_dir.filePath(QStringLiteral("never.png"))},
                      m_workspace);
    CHECK_RUN(r, 1);
    QVERIFY2(r.err.contains("no chart or board called 'nosuch'") && r.err.contains("divergence"), r.err.constData());
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("never.png"))));
}

void TestCli::chartHeadless_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("suffix");
    for (const char *name : {"symptoms", "causes", "taxonomy", "divergence", "homogeneity", "escalation", "evolution"}) {
        for (const char *suffix : {"png", "svg", "pdf"})
            QTest::addRow("%s.%s", name, suffix) << QString::fromLatin1(name) << QString::fromLatin1(suffix);
    }
}

// Every chart into every format, with no display: the runs have no QT_QPA_PLATFORM, and no
// DISPLAY or, for SVG, a DISPLAY that leads nowhere (an SSH forwarding gone): the command draws
// offscreen whatever the environment says.
void TestCli::chartHeadless()
{
    QFETCH(QString, name);
    QFETCH(QString, suffix);
    const QString file = m_dir.filePath(QStringLiteral("chart-%1.%2").arg(name, suffix));
    QProcess process;
    QProcessEnvironment env = environment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    if (suffix == u"svg")
        env.insert(QStringLiteral("DISPLAY"), QStringLiteral(":97"));
    process.setProcessEnvironment(env);
    process.start(TestSupport::binaryPath(), {QStringLiteral("chart"), name, QStringLiteral("--out"), file,
                                              QStringLiteral("--size"), QStringLiteral("900x600"),
                                              QStringLiteral("--workspace"), m_workspace});
    const Run r = finish(process);
    CHECK_RUN(r, 0);
    QVERIFY2(r.out.contains("706 records"), r.out.constData());
    QVERIFY2(r.err.isEmpty(), r.err.constData()); // no platform chatter on a command's stderr
    const QString problem = exportProblem(file, QSize(900, 600));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

// --where draws the chart of the filtered records: the symptom bars carry their counts as text,
// and those counts are the raw files' counts for the Llama series.
void TestCli::chartFollowsWhere()
{
    for (const bool llama : {false, true}) {
        const QString file = m_dir.filePath(llama ? QStringLiteral("llama.svg") : QStringLiteral("all.svg"));
        QStringList args{QStringLiteral("chart"), QStringLiteral("symptoms"), QStringLiteral("--out"), file};
        if (llama)
            args << QStringLiteral("--where") << QStringLiteral("series=Llama");
        const Run r = run(args, m_workspace);
        CHECK_RUN(r, 0);
        const Counts want = expected(QStringLiteral("symptom"), QString(),
                                     llama ? QList<std::pair<QString, QString>>{{QStringLiteral("series"), QStringLiteral("Llama")}}
                                           : QList<std::pair<QString, QString>>{});
        qint64 total = 0;
        const QByteArray svg = readBytes(file);
        for (const auto &[key, count] : want) {
            total += count;
            QVERIFY2(svg.contains(">" + QByteArray::number(count) + "<"),
                     qPrintable(QStringLiteral("%1: no bar label %2 in %3").arg(key.first).arg(count).arg(file)));
        }
        QVERIFY(r.out.contains(" " + QByteArray::number(total) + " records"));
        // The picture says which records it shows.
        QCOMPARE(svg.contains("Filter: Series: Llama"), llama);
        // Axis ticks are round numbers and could match a count by chance; the unfiltered
        // chart's crash count (295) must not appear in the Llama one.
        QCOMPARE(svg.contains(">295<"), !llama);
        QCOMPARE(total, llama ? qint64(171) : qint64(706)); // 171 records in the Llama folder's files (python3 json count)
    }
}

void TestCli::chartUsageErrors()
{
    const QString png = m_dir.filePath(QStringLiteral("never.png"));
    const struct
    {
        QStringList args;
        const char *message;
    } cases[] = {
        {{QStringLiteral("chart"), QStringLiteral("pie"), QStringLiteral("--out"), png}, "unknown chart 'pie'"},
        {{QStringLiteral("chart"), QStringLiteral("symptoms")}, "--out FILE is required"},
        {{QStringLiteral("chart"), QStringLiteral("symptoms"), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x.gif"))},
         "must end in .png, .svg or .pdf"},
        {{QStringLiteral("chart"), QStringLiteral("symptoms"), QStringLiteral("--out"), png, QStringLiteral("--size"),
          QStringLiteral("big")},
         "--size must be WxH"},
        {{QStringLiteral("chart"), QStringLiteral("symptoms"), QStringLiteral("--out"), png, QStringLiteral("--size"),
          QStringLiteral("10x10")},
         "--size must be WxH"},
        {{QStringLiteral("chart"), QStringLiteral("symptoms"), QStringLiteral("--out"), png, QStringLiteral("--where"),
          QStringLiteral("colour=red")},
         "colour"},
        {{QStringLiteral("chart"), QStringLiteral("--out"), png}, "NAME"},
        {{QStringLiteral("chart"), QStringLiteral("symptoms"), QStringLiteral("--out"), png, QStringLiteral("--size"),
          QStringLiteral("050x050")},
         "from 200x150 to 10000x10000"},
        {{QStringLiteral("chart"), QStringLiteral("symptoms"), QStringLiteral("--out"), png, QStringLiteral("--size"),
          QStringLiteral("99999x99999")},
         "from 200x150 to 10000x10000"},
    };
    for (const auto &c : cases) {
        const Run r = run(c.args, m_workspace);
        QVERIFY2(r.code == 1, qPrintable(c.args.join(u' ') + QStringLiteral(" -> exit %1").arg(r.code)));
        QVERIFY2(r.err.contains(c.message), qPrintable(c.args.join(u' ') + QStringLiteral(": ") + QString::fromUtf8(r.err)));
    }
    QVERIFY(!QFileInfo::exists(png));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("x.gif"))));

    // A file that cannot be written: exit 3 with the reason, and nothing left behind.
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("folder.png")));
    Run r = run({QStringLiteral("chart"), QStringLiteral("symptoms"), QStringLiteral("--out"),
                 m_dir.filePath(QStringLiteral("folder.png"))},
                m_workspace);
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("is a folder"), r.err.constData());
    const QString nowhere = m_dir.filePath(QStringLiteral("no/such/folder/x.svg"));
    r = run({QStringLiteral("chart"), QStringLiteral("symptoms"), QStringLiteral("--out"), nowhere}, m_workspace);
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("does not exist"), r.err.constData());
    QVERIFY(!QFileInfo::exists(nowhere));
}

// A workspace the user may read but not write (a shared folder, another user's file): a clear
// error naming the file and what to do, exit 3, and not a byte changed. Run as root (as in CI),
// the program is started as "nobody" through setpriv, since root may write anything.
void TestCli::readOnlyWorkspace()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("shared.llmtriage"));
    QVERIFY(QFile::copy(m_workspace, path));
    const QByteArray before = [&] {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    const bool root = ::geteuid() == 0;
    const QFileDevice::Permissions readable = QFileDevice::ReadOwner | QFileDevice::ReadGroup
        | QFileDevice::ReadOther;
    const QFileDevice::Permissions enterable = QFileDevice::ExeOwner | QFileDevice::ExeGroup
        | QFileDevice::ExeOther;
    const QFileDevice::Permissions ownerWrite = root ? QFileDevice::WriteOwner : QFileDevice::Permissions();
    QVERIFY(QFile::setPermissions(path, readable | ownerWrite));
    QVERIFY(QFile::setPermissions(dir.path(), readable | enterable | ownerWrite));
    const auto runReadOnly = [&](const QStringList &arguments) {
        QProcess process;
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("HOME"), dir.path()); // nobody may not enter the test's HOME
        process.setProcessEnvironment(env);
        const QStringList all = arguments + QStringList{QStringLiteral("--workspace"), path};
        if (root)
            process.start(QStringLiteral("setpriv"),
                          QStringList{QStringLiteral("--reuid=nobody"), QStringLiteral("--regid=nogroup"),
                                      QStringLiteral("--clear-groups"), TestSupport::binaryPath()} + all);
        else
            process.start(TestSupport::binaryPath(), all);
        return finish(process);
    };
    for (const QStringList &arguments :
         {QStringList{QStringLiteral("stats"), QStringLiteral("--rows"), QStringLiteral("stage")},
          QStringList{QStringLiteral("relabel"), QStringLiteral("Qwen2.5#1"), QStringLiteral("--stage"),
                      QStringLiteral("Fine-tuning"), QStringLiteral("--annotator"), QStringLiteral("x")}}) {
        const Run result = runReadOnly(arguments);
        QVERIFY2(result.code == 3, result.err.constData());
        QVERIFY2(result.err.contains(path.toUtf8()), result.err.constData());
        QVERIFY2(result.err.contains("cannot be written"), result.err.constData());
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
    QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
    QFile::setPermissions(dir.path(), readable | enterable | QFileDevice::WriteOwner); // to clean up
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
