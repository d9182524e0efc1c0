// The bad-input corpus (tests/data/bad; its README lists every file): each malformed or hostile
// input is imported into a workspace that holds the real dataset, and the test checks its exact
// outcome (the counts and every problem with its place and message), that the records already
// there export byte for byte as before, that both parse paths read the file alike, and that
// time and peak memory stay bounded. Inputs too large to commit, and folders, are made here at
// run time. Every expected message and position was derived by hand from the input's text (the
// README says how); none was copied from a run.

#include "exporter.h"
#include "importcounts.h"
#include "importer.h"
#include "importreport.h"
#include "rawdataset.h"
#include "readerpaths.h"
#include "testsupport.h"
#include "workspace.h"

#include <QElapsedTimer>
#include <QtTest>

#include <sys/resource.h>
#include <sys/stat.h>

#include <vector>

using namespace Triage;
using TestSupport::counts;

namespace {

const QString GeneratedPrefix = QStringLiteral("generated:");
constexpr qint64 DatasetRecords = 706;
constexpr int MiB = 1024 * 1024;

// A valid record on one line, as the corpus files write them (model BadInput, one issue per
// number), with another symptom if need be.
QByteArray record(int number, const QByteArray &symptom = "Crash - CUDA Error - Out of Memory")
{
    return TestSupport::recordJson(number, "BadInput", symptom,
        "Hardware and Resource Limitations - GPU Memory Insufficiency", "Inference",
        "https://github.com/QwenLM/Qwen/issues/" + QByteArray::number(number));
}

// "[\n  A,\n  B\n]\n": element k (from 1) starts at line k + 1, column 3.
QByteArray arrayOf(const QByteArrayList &elements)
{
    return "[\n  " + elements.join(",\n  ") + "\n]\n";
}

QString write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// The inputs made at run time (see the README), in `folder`; returns the path to import.
QString generate(const QString &name, const QString &folder)
{
    const QString path = QDir(folder).filePath(name);
    if (name == u"deep-nesting.json") {
        // 100000 arrays inside record 2's unknown field "x", closed again: about 200 KB.
        return write(path,
            arrayOf({record(1),
                "{\"number\": 2, \"x\": " + QByteArray(100000, '[') + QByteArray(100000, ']')
                    + "}"}));
    }
    if (name == u"long-string.json") // record 2's SYMPTOM is "Crash - " and 8 MiB of 'x'
        return write(path,
            arrayOf({record(1), record(2, "Crash - " + QByteArray(8 * MiB, 'x')), record(3)}));
    if (name == u"long-string-truncated.json") // the file ends inside an 8 MiB string
        return write(path, "[\n  {\"number\": 1, \"SYMPTOM\": \"" + QByteArray(8 * MiB, 'x'));
    if (name == u"many-keys.json") {
        // Record 1 and 100000 unknown keys "k0": 0 ... "k99999": 0 (about 1.2 MB).
        QByteArray keys;
        for (int i = 0; i < 100000; ++i)
            keys += ", \"k" + QByteArray::number(i) + "\": 0";
        QByteArray one = record(1);
        one.insert(one.size() - 1, keys);
        return write(path, arrayOf({one}));
    }
    QDir().mkpath(path);
    if (name == u"many-files") {
        // 10000 tiny files: an empty array in most, one record in every hundredth, an empty
        // object in r05000.json. (Each record's file is a file of the upstream export, and
        // writing 10000 of them takes the exporter half a minute of fsync.)
        for (int i = 1; i <= 10000; ++i) {
            const QByteArray text = i == 5000 ? QByteArray("{}")
                : i % 100 == 0                ? record(i)
                                              : QByteArray("[]");
            write(QDir(path).filePath(QStringLiteral("r%1.json").arg(i, 5, 10, QLatin1Char('0'))),
                text);
        }
        return path;
    }
    if (name == u"special-files") {
        // A FIFO (a read would wait for ever), a link to nothing, and one good file.
        write(QDir(path).filePath(QStringLiteral("good.json")), record(1));
        if (::mkfifo(
                QFile::encodeName(QDir(path).filePath(QStringLiteral("pipe.json"))).constData(),
                0600)
            != 0)
            qFatal("cannot make a FIFO");
        QFile::link(QDir(folder).filePath(QStringLiteral("nowhere.json")),
            QDir(path).filePath(QStringLiteral("gone.json")));
        return path;
    }
    qFatal("no generator for %s", qPrintable(name));
    return {};
}

// The peak resident memory of this process so far, in KiB.
qint64 peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// A message a person can read: bounded, and no control character or byte that was not UTF-8
// (U+FFFD) that would reach a terminal.
QString unreadable(const QString &message)
{
    if (message.size() > 1000)
        return QStringLiteral("%1 characters").arg(message.size());
    for (const QChar c : message) {
        if (!c.isPrint() || c == QChar::ReplacementCharacter)
            return QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
    return {};
}

const char *const NotALink
    = "'link' is not a GitHub issue link (https://github.com/OWNER/REPO/issues/N): ";
const char *const NotAStage = " is not Fine-tuning or Inference";
const char *const NotWholeNumber = "'number' must be a whole number from 1 to 2147483647";
const QString AllMissing = QStringLiteral(
    "missing field 'number'; missing field 'link'; missing field 'status'; missing field "
    "'SYMPTOM'; missing field 'ROOT CAUSE'; missing field 'STAGE'; missing field 'model'; "
    "missing field 'architecture'");

// One input and its expected outcome.
struct CorpusRow
{
    QString input; // a file of tests/data/bad, or generated:NAME
    QString counts; // TestSupport::counts
    QStringList problems; // each as it follows "PATH:" (a file) or "PATH/" (a folder)
    QStringList added; // files the upstream export has after the import, not before
    bool exportsAsInput = false; // the one added file is the input, byte for byte
};

std::vector<CorpusRow> corpusRows()
{
    std::vector<CorpusRow> rows;
    const auto row = [&](const QString &input, const QString &counts, const QStringList &problems,
                         const QStringList &added = {}, bool exportsAsInput = false) {
        rows.push_back({input, counts, problems, added, exportsAsInput});
    };
    const auto rejected = [&](const char *file, const QString &problem) {
        row(QString::fromUtf8(file), counts(0, 0, 0, 0, 1, 0),
            {problem.section(u' ', 0, 0) + QStringLiteral(" file rejected: ")
                + problem.section(u' ', 1)});
    };
    // "L:C message" for each element k of an array file: line k + 1, column 3.
    const auto held = [](int element, const QString &message) {
        return QStringLiteral("%1:3: record quarantined: %2").arg(element + 1).arg(message);
    };
    const auto warned = [](int element, const QString &message) {
        return QStringLiteral("%1:3: warning: %2").arg(element + 1).arg(message);
    };
    const auto conflict = [](int element, const QString &id, const QString &message) {
        return QStringLiteral("%1:3: conflict with %2 (the workspace keeps its record): %3")
            .arg(element + 1)
            .arg(id, message);
    };
    const auto s = [](const char *text) { return QString::fromUtf8(text); };
    const QString nul = s("unexpected NUL byte: the file holds binary data, or text in another "
                          "encoding than UTF-8 (UTF-16?)");

    // Files the reader refuses whole: nothing of them goes in, not even their good records.
    // truncated.json: line 16 is '    "SYMPTOM": "Crash - CUDA' (28 characters), then the end.
    rejected("truncated.json",
        s("16:29: syntax error while parsing value - invalid string: missing closing quote; last "
          "read: '\"Crash - CUDA'"));
    rejected("empty.json", s("1:1: the file is empty"));
    rejected("utf16.json",
        s("1:1: the file starts with a UTF-16 byte order mark: JSON files must be UTF-8"));
    // Line 3: the model's opening '"' is character 244, 'Caf' 245-247, the Latin-1 0xE9 248; it
    // starts a three-byte sequence that the closing '"' (character 249) breaks.
    rejected("latin1.json",
        s("3:249: syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last "
          "read: '\"Caf<0xE9>\"'"));
    // The raw NUL is character 103 of line 3, just after '"SYMPTOM": "Crash'.
    rejected("nul-in-string.json",
        s("3:103: syntax error while parsing value - invalid string: control character U+0000 "
          "(NUL) must be escaped to \\u0000; last read: '\"Crash<U+0000>'"));
    // The raw ESC is character 248 of line 3, after '"model": "Bad'.
    rejected("control-char.json",
        s("3:248: syntax error while parsing value - invalid string: control character U+001B "
          "(ESC) must be escaped to \\u001B; last read: '\"Bad<U+001B>'"));
    rejected("trailing-garbage.json", s("4:1: unexpected text after the end of the array"));
    rejected("trailing-comma.json",
        s("3:1: syntax error while parsing value - unexpected ']'; expected '[', '{', or a "
          "literal"));
    // Line 2 is record 2 (277 characters), a space, then record 3 from character 279.
    rejected("json-lines-two-on-a-line.jsonl",
        s("2:279: unexpected text after the end of the object (JSON Lines need one record per "
          "line)"));
    rejected("binary.json",
        s("1:1: syntax error while parsing value - invalid literal; last read: '<0x89>'"));
    rejected("zeros.json", QStringLiteral("1:1: ") + nul);
    // '  {"number": 1e400': the number ends at character 18, where it is known to overflow.
    rejected("number-overflow.json", s("2:18: number overflow parsing '1e400'"));
    rejected("comment.json",
        s("1:1: syntax error while parsing value - invalid literal; last read: '/'"));
    rejected("nan.json",
        s("2:14: syntax error while parsing value - invalid literal; last read: '\"number\": N'"));
    // Line 3: '  {"number": 2, "x": ' puts the first '[' at character 22; with the file's array
    // and the record as two levels, the 31st '[' (character 52) is level 33.
    rejected("generated:deep-nesting.json",
        s("3:52: nesting deeper than 32 levels; no record is that deep"));
    // Line 2: two spaces, '{"number": 1, "SYMPTOM": "' (26) and 8388608 'x': the end of the
    // file is character 8388637; the message keeps the last 40 characters read.
    rejected("generated:long-string-truncated.json",
        QStringLiteral("2:8388637: syntax error while parsing value - invalid string: missing "
                       "closing quote; last read: '...%1'")
            .arg(QString(40, u'x')));

    // Files that are read: good records go in, bad ones are held in quarantine.
    row(s("bom.json"), counts(2, 0, 0, 0, 0, 0), {}, {s("bom.json")});
    row(s("json-lines.jsonl"), counts(3, 0, 0, 0, 0, 0), {}, {s("json-lines.jsonl")});
    row(s("single-object.json"), counts(1, 0, 0, 0, 0, 0), {}, {s("single-object.json")});
    row(s("escaped-controls.json"), counts(1, 0, 0, 4, 0, 0),
        {held(1, s("'model' contains the control character U+0000: 'Bad<U+0000>Input'")),
            held(2,
                s("'SYMPTOM' contains the control character U+001B: 'Crash - <U+001B>[2J - Out "
                  "of Memory'")),
            held(3, s("'status' contains the control character U+0085: 'open<U+0085>'")),
            held(4, s("'architecture' contains the control character U+007F: 'Dense<U+007F>'"))},
        {s("escaped-controls.json")});
    row(s("duplicate-keys.json"), counts(1, 0, 0, 4, 0, 0),
        {held(1, s("duplicate key 'STAGE'")), held(2, s("duplicate key 'number'")),
            held(3, s("duplicate key 'note'")), held(4, s("duplicate key '<U+001B>[2J'"))},
        {s("duplicate-keys.json")});
    const QString mustBe = s("must be an integer, not ");
    row(s("wrong-types.json"), counts(1, 0, 0, 12, 0, 0),
        {held(1, s("'number' ") + mustBe + s("a string")),
            held(2, s("'number' ") + mustBe + s("null")),
            held(3, s("'number' ") + mustBe + s("a floating-point number")),
            held(4, s("'STAGE' must be a string, not an integer")),
            held(5, s("'SYMPTOM' must be a string, not null")),
            held(6, s("'status' must be a string, not a boolean")),
            held(7, s("'model' must be a string, not an array")),
            held(8, s("'link' must be a string, not an object")),
            held(9, s(NotWholeNumber) + s(", not 0")), held(10, s(NotWholeNumber) + s(", not -10")),
            held(11, s(NotWholeNumber) + s(", not 2147483648")), held(12, s(NotWholeNumber))},
        {s("wrong-types.json")});
    row(s("non-objects.json"), counts(1, 0, 0, 5, 0, 0),
        {held(1, s("the element is an integer, not a record object")),
            held(2, s("the element is a string, not a record object")),
            held(3, s("the element is null, not a record object")),
            held(4, s("the element is a boolean, not a record object")),
            held(5, s("the element is an array, not a record object"))},
        {s("non-objects.json")});
    QStringList links;
    for (const char *link : {"javascript:alert(document.cookie)", "file:///etc/passwd",
             "data:text/html,<script>alert(1)</script>", "https://gitlab.com/QwenLM/Qwen/issues/4",
             "http://github.com/QwenLM/Qwen/issues/5",
             "https://github.com.evil.example/QwenLM/Qwen/issues/6",
             "https://github.com/QwenLM/Qwen/pull/7", "https://github.com/QwenLM/Qwen/issues/08",
             "https://github.com/QwenLM/Qwen/issues/9#issuecomment-1",
             "HTTPS://GITHUB.COM/QwenLM/Qwen/issues/10",
             " https://github.com/QwenLM/Qwen/issues/11", "https://github.com/../../issues/12",
             "https://user:pass@github.com/QwenLM/Qwen/issues/13"})
        links.append(held(int(links.size()) + 1, s(NotALink) + u'\'' + s(link) + u'\''));
    row(s("links.json"), counts(1, 0, 0, 13, 0, 0), links, {s("links.json")});
    // HTML, scripts and spreadsheet formulas are text: every record goes in, and exports as
    // the file wrote it.
    row(s("html-labels.json"), counts(3, 0, 0, 0, 0, 0), {}, {s("html-labels.json")}, true);
    // The rules check a label's form (parts, length, characters), not its vocabulary: a new
    // category is a new branch of the taxonomy, as in a first import.
    row(s("unknown-categories.json"), counts(3, 0, 0, 0, 0, 0), {}, {s("unknown-categories.json")});
    row(s("stage-spellings.json"), counts(5, 0, 0, 5, 0, 4),
        {warned(1, s("'STAGE' 'inference' read as 'Inference'")),
            warned(2, s("'STAGE' 'FINE_TUNING' read as 'Fine-tuning'")),
            warned(3, s("'STAGE' ' Fine tuning ' read as 'Fine-tuning'")),
            warned(4, s("'STAGE' 'finetuning' read as 'Fine-tuning'")),
            held(6, s("'STAGE' 'Training'") + s(NotAStage)),
            held(7, s("'STAGE' 'Infer'") + s(NotAStage)), held(8, s("'STAGE' ''") + s(NotAStage)),
            held(9, s("'STAGE' 'fine-tune'") + s(NotAStage)),
            held(10, s("'STAGE' 'Inference<U+00A0>'") + s(NotAStage))},
        {s("stage-spellings.json")});
    row(s("extra-fields.json"), counts(2, 0, 0, 1, 0, 0),
        {held(2, s("missing field 'SYMPTOM' (the record has 'symptom'; keys are case-sensitive)"))},
        {s("extra-fields.json")});
    // Ids of the dataset: DeepSeek-R1#1 as it is, #2 to #4 changed; BadInput#1 new, then again
    // with another status. The workspace keeps every record it had.
    row(s("collisions.json"), counts(1, 1, 4, 0, 0, 0),
        {conflict(2, s("DeepSeek-R1#2"), s("status differs (workspace 'closed', file 'open')")),
            conflict(
                3, s("DeepSeek-R1#3"), s("extra differs (workspace '', file '{\"note\":\"x\"}')")),
            conflict(4, s("DeepSeek-R1#4"),
                s("link differs (workspace "
                  "'https://github.com/deepseek-ai/DeepSeek-R1/issues/242', "
                  "file 'https://github.com/deepseek-ai/DeepSeek-R1/issues/243'); stage differs "
                  "(workspace 'Inference', file 'Fine-tuning')")),
            conflict(6, s("BadInput#1"), s("status differs (workspace 'open', file 'closed')"))},
        {s("collisions.json")});
    // 'Crash - ' and 8388608 'x': 8388616 characters; the message shows the first 80.
    row(s("generated:long-string.json"), counts(2, 0, 0, 1, 0, 0),
        {held(2,
            QStringLiteral("'SYMPTOM' is 8388616 characters long; at most 256 are allowed: "
                           "'Crash - %1...'")
                .arg(QString(72, u'x')))},
        {s("long-string.json")});
    // As compact JSON the unknown fields are '{', 100000 '"kN":0' (5 characters and N's
    // 488890 digits in all), 99999 commas and '}': 500000 + 488890 + 99999 + 2 bytes.
    row(s("generated:many-keys.json"), counts(0, 0, 0, 1, 0, 0),
        {held(1, s("the unknown fields take 1088891 bytes as JSON; at most 65536 are kept"))});
    QStringList tinyFiles;
    for (int i = 100; i <= 10000; i += 100) {
        if (i != 5000)
            tinyFiles.append(QStringLiteral("r%1.json").arg(i, 5, 10, QLatin1Char('0')));
    }
    row(s("generated:many-files"), counts(99, 0, 0, 1, 0, 0),
        {s("r05000.json:1:1: record quarantined: ") + AllMissing}, tinyFiles);
    row(s("generated:special-files"), counts(1, 0, 0, 0, 2, 0),
        {s("gone.json: file rejected: no such file (a broken link)"),
            s("pipe.json: file rejected: not a regular file or folder")},
        {s("good.json")});
    return rows;
}

} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void corpus_data();
    void corpus();
    void everyFileHasARow();

private:
    QTemporaryDir m_template; // the dataset imported once, and its export
    QString m_workspace;
};

void TestBadInput::initTestCase()
{
    QVERIFY(m_template.isValid());
    m_workspace = m_template.filePath(QStringLiteral("dataset.llmtriage"));
    auto ws = Workspace::open(m_workspace, Workspace::OpenMode::CreateIfMissing);
    QCOMPARE(Importer(*ws).run({TestSupport::datasetPath()}).imported, DatasetRecords);
    QCOMPARE(Exporter(*ws)
                 .run(ExportFormat::Upstream, m_template.filePath(QStringLiteral("before")))
                 .records,
        DatasetRecords);
    ws.reset(); // closed, so its file can be copied whole
}

void TestBadInput::corpus_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("counts");
    QTest::addColumn<QStringList>("problems");
    QTest::addColumn<QStringList>("added");
    QTest::addColumn<bool>("exportsAsInput");
    for (const CorpusRow &row : corpusRows()) {
        QTest::newRow(qPrintable(row.input))
            << row.input << row.counts << row.problems << row.added << row.exportsAsInput;
    }
}

void TestBadInput::corpus()
{
    QFETCH(QString, input);
    QFETCH(QString, counts);
    QFETCH(QStringList, problems);
    QFETCH(QStringList, added);
    QFETCH(bool, exportsAsInput);

    QTemporaryDir dir;
    auto ws = Workspace::open(
        TestSupport::copyWorkspace(m_workspace, dir), Workspace::OpenMode::OpenExisting);
    QCOMPARE(ws->recordCount(), DatasetRecords);

    const QString path = input.startsWith(GeneratedPrefix)
        ? generate(input.mid(GeneratedPrefix.size()), dir.path())
        : TestSupport::testDataPath(QStringLiteral("bad/") + input);
    const bool folder = QFileInfo(path).isDir();
    QVERIFY2(folder || QFileInfo(path).isFile(), qPrintable(path));

    // The simdjson fast path and the nlohmann path must deliver the same elements and error.
    if (!folder) {
        const QByteArray text = TestSupport::readBytes(path);
        const TestSupport::ReadResult fast = TestSupport::readText(TestSupport::view(text), true);
        const TestSupport::ReadResult slow = TestSupport::readText(TestSupport::view(text), false);
        const QString difference = TestSupport::difference(fast, slow);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    const qint64 peakBefore = peakRssKiB();
    QElapsedTimer timer;
    timer.start();
    const ImportReport report = Importer(*ws).run({path});
    QVERIFY2(timer.elapsed() < 60000, qPrintable(QString::number(timer.elapsed())));
    const qint64 growth = peakRssKiB() - peakBefore;
    QVERIFY2(
        growth < 200 * 1024, qPrintable(QStringLiteral("peak memory grew by %1 KiB").arg(growth)));

    QCOMPARE(TestSupport::counts(report), counts);
    QCOMPARE(report.problemsLeftOut, qint64(0));
    QStringList actual;
    const QString prefix = path + (folder ? u'/' : u':');
    for (const ImportProblem &problem : report.problems) {
        const QString text = problem.toString();
        QVERIFY2(text.startsWith(prefix), qPrintable(text.left(300)));
        const QString why = unreadable(problem.message);
        QVERIFY2(why.isEmpty(), qPrintable(why + QStringLiteral(": ") + text.left(300)));
        actual.append(text.mid(prefix.size()));
    }
    QCOMPARE(actual, problems);

    // Every record that was there exports as before; what the import added is in new files.
    QCOMPARE(ws->recordCount(), DatasetRecords + report.imported);
    QCOMPARE(qint64(ws->quarantine().size()), report.quarantined + report.conflicts);
    Exporter(*ws).run(ExportFormat::Upstream, dir.filePath(QStringLiteral("after")));
    const TestSupport::FileMap before
        = TestSupport::filesBelow(m_template.filePath(QStringLiteral("before")));
    TestSupport::FileMap after = TestSupport::filesBelow(dir.filePath(QStringLiteral("after")));
    QCOMPARE(before.size(), size_t(14));
    for (const auto &[file, bytes] : before) {
        const auto it = after.find(file);
        QVERIFY2(it != after.end(), qPrintable(file));
        QVERIFY2(it->second == bytes, qPrintable(file));
        after.erase(it);
    }
    QStringList addedFiles;
    for (const auto &[file, bytes] : after)
        addedFiles.append(file);
    QCOMPARE(addedFiles, added);
    if (exportsAsInput)
        QCOMPARE(after.begin()->second, TestSupport::readBytes(path));
}

void TestBadInput::everyFileHasARow()
{
    // A file added to the corpus without a row would never be checked, and the README must
    // describe every input, generated ones included.
    const QDir corpus(TestSupport::testDataPath(QStringLiteral("bad")));
    QStringList files = corpus.entryList(QDir::Files | QDir::Hidden, QDir::Name);
    QVERIFY(files.removeOne(QStringLiteral("README.md")));
    QVERIFY(files.removeOne(QStringLiteral(".gitattributes")));
    const std::vector<CorpusRow> rows = corpusRows();
    QStringList inputs;
    for (const CorpusRow &row : rows) {
        if (!row.input.startsWith(GeneratedPrefix))
            inputs.append(row.input);
    }
    inputs.sort();
    QCOMPARE(inputs, files);
    QVERIFY(rows.size() >= 25);
    const QString readme
        = QString::fromUtf8(TestSupport::readBytes(corpus.filePath(QStringLiteral("README.md"))));
    for (const CorpusRow &row : rows) {
        const QString name = row.input.startsWith(GeneratedPrefix)
            ? row.input.mid(GeneratedPrefix.size())
            : row.input;
        QVERIFY2(readme.contains(u'`' + name + u'`'), qPrintable(name));
    }
}

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
