// The importer end to end: files and folders in; records, quarantine, conflicts, history and
// the report out. Every line:column below was counted by hand from the text the test writes
// (comments show the count where it is not obvious); no expectation was copied from a run.

#include "importcounts.h"
#include "importer.h"
#include "jsonrecordreader.h"
#include "importreport.h"
#include "testsupport.h"
#include "workspace.h"

#include <QtTest>

#include <sys/stat.h>

#include <algorithm>

using namespace Triage;
using TestSupport::counts;

namespace {

using Fields = QList<QPair<QByteArray, QByteArray>>; // key, value as JSON; null value: no key

QByteArray q(const QByteArray &text)
{
    return '"' + text + '"';
}

// A valid upstream record on one line (ASCII, so bytes and characters agree), with changes.
QByteArray rec(int number, const Fields &changes = {})
{
    const QByteArray n = QByteArray::number(number);
    Fields fields{{"number", n}, {"link", q("https://github.com/QwenLM/Qwen/issues/" + n)},
        {"status", q("open")}, {"SYMPTOM", q("Crash - CUDA Error - Out of Memory")},
        {"ROOT CAUSE", q("Hardware and Resource Limitations - GPU Memory Insufficiency")},
        {"STAGE", q("Inference")}, {"model", q("TestModel")}, {"architecture", q("Dense")}};
    for (const auto &[key, value] : changes) {
        const auto it = std::find_if(
            fields.begin(), fields.end(), [&](const auto &field) { return field.first == key; });
        if (it == fields.end())
            fields.append({key, value});
        else if (value.isNull())
            fields.erase(it);
        else
            it->second = value;
    }
    QByteArrayList parts;
    for (const auto &[key, value] : fields)
        parts.append(q(key) + ": " + value);
    return '{' + parts.join(", ") + '}';
}

// "[\n  A,\n  B\n]\n": element k (from 1) starts at line k + 1, column 3.
QByteArray arrayFile(const QByteArrayList &elements)
{
    return "[\n  " + elements.join(",\n  ") + "\n]\n";
}

QString describe(const Record &r)
{
    return QStringList{r.id(), r.link(), r.status, r.symptom, r.cause, r.stage, r.architecture,
        r.source, QString::fromUtf8(r.extra), r.updatedAt, r.updatedBy}
        .join(QLatin1Char('|'));
}

// Everything an import may change: records, quarantine and history.
QStringList snapshot(Workspace &ws)
{
    QStringList rows;
    ws.forEachRecord([&](const Record &r) { rows.append(describe(r)); });
    for (const QuarantineEntry &e : ws.quarantine())
        rows.append(QStringLiteral("Q|%1|%2:%3|").arg(e.source).arg(e.line).arg(e.column)
            + QStringList{e.reason, e.raw, e.conflictsWith}.join(QLatin1Char('|')));
    for (const HistoryEntry &h : ws.history())
        rows.append(
            QStringList{h.recordId, h.field, h.oldValue, h.newValue}.join(QLatin1Char('|')));
    return rows;
}

std::optional<Record> recordById(Workspace &ws, const QString &id)
{
    const std::optional<qint64> rid = ws.ridOf(id);
    return rid ? ws.record(*rid) : std::nullopt;
}

// "line:column" of a quarantine entry or a problem.
template <class T> QString at(const T &e)
{
    return QStringLiteral("%1:%2").arg(e.line).arg(e.column);
}

QString id(int number)
{
    return QStringLiteral("TestModel#%1").arg(number);
}

ImportReport importText(Workspace &ws, const QTemporaryDir &dir, const QString &name,
    const QByteArray &text, const ImportOptions &options = {})
{
    return Importer(ws).run({TestSupport::writeFile(dir, name, text)}, options);
}

} // namespace

class TestImporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void forms_data();
    void forms();
    void foldersAndFiles();
    void recordProblems_data();
    void recordProblems();
    void rejectedFiles_data();
    void rejectedFiles();
    void positions();
    void extraFields();
    void alreadyPresent();
    void conflicts();
    void replace();
    void cancel();
    void manyProblems();
    void largeImport();
    void duplicateOfARecordNotYetWritten();
    void relativeFolder();
    void refusedLabelsStayOut();
    void largeFileInChunks();
    void devicesAreRejected();
};

void TestImporter::forms_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("count");

    QTest::newRow("array") << arrayFile({rec(1), rec(2), rec(3)}) << 3;
    QTest::newRow("array on one line") << "[" + rec(1) + "," + rec(2) + "]" << 2;
    QTest::newRow("empty array") << QByteArray("[]") << 0;
    QTest::newRow("single object") << rec(1) << 1;
    QTest::newRow("json lines") << rec(1) + "\n" + rec(2) + "\n" + rec(3) + "\n" << 3;
    QTest::newRow("json lines, CRLF, no last newline") << rec(1) + "\r\n" + rec(2) << 2;
    QTest::newRow("BOM + array") << "\xEF\xBB\xBF" + arrayFile({rec(1), rec(2)}) << 2;
    QTest::newRow("BOM + object") << "\xEF\xBB\xBF" + rec(1) << 1;
    QTest::newRow("BOM + json lines") << "\xEF\xBB\xBF" + rec(1) + "\n" + rec(2) << 2;
}

void TestImporter::forms()
{
    QFETCH(QByteArray, text);
    QFETCH(int, count);
    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    const ImportReport report = importText(*ws, dir, QStringLiteral("in/records.json"), text);
    QVERIFY2(report.problems.isEmpty(), qPrintable(report.problems.value(0).toString()));
    QCOMPARE(counts(report), counts(count, 0, 0, 0, 0, 0));
    QCOMPARE(report.files, qint64(1));
    QVERIFY(!report.cancelled);
    QCOMPARE(ws->recordCount(), qint64(count));
    for (int n = 1; n <= count; ++n) {
        const std::optional<Record> r = recordById(*ws, id(n));
        QVERIFY(r.has_value());
        QCOMPARE(r->link(), QStringLiteral("https://github.com/QwenLM/Qwen/issues/%1").arg(n));
        QCOMPARE(r->symptom, QStringLiteral("Crash - CUDA Error - Out of Memory"));
        QCOMPARE(r->source, QStringLiteral("records.json")); // a file named directly: its name
        QVERIFY(r->extra.isEmpty());
    }
}

void TestImporter::foldersAndFiles()
{
    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    const auto write = [&](const char *name, const QByteArray &text) {
        return TestSupport::writeFile(dir, QString::fromUtf8(name), text);
    };
    write("data/b.json", arrayFile({rec(1), rec(2)}));
    write("data/a/x.jsonl", rec(3) + "\n" + rec(4) + "\n");
    write("data/a/deeper/y.json", rec(5));
    write("data/notes.txt", rec(6)); // neither *.json nor *.jsonl
    write("data/records.json.bak", rec(7));
    const QString single = write("other/z.json", rec(8));
    QDir().mkpath(dir.filePath(QStringLiteral("empty/sub")));
    const QString missing = dir.filePath(QStringLiteral("no-such.json"));

    const ImportReport report = Importer(*ws).run({dir.filePath(QStringLiteral("data")), single,
        missing, dir.filePath(QStringLiteral("empty"))});
    // (The empty folder's warning is a problem; whether `warnings` counts it is left open.)
    QCOMPARE(counts(report), counts(6, 0, 0, 0, 1, report.warnings));
    QCOMPARE(report.files, qint64(4));
    QCOMPARE(ws->recordCount(), qint64(6));
    QVERIFY(!ws->ridOf(id(6)).has_value());
    QVERIFY(!ws->ridOf(id(7)).has_value());

    // Sources are relative to the folder named; a file named directly keeps its name.
    QCOMPARE(recordById(*ws, id(1))->source, QStringLiteral("b.json"));
    QCOMPARE(recordById(*ws, id(3))->source, QStringLiteral("a/x.jsonl"));
    QCOMPARE(recordById(*ws, id(5))->source, QStringLiteral("a/deeper/y.json"));
    QCOMPARE(recordById(*ws, id(8))->source, QStringLiteral("z.json"));
    // Folders are written in relative-path order: a/deeper/y.json, a/x.jsonl, b.json.
    QVERIFY(*ws->ridOf(id(5)) < *ws->ridOf(id(3)));
    QVERIFY(*ws->ridOf(id(4)) < *ws->ridOf(id(1)));
    QVERIFY(*ws->ridOf(id(2)) < *ws->ridOf(id(8)));

    QCOMPARE(report.problems.size(), 2);
    QCOMPARE(report.problems[0].kind, ImportProblem::Kind::RejectedFile);
    QCOMPARE(report.problems[0].toString(),
        missing + QStringLiteral(": file rejected: no such file or folder"));
    QCOMPARE(report.problems[1].kind, ImportProblem::Kind::Warning);
    QVERIFY(report.problems[1].message.contains(QStringLiteral("no .json or .jsonl files")));
    QVERIFY(ws->quarantine().isEmpty());
}

void TestImporter::recordProblems_data()
{
    QTest::addColumn<QByteArray>("element");
    QTest::addColumn<QString>("message"); // the reason (or the warning) contains it
    QTest::addColumn<bool>("quarantined");
    QTest::addColumn<QString>("stage"); // of the accepted record

    const auto bad = [](const char *name, const QByteArray &element, const QByteArray &message) {
        QTest::newRow(name) << element << QString::fromUtf8(message) << true << QString();
    };
    // Record 2 with one field's JSON value replaced (or removed, for a null value).
    const auto field = [&](const char *name, const char *key, const QByteArray &json,
                           const QByteArray &message) {
        bad(name, rec(2, {{key, json}}), message);
    };
    // Record 2 with another STAGE: accepted, with a warning when the spelling was normalised.
    const auto stage
        = [](const char *name, const char *json, const char *warning, const char *canonical) {
              QTest::newRow(name) << rec(2, {{"STAGE", json}}) << QString::fromUtf8(warning)
                                  << false << QString::fromUtf8(canonical);
          };
    const QByteArray notLink
        = "'link' is not a GitHub issue link (https://github.com/OWNER/REPO/issues/N)";
    const QByteArray notStage = "is not Fine-tuning or Inference";
    const QByteArray e257 = q(QByteArray("\xC3\xA9").repeated(257)); // 257 characters, 514 bytes
    const QByteArray mustBe = "must be an integer, not ";
    const QByteArray wholeNumber = "'number' must be a whole number from 1 to 2147483647";

    // clang-format off
    field("number as a string",    "number", q("2"),  "'number' " + mustBe + "a string");
    field("number null",           "number", "null",  "'number' " + mustBe + "null");
    field("number 2.0",            "number", "2.0",   "'number' " + mustBe + "a floating-point");
    field("number zero",           "number", "0",     wholeNumber + ", not 0");
    field("number negative",       "number", "-2",    wholeNumber + ", not -2");
    field("number above 31 bits",  "number", "2147483648", wholeNumber + ", not 2147483648");
    field("number beyond 64 bits", "number", "18446744073709551615", wholeNumber);
    field("number of 20 digits",   "number", "99999999999999999999", wholeNumber);
    field("stage as a number",     "STAGE", "1",      "'STAGE' must be a string, not an integer");
    field("stage null",            "STAGE", "null",   "'STAGE' must be a string, not null");
    field("symptom as an array",   "SYMPTOM", "[]",   "'SYMPTOM' must be a string, not an array");
    field("status as an object",   "status", "{}",    "'status' must be a string, not an object");
    field("model as a boolean",    "model", "true",   "'model' must be a string, not a boolean");
    field("missing SYMPTOM",       "SYMPTOM", {},     "missing field 'SYMPTOM'");
    field("missing link",          "link", {},        "missing field 'link'");
    bad("key in the wrong case",   rec(2, {{"SYMPTOM", {}}, {"symptom", q("A - B")}}),
        "missing field 'SYMPTOM' (the record has 'symptom'; keys are case-sensitive)");
    bad("two problems",            rec(2, {{"number", q("2")}, {"link", {}}}),
        "'number' must be an integer, not a string; missing field 'link'");
    bad("empty object",            "{}", "missing field 'number'; missing field 'link'");
    bad("duplicate key",           rec(2).replace("\"status", "\"model\": \"B\", \"status"),
        "duplicate key 'model'");
    bad("duplicate number",        rec(2).replace("\"status", "\"number\": 3, \"status"),
        "duplicate key 'number'");
    // A key is shown like a value: control characters as codes (an ESC would reach the
    // terminal), long keys cut.
    bad("duplicate key with an ESC",
        rec(2).replace("\"status", "\"\\u001b[2J\": 1, \"\\u001b[2J\": 2, \"status"),
        "duplicate key '<U+001B>[2J'");
    field("javascript link",       "link", q("javascript:alert(1)"), notLink + ": 'javascript:");
    field("file link",             "link", q("file:///etc/passwd"), notLink + ": 'file:///etc/");
    field("other host",            "link", q("https://gitlab.com/QwenLM/Qwen/issues/2"), notLink);
    field("lookalike host",        "link", q("https://github.com.evil.io/Q/Q/issues/2"), notLink);
    field("link with a query",     "link", q("https://github.com/QwenLM/Qwen/issues/2?x"), notLink);
    field("newline in a label",    "SYMPTOM", q("A\\n - B"),
        "'SYMPTOM' contains the control character U+000A");
    field("escaped NUL in a label", "model", q("Qwen\\u0000"),
        "control character U+0000: 'Qwen<U+0000>'");
    field("C1 control in a label", "status", q("open\\u0085"),
        "'status' contains the control character U+0085");
    field("257 characters",        "architecture", q(QByteArray(257, 'x')),
        "'architecture' is 257 characters long; at most 256");
    field("257 two-byte characters", "architecture", e257, "'architecture' is 257 characters long");
    field("empty label",           "model", q(""), "'model' is empty");
    field("one-part symptom",      "SYMPTOM", q("Crash"),
        "'SYMPTOM' has 1 part where 2 or 3 separated by \" - \"");
    field("hyphen is no separator", "SYMPTOM", q("Crash-Segfault"), "'SYMPTOM' has 1 part");
    field("four-part symptom",     "SYMPTOM", q("A - B - C - D"),
        "'SYMPTOM' has 4 parts where 2 or 3");
    field("three-part cause",      "ROOT CAUSE", q("A - B - C"),
        "'ROOT CAUSE' has 3 parts where 2 separated");
    field("one-part cause",        "ROOT CAUSE", q("Hardware"), "'ROOT CAUSE' has 1 part where 2");
    field("blank part",            "ROOT CAUSE", q("A -  "), "'ROOT CAUSE' has an empty part");
    field("unknown stage",         "STAGE", q("Training"), "'STAGE' 'Training' " + notStage);
    field("empty stage",           "STAGE", q(""), "'STAGE' '' " + notStage);
    field("misspelt stage",        "STAGE", q("Inferense"), notStage);
    // A no-break space would read as a plain one, a right-to-left override would turn the
    // message round: both are shown as codes.
    field("stage and a no-break space", "STAGE", q("Inference\\u00a0"),
        "'STAGE' 'Inference<U+00A0>' " + notStage);
    field("stage and bidi controls", "STAGE", q("\\u202eecnerefnI\\u202c"),
        "'STAGE' '<U+202E>ecnerefnI<U+202C>' " + notStage);
    field("stage and a BOM",       "STAGE", q("\xEF\xBB\xBFInference"),
        "'STAGE' '<U+FEFF>Inference' " + notStage);
    bad("number element",          "7", "the element is an integer, not a record object");
    bad("string element",          q("TestModel#2"),
        "the element is a string, not a record object");
    bad("array element",           R"([1, {"number": 2}])",
        "the element is an array, not a record");
    bad("null element",            "null", "the element is null, not a record object");
    bad("boolean element",         "false", "the element is a boolean, not a record object");

    stage("stage inference",       "\"inference\"",
        "'STAGE' 'inference' read as 'Inference'", "Inference");
    stage("stage fine tuning",     "\"fine tuning\"",
        "'fine tuning' read as 'Fine-tuning'", "Fine-tuning");
    stage("stage finetuning",      "\"finetuning\"",
        "'finetuning' read as 'Fine-tuning'", "Fine-tuning");
    stage("stage FINE_TUNING",     "\"FINE_TUNING\"", "read as 'Fine-tuning'", "Fine-tuning");
    stage("stage padded",          "\" Inference \"", "read as 'Inference'", "Inference");
    stage("stage Fine-tuning",     "\"Fine-tuning\"", "", "Fine-tuning");
    // clang-format on
    QTest::newRow("256 two-byte characters")
        << rec(2, {{"architecture", q(QByteArray("\xC3\xA9").repeated(256))}}) << QString() << false
        << QStringLiteral("Inference");
    // Unknown fields up to 64 KiB as JSON: '{"note":"' (9 bytes), the text, '"}' (2).
    QTest::newRow("unknown fields of 65536 bytes")
        << rec(2, {{"note", q(QByteArray(65525, 'x'))}}) << QString() << false
        << QStringLiteral("Inference");
    bad("unknown fields of 65537 bytes", rec(2, {{"note", q(QByteArray(65526, 'x'))}}),
        "the unknown fields take 65537 bytes as JSON; at most 65536 are kept");
    QTest::newRow("HTML is text") << rec(2, {{"status", q("<b>open</b><script>x</script>")}})
                                  << QString() << false << QStringLiteral("Inference");
}

void TestImporter::recordProblems()
{
    QFETCH(QByteArray, element);
    QFETCH(QString, message);
    QFETCH(bool, quarantined);
    QFETCH(QString, stage);

    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    // The element under test is the second of three: line 3, column 3.
    const QString path = TestSupport::writeFile(
        dir, QStringLiteral("in.json"), arrayFile({rec(1), element, rec(3)}));
    const ImportReport report = Importer(*ws).run({path});

    QVERIFY(recordById(*ws, id(1)).has_value()); // the rest of the file goes in
    QVERIFY(recordById(*ws, id(3)).has_value());
    if (!quarantined) {
        QCOMPARE(counts(report), counts(3, 0, 0, 0, 0, message.isEmpty() ? 0 : 1));
        QVERIFY(ws->quarantine().isEmpty());
        QCOMPARE(recordById(*ws, id(2))->stage, stage);
        QCOMPARE(report.problems.size(), message.isEmpty() ? 0 : 1);
        if (!message.isEmpty()) {
            QCOMPARE(report.problems[0].kind, ImportProblem::Kind::Warning);
            QVERIFY2(report.problems[0].message.contains(message),
                qPrintable(report.problems[0].message));
            QCOMPARE(at(report.problems[0]), QStringLiteral("3:3"));
        }
        return;
    }
    QCOMPARE(counts(report), counts(2, 0, 0, 1, 0, 0));
    QCOMPARE(ws->recordCount(), qint64(2));
    QVERIFY(!ws->ridOf(id(2)).has_value());
    QCOMPARE(report.problems.size(), 1);
    const ImportProblem &problem = report.problems[0];
    QCOMPARE(problem.kind, ImportProblem::Kind::Quarantined);
    QVERIFY2(problem.message.contains(message), qPrintable(problem.message));
    QCOMPARE(
        problem.toString(), path + QStringLiteral(":3:3: record quarantined: ") + problem.message);

    const QVector<QuarantineEntry> held = ws->quarantine();
    QCOMPARE(held.size(), 1);
    QCOMPARE(held[0].source, path);
    QCOMPARE(at(held[0]), QStringLiteral("3:3"));
    QCOMPARE(held[0].reason, problem.message);
    QCOMPARE(held[0].raw, QString::fromUtf8(element)); // exactly the element's text
    QVERIFY(held[0].conflictsWith.isEmpty());
}

void TestImporter::rejectedFiles_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    const auto row
        = [](const char *name, const QByteArray &text, const char *message, int line, int column) {
              QTest::newRow(name) << text << QString::fromUtf8(message) << line << column;
          };
    const QByteArray one = rec(1); // a good record before the fault: it must not go in either
    const QByteArray start = "[\n  " + one + ",\n  "; // what follows is on line 3, column 3
    const int n = int(one.size());
    row("empty", QByteArray(), "the file is empty", 1, 1);
    row("whitespace", " \n\n  ", "the file is empty", 3, 3);
    // Line 3 is '  {"number": 2' (14 characters): the end of input is column 15.
    row("truncated", start + "{\"number\": 2", "unexpected end of input", 3, 15);
    row("text after the array", "[\n  " + one + "\n]\n  x", "after the end of the array", 4, 3);
    row("two records on a line", one + " " + rec(2), "one record per line", 1, n + 2);
    // Line 3 is '{"number": 3,,}': the second ',' is column 14.
    row("json lines, bad third line", one + "\n" + rec(2) + "\n{\"number\": 3,,}\n",
        "unexpected ','", 3, 14);
    // Line 3 is '  {"model": "M' and then the bad byte: column 15.
    row("invalid UTF-8", start + "{\"model\": \"M\xFF\"}\n]", "ill-formed UTF-8 byte", 3, 15);
    // Latin-1 'é' (0xE9) starts a 3-byte sequence that the '"' after it (column 18) breaks.
    row("Latin-1 text", start + "{\"model\": \"caf\xE9\"}\n]", "ill-formed UTF-8 byte", 3, 18);
    row("raw NUL in a string", start + "{\"model\": \"M" + QByteArray(1, '\0') + "\"}\n]",
        "control character U+0000 (NUL) must be escaped", 3, 15);
    row("raw tab in a label", start + "{\"model\": \"M\tN\"}\n]", "control character U+0009 (HT)",
        3, 15);
    row("byte outside a string", start + "\xE9\n]", "invalid literal", 3, 3);
    row("100000 '['", QByteArray("[").repeated(100000), "nesting deeper than 32 levels", 1, 33);
    // '{"a":' is 5 characters: the 33rd '{' is column 32 * 5 + 1.
    row("100000 '{\"a\":'", QByteArray("{\"a\":").repeated(100000), "nesting deeper than 32 levels",
        1, 161);
    row("top-level string", "\"records\"", "found a string", 1, 1);
    row("BOM then garbage", "\xEF\xBB\xBF\n  x", "invalid literal", 2, 3);
    // The BOM is no character: '[' is column 1, the record 2 .. n + 1, ',' n + 2, ']' n + 3.
    row("BOM, trailing comma", "\xEF\xBB\xBF[" + one + ",]", "unexpected ']'", 1, n + 3);
    row("json lines, junk after a number", one + "\n7}\n", "one record per line", 2, 2);
    row("UTF-16", QByteArray("\xFF\xFE[\0{\0}\0]\0", 10), "UTF-16 byte order mark", 1, 1);
    row("UTF-16 without a BOM", QByteArray("[\0{\0}\0]\0", 8), "unexpected NUL byte", 1, 2);
}

void TestImporter::rejectedFiles()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);

    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    const QString bad = TestSupport::writeFile(dir, QStringLiteral("bad.json"), text);
    const QString good
        = TestSupport::writeFile(dir, QStringLiteral("good.json"), arrayFile({rec(10), rec(11)}));
    const ImportReport report = Importer(*ws).run({bad, good});

    QCOMPARE(counts(report), counts(2, 0, 0, 0, 1, 0)); // the other file goes on
    QCOMPARE(report.files, qint64(2));
    QCOMPARE(report.problems.size(), 1);
    const ImportProblem &problem = report.problems[0];
    QCOMPARE(problem.kind, ImportProblem::Kind::RejectedFile);
    QVERIFY2(problem.message.contains(message), qPrintable(problem.message));
    QCOMPARE(problem.toString(),
        QStringLiteral("%1:%2:%3: file rejected: ").arg(bad).arg(line).arg(column)
            + problem.message);
    // Nothing of the rejected file is in the workspace, not even its good first record.
    QCOMPARE(ws->recordCount(), qint64(2));
    QVERIFY(!ws->ridOf(id(1)).has_value());
    QVERIFY(ws->ridOf(id(10)).has_value());
    QVERIFY(ws->quarantine().isEmpty());
    QCOMPARE(ws->labels().find(LabelKind::Source, QStringLiteral("bad.json")), qint64(0));
}

void TestImporter::positions()
{
    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    const auto check = [](const QuarantineEntry &e, const char *place, const QString &raw) {
        QCOMPARE(at(e), QString::fromUtf8(place));
        QCOMPARE(e.raw, raw);
    };

    // Line 1: '[' 1, ' ' 2, '"' 3, 'é' 4, '"' 5, ',' 6, ' ' 7, '{' 8 (byte 9: columns count
    // characters). Line 2: four spaces, '{' 5, '"x": "ü"}' to column 14, ',' 15, three
    // spaces, '{' 19. Line 3: two spaces, then a record at column 3 with a stage warning.
    const QByteArray array = "[ \"\xC3\xA9\", {\"number\": 1},\n"
                             "    {\"x\": \"\xC3\xBC\"},   {\"number\": 5},\n"
                             "  "
        + rec(7, {{"STAGE", q("inference")}}) + "\n]";
    const QString path = TestSupport::writeFile(dir, QStringLiteral("p.json"), array);
    const ImportReport report = Importer(*ws).run({path});
    QCOMPARE(counts(report), counts(1, 0, 0, 4, 0, 1));
    QVector<QuarantineEntry> held = ws->quarantine();
    QCOMPARE(held.size(), 4);
    check(held[0], "1:3", QString::fromUtf8("\"\xC3\xA9\""));
    check(held[1], "1:8", QStringLiteral("{\"number\": 1}"));
    check(held[2], "2:5", QString::fromUtf8("{\"x\": \"\xC3\xBC\"}"));
    check(held[3], "2:19", QStringLiteral("{\"number\": 5}"));
    QVERIFY(held[0].reason.contains(QStringLiteral("the element is a string")));
    QVERIFY(held[1].reason.contains(QStringLiteral("missing field 'link'")));
    // The report gives the same places in file order, then the warning.
    QCOMPARE(report.problems.size(), 5);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(at(report.problems[i]), at(held[i]));
    QCOMPARE(report.problems[4].toString(),
        path + QStringLiteral(":3:3: warning: 'STAGE' 'inference' read as 'Inference'"));
    QCOMPARE(recordById(*ws, id(7))->stage, QStringLiteral("Inference"));

    // JSON Lines: line 2 blank, line 3 three spaces then '{' (column 4), line 4 a bare number.
    // CRLF line ends but a bare LF after the number: the parser reads one character past a
    // number, and that newline must still end the line.
    const QByteArray lines = rec(11) + "\r\n\r\n   {\"number\": 2}\r\n42\n" + rec(13) + "\r\n";
    QCOMPARE(
        counts(importText(*ws, dir, QStringLiteral("p.jsonl"), lines)), counts(2, 0, 0, 2, 0, 0));
    // A BOM is no character: the '7' after "\xEF\xBB\xBF[" is column 2.
    QCOMPARE(counts(importText(*ws, dir, QStringLiteral("bom.json"), "\xEF\xBB\xBF[7]")),
        counts(0, 0, 0, 1, 0, 0));
    held = ws->quarantine();
    QCOMPARE(held.size(), 7);
    check(held[4], "3:4", QStringLiteral("{\"number\": 2}"));
    check(held[5], "4:1", QStringLiteral("42"));
    QVERIFY(held[5].reason.contains(QStringLiteral("the element is an integer")));
    check(held[6], "1:2", QStringLiteral("7"));
    QVERIFY(ws->ridOf(id(13)).has_value());
}

void TestImporter::extraFields()
{
    // Unknown keys before and after the known ones, nested values, non-ASCII text.
    const QByteArray extras
        = "{\"zeta\": 1, " + rec(1, {{"alpha", R"({"y": [true, null], "x": "é"})"}}).mid(1);
    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    QCOMPARE(counts(importText(*ws, dir, QStringLiteral("x.json"), arrayFile({extras, rec(2)}))),
        counts(2, 0, 0, 0, 0, 0));
    QCOMPARE(recordById(*ws, id(1))->extra,
        QByteArray(R"({"zeta":1,"alpha":{"y":[true,null],"x":"é"}})"));
    QVERIFY(recordById(*ws, id(2))->extra.isEmpty());

    // The same extras again: already present; other extras: a conflict that changes nothing.
    const QStringList before = snapshot(*ws);
    const ImportReport again = importText(
        *ws, dir, QStringLiteral("y.json"), arrayFile({extras, rec(2, {{"note", q("new")}})}));
    QCOMPARE(counts(again), counts(0, 1, 1, 0, 0, 0));
    QCOMPARE(again.problems.value(0).message,
        QStringLiteral("extra differs (workspace '', file '{\"note\":\"new\"}')"));
    QCOMPARE(snapshot(*ws).mid(0, before.size()), before);

    // Extra fields are any JSON: the message quotes them cut to 80 characters, controls as codes
    // (the extra is '{"note":"' (9), U+0085, then 60000 'x': 70 of them are shown).
    const QByteArray huge = q("\\u0085" + QByteArray(60000, 'x'));
    const ImportReport big = importText(
        *ws, dir, QStringLiteral("z.json"), arrayFile({rec(2, {{"note", huge}})}));
    QCOMPARE(counts(big), counts(0, 0, 1, 0, 0, 0));
    QCOMPARE(big.problems.value(0).message,
        QStringLiteral("extra differs (workspace '', file '{\"note\":\"<U+0085>")
            + QString(70, u'x') + QStringLiteral("...')"));
    QCOMPARE(snapshot(*ws).mid(0, before.size()), before);
}

void TestImporter::alreadyPresent()
{
    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    QCOMPARE(
        counts(importText(*ws, dir, QStringLiteral("a.json"), arrayFile({rec(1), rec(2), rec(3)}))),
        counts(3, 0, 0, 0, 0, 0));
    const QStringList before = snapshot(*ws);

    // The same records from another file, one with a stage spelling that normalises to the
    // stored value: all already present, nothing written (the source stays a.json).
    const QByteArray copy = arrayFile({rec(1), rec(2, {{"STAGE", q("inference")}}), rec(3)});
    QCOMPARE(
        counts(importText(*ws, dir, QStringLiteral("copy.json"), copy)), counts(0, 3, 0, 0, 0, 1));
    QCOMPARE(ws->recordCount(), qint64(3));
    QCOMPARE(snapshot(*ws), before);
}

void TestImporter::conflicts()
{
    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    importText(*ws, dir, QStringLiteral("a.json"), arrayFile({rec(1), rec(2), rec(3)}));
    const QStringList before = snapshot(*ws);

    // Record 2 at line 3, record 3 at line 4, both column 3.
    const QByteArray two = rec(2, {{"SYMPTOM", q("Crash - Segfault")}});
    const QByteArray three = rec(3, {{"link", q("https://github.com/QwenLM/Qwen/issues/33")}});
    const QString path = TestSupport::writeFile(
        dir, QStringLiteral("b.json"), arrayFile({rec(1), two, three, rec(4)}));
    const ImportReport report = Importer(*ws).run({path});
    QCOMPARE(counts(report), counts(1, 1, 2, 0, 0, 0));
    QCOMPARE(ws->recordCount(), qint64(4));
    QCOMPARE(snapshot(*ws).mid(0, 3), before); // never overwritten (record 4 sorts after)
    QVERIFY(ws->history().isEmpty());

    QCOMPARE(report.problems.size(), 2);
    const ImportProblem &first = report.problems[0];
    QCOMPARE(first.kind, ImportProblem::Kind::Conflict);
    QCOMPARE(first.recordId, id(2));
    QCOMPARE(first.message,
        QStringLiteral("symptom differs (workspace 'Crash - CUDA Error - Out of "
                       "Memory', file 'Crash - Segfault')"));
    QCOMPARE(first.toString(),
        path
            + QStringLiteral(":3:3: conflict with TestModel#2 (the workspace "
                             "keeps its record): ")
            + first.message);
    QCOMPARE(report.problems[1].message,
        QStringLiteral("link differs (workspace 'https://github.com/QwenLM/Qwen/issues/3', "
                       "file 'https://github.com/QwenLM/Qwen/issues/33')"));

    const QVector<QuarantineEntry> held = ws->quarantine();
    QCOMPARE(held.size(), 2);
    QCOMPARE(held[0].conflictsWith, id(2));
    QCOMPARE(held[0].reason, QStringLiteral("conflicts with TestModel#2: ") + first.message);
    QCOMPARE(held[0].raw, QString::fromUtf8(two));
    QCOMPARE(at(held[0]), QStringLiteral("3:3"));
    QCOMPARE(held[1].conflictsWith, id(3));
    QCOMPARE(at(held[1]), QStringLiteral("4:3"));
    QCOMPARE(held[1].raw, QString::fromUtf8(three));

    // The same id twice in one import: the first goes in, a different second is a conflict
    // (line 2), an identical third is already present.
    const QByteArray lines
        = rec(5) + "\n" + rec(5, {{"STAGE", q("Fine-tuning")}}) + "\n" + rec(5) + "\n";
    QCOMPARE(
        counts(importText(*ws, dir, QStringLiteral("d.jsonl"), lines)), counts(1, 1, 1, 0, 0, 0));
    QCOMPARE(recordById(*ws, id(5))->stage, QStringLiteral("Inference"));
    QCOMPARE(ws->quarantine().value(2).line, 2);
    QCOMPARE(ws->quarantine().value(2).conflictsWith, id(5));
}

void TestImporter::replace()
{
    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    importText(*ws, dir, QStringLiteral("a.json"), arrayFile({rec(1), rec(2)}));
    const QString one = describe(*recordById(*ws, id(1)));

    const QByteArray changed
        = rec(2, {{"SYMPTOM", q("Crash - Segfault")}, {"STAGE", q("Fine-tuning")}});
    ImportOptions options;
    options.replace = true;
    options.annotator = QStringLiteral("alice");
    const ImportReport report
        = importText(*ws, dir, QStringLiteral("b.json"), arrayFile({rec(1), changed}), options);
    QCOMPARE(counts(report), counts(0, 1, 0, 0, 0, 0, 1));
    QVERIFY(ws->quarantine().isEmpty());
    QCOMPARE(ws->recordCount(), qint64(2));
    QCOMPARE(describe(*recordById(*ws, id(1))), one);

    const Record two = *recordById(*ws, id(2));
    QCOMPARE(two.symptom, QStringLiteral("Crash - Segfault"));
    QCOMPARE(two.stage, QStringLiteral("Fine-tuning"));
    QCOMPARE(
        two.cause, QStringLiteral("Hardware and Resource Limitations - GPU Memory Insufficiency"));
    QCOMPARE(two.updatedBy, QStringLiteral("alice"));

    const QVector<HistoryEntry> history = ws->history();
    QCOMPARE(history.size(), 2); // one row per changed field, in one batch
    QCOMPARE(QStringList(
                 {history[0].recordId, history[0].field, history[0].oldValue, history[0].newValue}),
        QStringList(
            {id(2), QStringLiteral("symptom"), QStringLiteral("Crash - CUDA Error - Out of Memory"),
                QStringLiteral("Crash - Segfault")}));
    QCOMPARE(QStringList(
                 {history[1].recordId, history[1].field, history[1].oldValue, history[1].newValue}),
        QStringList({id(2), QStringLiteral("stage"), QStringLiteral("Inference"),
            QStringLiteral("Fine-tuning")}));
    for (const HistoryEntry &h : history) {
        QCOMPARE(h.annotator, QStringLiteral("alice"));
        QVERIFY2(h.reason.contains(QStringLiteral("import --replace")), qPrintable(h.reason));
        QCOMPARE(h.batch, history[0].batch);
    }
}

void TestImporter::cancel()
{
    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    importText(*ws, dir, QStringLiteral("a.json"), arrayFile({rec(1), rec(2)}));
    const QStringList before = snapshot(*ws);

    // New records with a new model label, a conflict (or a replacement) and a bad record.
    const QString path = TestSupport::writeFile(dir, QStringLiteral("b.json"),
        arrayFile({rec(3, {{"model", q("NewModel")}}), rec(4),
            rec(1, {{"SYMPTOM", q("Crash - Segfault")}}), rec(9, {{"link", q("javascript:x")}})}));
    const QString next = TestSupport::writeFile(dir, QStringLiteral("c.json"), arrayFile({rec(5)}));
    for (int attempt = 0; attempt < 3; ++attempt) {
        // Cancelled at once, or once the first file is written (progress is reported after
        // each file), without and with --replace.
        bool written = false;
        ImportOptions options;
        options.replace = attempt == 2;
        options.annotator = QStringLiteral("bob");
        options.progress = [&](qint64, qint64) { written = true; };
        options.isCancelled = [&] { return attempt == 0 || written; };
        const ImportReport report = Importer(*ws).run({path, next}, options);
        QVERIFY(report.cancelled);
        QCOMPARE(counts(report), counts(0, 0, 0, 0, 0, 0));
        QCOMPARE(ws->recordCount(), qint64(2));
        QCOMPARE(snapshot(*ws), before);
        QCOMPARE(ws->labels().find(LabelKind::Model, QStringLiteral("NewModel")), qint64(0));
    }

    // The rolled-back imports left nothing half-done behind: the same import now goes in whole.
    const ImportReport report = Importer(*ws).run({path, next});
    QVERIFY(!report.cancelled);
    QCOMPARE(counts(report), counts(3, 0, 1, 1, 0, 0));
    QCOMPARE(recordById(*ws, QStringLiteral("NewModel#3"))->model, QStringLiteral("NewModel"));
}

void TestImporter::manyProblems()
{
    // More problems than the report keeps: exact counts, the rest left out, all quarantined.
    const int n = ImportReport::MaxProblems + 5;
    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    const ImportReport report = importText(
        *ws, dir, QStringLiteral("m.json"), "[" + QByteArray("7,").repeated(n) + rec(1) + "]");
    QCOMPARE(counts(report), counts(1, 0, 0, n, 0, 0));
    QCOMPARE(report.problems.size(), ImportReport::MaxProblems);
    QCOMPARE(report.problemsLeftOut, qint64(5));
    QCOMPARE(ws->quarantine().size(), n);
    QCOMPARE(ws->quarantine().last().column, 2 * n); // '[' then "7," n times: the last '7'
}

void TestImporter::largeImport()
{
    // Over 10000 records and 3.5 MB, into a smaller workspace: the importer's bulk path. The
    // rules are the same: conflicts with stored and with earlier records, cancel = no change.
    const int n = 14000;
    QByteArrayList elements;
    for (int i = 1; i <= n; ++i)
        elements.append(rec(i));
    elements.append(rec(77, {{"STAGE", q("Fine-tuning")}})); // conflicts with element 77
    elements.append(rec(78)); // already present
    elements.append(rec(n + 1, {{"number", q("x")}})); // quarantined
    const QByteArray text = arrayFile(elements);
    QVERIFY(text.size() > 10000 * 350);

    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    QCOMPARE(counts(importText(*ws, dir, QStringLiteral("one.json"),
                 rec(5, {{"SYMPTOM", q("Crash - Segfault")}}))),
        counts(1, 0, 0, 0, 0, 0));
    const QStringList before = snapshot(*ws);
    ImportOptions cancel;
    cancel.isCancelled = [] { return true; };
    QVERIFY(importText(*ws, dir, QStringLiteral("big.json"), text, cancel).cancelled);
    QCOMPARE(snapshot(*ws), before);

    QCOMPARE(counts(importText(*ws, dir, QStringLiteral("big.json"), text)),
        counts(n - 1, 1, 2, 1, 0, 0));
    QCOMPARE(ws->recordCount(), qint64(n));
    QCOMPARE(recordById(*ws, id(5))->symptom, QStringLiteral("Crash - Segfault"));
    QCOMPARE(recordById(*ws, id(77))->stage, QStringLiteral("Inference"));
    // Element k is on line k + 1: record 5 on line 6, the copy of 77 (element n + 1) on
    // n + 2, the bad record (element n + 3) on n + 4.
    const QVector<QuarantineEntry> held = ws->quarantine();
    QCOMPARE(held.size(), 3);
    QCOMPARE(held[0].line, 6);
    QCOMPARE(held[0].conflictsWith, id(5));
    QCOMPARE(held[1].line, n + 2);
    QCOMPARE(held[1].conflictsWith, id(77));
    QCOMPARE(held[2].line, n + 4);

    // Cancelled again once it is in: still no change, and ids still collide afterwards.
    const QStringList after = snapshot(*ws);
    QVERIFY(importText(*ws, dir, QStringLiteral("again.json"), text, cancel).cancelled);
    QCOMPARE(snapshot(*ws), after);
    QCOMPARE(counts(importText(
                 *ws, dir, QStringLiteral("nine.json"), rec(9, {{"STAGE", q("Fine-tuning")}}))),
        counts(0, 0, 1, 0, 0, 0));
    QCOMPARE(recordById(*ws, id(9))->stage, QStringLiteral("Inference"));
}

// New records wait in memory and go to SQLite 64 to a statement: a later element that collides
// with one still waiting is compared with it, reported, and replaced, as with any other.
void TestImporter::duplicateOfARecordNotYetWritten()
{
    QByteArrayList elements;
    for (int i = 1; i <= 10; ++i)
        elements.append(rec(i));
    elements.append(rec(9, {{"STAGE", q("Fine-tuning")}})); // differs from element 9
    elements.append(rec(10)); // the same as element 10
    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    QCOMPARE(counts(importText(*ws, dir, QStringLiteral("a.json"), arrayFile(elements))), counts(10, 1, 1, 0, 0, 0));
    QCOMPARE(ws->recordCount(), qint64(10));
    QCOMPARE(recordById(*ws, id(9))->stage, QStringLiteral("Inference"));
    QCOMPARE(ws->quarantine().size(), 1);
    QCOMPARE(ws->quarantine().first().conflictsWith, id(9));

    // A repeat while ids still ascend (the importer then keeps no map), and one after they
    // stopped ascending.
    QTemporaryDir repeats;
    auto ascending = TestSupport::createWorkspace(repeats);
    const QByteArrayList inOrder{rec(1), rec(2), rec(2, {{"STAGE", q("Fine-tuning")}}), rec(3),
                                 rec(1, {{"STAGE", q("Fine-tuning")}}), rec(3)};
    QCOMPARE(counts(importText(*ascending, repeats, QStringLiteral("a.json"), arrayFile(inOrder))),
             counts(3, 1, 2, 0, 0, 0));
    QCOMPARE(ascending->quarantine().size(), 2);
    QCOMPARE(ascending->quarantine().at(0).conflictsWith, id(2));
    QCOMPARE(ascending->quarantine().at(1).conflictsWith, id(1));

    QTemporaryDir other;
    auto fresh = TestSupport::createWorkspace(other);
    ImportOptions options;
    options.replace = true;
    options.annotator = QStringLiteral("alice");
    QCOMPARE(counts(importText(*fresh, other, QStringLiteral("a.json"), arrayFile(elements), options)),
             counts(10, 1, 0, 0, 0, 0, 1));
    QCOMPARE(recordById(*fresh, id(9))->stage, QStringLiteral("Fine-tuning"));
    // Rids follow file order, as SQLite's own would.
    QCOMPARE(fresh->ridOf(id(1)).value(), qint64(1));
    QCOMPARE(fresh->ridOf(id(10)).value(), qint64(10));
}

// "import ../data": sources are relative to the folder, not to the current directory, so an
// upstream export writes the dataset's own layout.
void TestImporter::relativeFolder()
{
    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    TestSupport::writeFile(dir, QStringLiteral("data/sub/b.json"), arrayFile({rec(1)}));
    QDir().mkpath(dir.filePath(QStringLiteral("work")));
    const QString before = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.filePath(QStringLiteral("work"))));
    const ImportReport report = Importer(*ws).run({QStringLiteral("../data")});
    QDir::setCurrent(before);
    QCOMPARE(report.imported, qint64(1));
    QCOMPARE(recordById(*ws, id(1))->source, QStringLiteral("sub/b.json"));
}

// Labels of quarantined records never reach the workspace's label table: a typo in a refused
// record must not count as a known label later.
void TestImporter::refusedLabelsStayOut()
{
    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    const ImportReport report = importText(*ws, dir, QStringLiteral("in.json"),
        arrayFile({rec(1), rec(2, {{"SYMPTOM", q("Crash - Segfault Typo")}, {"STAGE", q("Training")}}),
            rec(3, {{"model", q("EvilModel")}, {"SYMPTOM", q("OnePart")}})}));
    QCOMPARE(report.imported, qint64(1));
    QCOMPARE(report.quarantined, qint64(2));
    QCOMPARE(ws->labels().find(LabelKind::Symptom, QStringLiteral("Crash - Segfault Typo")), qint64(0));
    QCOMPARE(ws->labels().find(LabelKind::Symptom, QStringLiteral("OnePart")), qint64(0));
    QCOMPARE(ws->labels().find(LabelKind::Model, QStringLiteral("EvilModel")), qint64(0));
    QVERIFY(ws->labels().find(LabelKind::Model, QStringLiteral("TestModel")) != 0);
}

// A large plain array reaches the writer in chunks while the parser still codes it (the whole
// file was read first). Records, held records and labels first seen late must come out as if
// the file were handed over whole: in file order, each label where it belongs, a label only a
// quarantined record has kept out, and a cancel half way through still leaving nothing.
void TestImporter::largeFileInChunks()
{
    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    importText(*ws, dir, QStringLiteral("first.json"), arrayFile({rec(900000)}));
    const QStringList before = snapshot(*ws);
    constexpr int Count = 34000; // three chunks
    const QSet<int> bad{5, 20000, 33999};
    QByteArrayList elements;
    for (int number = 1; number <= Count; ++number) {
        Fields changes;
        if (bad.contains(number))
            changes.append({"STAGE", q("Training")});
        if (number == 20000)
            changes.append({"SYMPTOM", q("Hang - Only Quarantined - Label")});
        if (number == 30000)
            changes.append({"SYMPTOM", q("Crash - Late Label - Seen Once")});
        elements.append(rec(number, changes));
    }
    const QByteArray text = arrayFile(elements);
    const QString path = TestSupport::writeFile(dir, QStringLiteral("large.json"), text);
    // Chunks come from the fast path only (an unknown field, say, would send the file the
    // nlohmann way, handed over whole).
    JsonRecordReader reader;
    QVERIFY(reader.read(std::string_view(text.constData(), size_t(text.size())), [](const RawRecord &) {}));
    QVERIFY(reader.lastReadWasFast());

    // Cancelled while the file's chunks are being written: nothing of it stays.
    ImportOptions cancelling;
    bool cancelled = false;
    cancelling.progress = [&](qint64 done, qint64) { cancelled = done > 3000000; };
    cancelling.isCancelled = [&] { return cancelled; };
    QVERIFY(Importer(*ws).run({path}, cancelling).cancelled);
    QVERIFY(cancelled);
    QCOMPARE(snapshot(*ws), before);

    const ImportReport report = Importer(*ws).run({path});
    QCOMPARE(report.imported, qint64(Count - bad.size()));
    QCOMPARE(report.quarantined, qint64(bad.size()));
    QStringList where;
    for (const ImportProblem &problem : report.problems)
        where.append(at(problem));
    QCOMPARE(where, (QStringList{QStringLiteral("6:3"), QStringLiteral("20001:3"), QStringLiteral("34000:3")}));
    QStringList held;
    for (const QuarantineEntry &entry : ws->quarantine())
        held.append(at(entry));
    QCOMPARE(held, where);

    // File order across chunks: record k has rid first + k - 1, less the held ones before it.
    const std::optional<qint64> firstRid = ws->ridOf(id(1));
    QVERIFY(firstRid);
    QCOMPARE(ws->ridOf(id(4)), std::optional<qint64>(*firstRid + 3));
    QCOMPARE(ws->ridOf(id(30000)), std::optional<qint64>(*firstRid + 29999 - 2));
    QCOMPARE(ws->ridOf(id(Count)), std::optional<qint64>(*firstRid + Count - 1 - 3));
    QVERIFY(!ws->ridOf(id(20000)));

    const std::optional<Record> late = recordById(*ws, id(30000));
    QVERIFY(late);
    QCOMPARE(late->symptom, QStringLiteral("Crash - Late Label - Seen Once"));
    const std::optional<Record> after = recordById(*ws, id(30001));
    QVERIFY(after);
    QCOMPARE(after->symptom, QStringLiteral("Crash - CUDA Error - Out of Memory"));
    QCOMPARE(ws->labels().find(LabelKind::Symptom, QStringLiteral("Hang - Only Quarantined - Label")), qint64(0));
}

// A device has no end (/dev/zero) or no records: refused by name, never read.
void TestImporter::devicesAreRejected()
{
    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    const ImportReport report = Importer(*ws).run({QStringLiteral("/dev/zero")});
    QCOMPARE(report.rejectedFiles, qint64(1));
    QCOMPARE(report.problems.value(0).toString(),
             QStringLiteral("/dev/zero: file rejected: not a regular file or folder"));
    QCOMPARE(ws->recordCount(), qint64(0));

    // In a folder: a FIFO (whose read would block for ever) and a broken link are refused by
    // name, not passed over in silence; the good file goes in.
    const QString folder = dir.filePath(QStringLiteral("in"));
    TestSupport::writeFile(dir, QStringLiteral("in/good.json"), rec(1));
    QCOMPARE(
        ::mkfifo(QFile::encodeName(folder + QStringLiteral("/pipe.json")).constData(), 0600), 0);
    QVERIFY(QFile::link(
        dir.filePath(QStringLiteral("nowhere.json")), folder + QStringLiteral("/gone.json")));
    const ImportReport inFolder = Importer(*ws).run({folder});
    QCOMPARE(counts(inFolder), counts(1, 0, 0, 0, 2, 0));
    QCOMPARE(inFolder.problems.size(), 2);
    QCOMPARE(inFolder.problems[0].toString(),
        folder + QStringLiteral("/gone.json: file rejected: no such file (a broken link)"));
    QCOMPARE(inFolder.problems[1].toString(),
        folder + QStringLiteral("/pipe.json: file rejected: not a regular file or folder"));
}

QTEST_GUILESS_MAIN(TestImporter)
#include "tst_importer.moc"
