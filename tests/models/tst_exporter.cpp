// Export: the upstream layout byte for byte, JSON and CSV, and what export refuses.
// Expectations come from the dataset's own files read with QJsonDocument, or are written by
// hand; never from an earlier run of the exporter.

#include "csv.h"
#include "exporter.h"
#include "importer.h"
#include "importreport.h"
#include "rawdataset.h"
#include "testsupport.h"
#include "workbenchsession.h"
#include "workspace.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QtTest>

#include <map>

using namespace Triage;
using namespace TestSupport;

namespace {

QStringList keysOf(const FileMap &files)
{
    QStringList keys;
    for (const auto &[key, bytes] : files)
        keys.append(key);
    return keys;
}

// RFC 4180: records end in CRLF; a cell is quoted when it holds a comma, a quote or a line
// break, and a quote inside is doubled. Sets *ok to false on anything else (a bare LF between
// records, a quote inside an unquoted cell, text after a closing quote, an open quote at the end).
QVector<QStringList> parseCsv(const QByteArray &bytes, bool *ok)
{
    *ok = true;
    QVector<QStringList> rows;
    QStringList row;
    QByteArray cell;
    qsizetype i = 0;
    const qsizetype n = bytes.size();
    while (i < n) {
        if (bytes[i] == '"') {
            ++i;
            for (;;) {
                if (i >= n) {
                    *ok = false;
                    return rows;
                }
                if (bytes[i] == '"') {
                    if (i + 1 < n && bytes[i + 1] == '"') {
                        cell += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                cell += bytes[i++];
            }
        } else {
            while (i < n && bytes[i] != ',' && bytes[i] != '\r' && bytes[i] != '\n') {
                if (bytes[i] == '"')
                    *ok = false;
                cell += bytes[i++];
            }
        }
        row.append(QString::fromUtf8(cell));
        cell.clear();
        if (i >= n) {
            *ok = false; // the last record lacks its CRLF
            rows.append(row);
            return rows;
        }
        if (bytes[i] == ',') {
            ++i;
            continue;
        }
        if (bytes[i] == '\r' && i + 1 < n && bytes[i + 1] == '\n') {
            rows.append(row);
            row.clear();
            i += 2;
            continue;
        }
        *ok = false; // a bare CR or LF, or text after a closing quote
        return rows;
    }
    return rows;
}

ExportResult runExport(Workspace &ws, ExportFormat format, const QString &out)
{
    return Exporter(ws).run(format, out);
}

const QStringList KnownKeys{QStringLiteral("number"), QStringLiteral("link"),
    QStringLiteral("status"), QStringLiteral("SYMPTOM"), QStringLiteral("ROOT CAUSE"),
    QStringLiteral("STAGE"), QStringLiteral("model"), QStringLiteral("architecture")};

} // namespace

class TestExporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void upstreamIsByteIdentical();
    void jsonHasEveryRecord();
    void csvIsRfc4180();
    void csvQuotesLabelsAndNotes();
    void csvGuardsFormulas_data();
    void csvGuardsFormulas();
    void hostileRecordsExport();
    void upstreamRefusesNonEmptyFolder();
    void refusesToOverwriteTheWorkspace();
    void extraFieldsFollowKnownFields();
    void relabelChangesOnlyThatField();
    void cancelLeavesNothing_data();
    void cancelLeavesNothing();
    void cancelKeepsAnEarlierFile();
    void windowExportIsCancellable();

private:
    QTemporaryDir m_dir;
    FileMap m_original;
    QVector<RawRecord> m_raw;
    std::unique_ptr<Workspace> m_ws; // the dataset, unchanged; tests that edit make their own

    std::unique_ptr<Workspace> importDataset(const QTemporaryDir &dir);
};

std::unique_ptr<Workspace> TestExporter::importDataset(const QTemporaryDir &dir)
{
    auto ws = TestSupport::createWorkspace(dir);
    const ImportReport report = Importer(*ws).run({TestSupport::datasetPath()});
    if (report.imported != 706 || report.hasRefusals())
        qFatal("dataset import: %s", qPrintable(report.summary()));
    return ws;
}

void TestExporter::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_original = filesBelow(TestSupport::datasetPath());
    QCOMPARE(m_original.size(), size_t(14));
    m_raw = readRawRecords(TestSupport::datasetPath());
    QCOMPARE(m_raw.size(), 706);
    m_ws = importDataset(m_dir);
}

void TestExporter::upstreamIsByteIdentical()
{
    const QString out = m_dir.filePath(QStringLiteral("upstream"));
    const ExportResult result = runExport(*m_ws, ExportFormat::Upstream, out);
    QCOMPARE(result.records, qint64(706));
    QCOMPARE(result.files, qint64(14));

    const FileMap exported = filesBelow(out);
    QCOMPARE(keysOf(exported), keysOf(m_original)); // same relative paths, same count
    QVERIFY(exported.count(QStringLiteral("DeepSeek/R1 /DeepSeek-R1.json")) == 1);
    QVERIFY(QFileInfo(out + QStringLiteral("/DeepSeek/V3 ")).isDir()); // trailing space kept
    for (const auto &[path, bytes] : m_original)
        QVERIFY2(exported.at(path) == bytes, qPrintable(path + QStringLiteral(" differs")));

    // An existing empty folder is fine too.
    const QString empty = m_dir.filePath(QStringLiteral("empty"));
    QVERIFY(QDir().mkpath(empty));
    runExport(*m_ws, ExportFormat::Upstream, empty);
    QCOMPARE(keysOf(filesBelow(empty)), keysOf(m_original));
}

void TestExporter::jsonHasEveryRecord()
{
    const QString out = m_dir.filePath(QStringLiteral("all.json"));
    const ExportResult result = runExport(*m_ws, ExportFormat::Json, out);
    QCOMPARE(result.records, qint64(706));

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(readBytes(out), &error);
    QVERIFY2(doc.isArray(), qPrintable(error.errorString()));
    const QJsonArray array = doc.array();
    QCOMPARE(array.size(), 706);

    QHash<QString, RawRecord> byId;
    for (const RawRecord &raw : m_raw)
        byId.insert(raw.id(), raw);
    QCOMPARE(byId.size(), 706); // ids are unique in the dataset

    QSet<QString> seen;
    for (const QJsonValue &value : array) {
        QVERIFY(value.isObject());
        const QJsonObject object = value.toObject();
        const QString id = object.value(u"id").toString();
        QCOMPARE(id,
            object.value(u"model").toString() + u'#'
                + QString::number(object.value(u"number").toInteger()));
        QVERIFY2(byId.contains(id), qPrintable(id));
        QVERIFY2(!seen.contains(id), qPrintable(id));
        seen.insert(id);
        const RawRecord &raw = byId[id];
        for (const QString &key : KnownKeys)
            QVERIFY2(object.value(key) == raw.object.value(key), qPrintable(id + u' ' + key));
        QCOMPARE(
            object.value(u"series").toString(), rawSeriesOfLink(raw.object.value(u"link").toString()));
        QCOMPARE(object.value(u"source").toString(), raw.file);
        QVERIFY2(!object.contains(u"note") && !object.contains(u"extra"), qPrintable(id));
    }
}

void TestExporter::csvIsRfc4180()
{
    const QString out = m_dir.filePath(QStringLiteral("all.csv"));
    runExport(*m_ws, ExportFormat::Csv, out);
    const QByteArray bytes = readBytes(out);
    QCOMPARE(bytes.count("\r\n"), 707); // a header and 706 records; no label holds a line break
    bool ok = false;
    const QVector<QStringList> rows = parseCsv(bytes, &ok);
    QVERIFY(ok);
    QCOMPARE(rows.size(), 707);

    const QStringList header = rows[0];
    const QStringList wanted = KnownKeys
        + QStringList{QStringLiteral("id"), QStringLiteral("series"), QStringLiteral("source")};
    for (const QString &column : wanted)
        QVERIFY2(header.contains(column), qPrintable(column));
    for (const QStringList &row : rows)
        QCOMPARE(row.size(), header.size());

    QHash<QString, QStringList> byId;
    const qsizetype idColumn = header.indexOf(u"id");
    for (qsizetype i = 1; i < rows.size(); ++i)
        byId.insert(rows[i][idColumn], rows[i]);
    QCOMPARE(byId.size(), 706);
    const auto cell = [&](const QStringList &row, const QString &column) {
        return row.value(header.indexOf(column));
    };
    for (const RawRecord &raw : m_raw) {
        QVERIFY2(byId.contains(raw.id()), qPrintable(raw.id()));
        const QStringList &row = byId[raw.id()];
        QCOMPARE(cell(row, QStringLiteral("number")),
            QString::number(raw.object.value(u"number").toInteger()));
        for (const QString &key : KnownKeys.mid(1))
            QCOMPARE(cell(row, key), raw.object.value(key).toString());
        QCOMPARE(cell(row, QStringLiteral("series")),
            rawSeriesOfLink(raw.object.value(u"link").toString()));
        QCOMPARE(cell(row, QStringLiteral("source")), raw.file);
    }
}

void TestExporter::csvQuotesLabelsAndNotes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString input = TestSupport::writeFile(dir, QStringLiteral("in.json"),
        "[" + TestSupport::recordJson(1) + "," + TestSupport::recordJson(2) + "]");
    auto ws = TestSupport::createWorkspace(dir);
    QCOMPARE(Importer(*ws).run({input}).imported, qint64(2));

    const QString cause = QStringLiteral("Tokenizer, \"odd\" Issues - Comma, and \"quote\"");
    const QString symptom = QStringLiteral("Crash - \"Quoted\", comma - Third");
    const QString note = QStringLiteral("first line\r\nsecond, \"x\"\n caf\u00e9");
    EditSet set;
    set.annotator = QStringLiteral("alice");
    set.allowNewLabels = true;
    const qint64 rid = ws->ridOf(QStringLiteral("TestModel#2")).value();
    set.edits = {{rid, EditField::Cause, cause}, {rid, EditField::Symptom, symptom},
        {rid, EditField::Note, note}};
    QCOMPARE(ws->apply(set).size(), 3);

    const QString out = dir.filePath(QStringLiteral("out.csv"));
    runExport(*ws, ExportFormat::Csv, out);
    const QByteArray bytes = readBytes(out);
    // RFC 4180 quoting, written out by hand.
    QVERIFY(bytes.contains(",\"Tokenizer, \"\"odd\"\" Issues - Comma, and \"\"quote\"\"\","));
    QVERIFY(bytes.contains(",\"Crash - \"\"Quoted\"\", comma - Third\","));
    QVERIFY(bytes.contains(",\"first line\r\nsecond, \"\"x\"\"\n caf\xc3\xa9\","));

    bool ok = false;
    const QVector<QStringList> rows = parseCsv(bytes, &ok);
    QVERIFY(ok);
    QCOMPARE(rows.size(), 3);
    const QStringList header = rows[0];
    const QStringList &row = rows[1][header.indexOf(u"id")] == u"TestModel#2" ? rows[1] : rows[2];
    QCOMPARE(row.value(header.indexOf(u"id")), QStringLiteral("TestModel#2"));
    QCOMPARE(row.value(header.indexOf(u"ROOT CAUSE")), cause);
    QCOMPARE(row.value(header.indexOf(u"SYMPTOM")), symptom);
    QVERIFY(header.contains(u"note"));
    QCOMPARE(row.value(header.indexOf(u"note")), note);

    // The JSON export carries the same texts and the note.
    const QString json = dir.filePath(QStringLiteral("out.json"));
    runExport(*ws, ExportFormat::Json, json);
    const QJsonArray array = QJsonDocument::fromJson(readBytes(json)).array();
    QCOMPARE(array.size(), 2);
    int found = 0;
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        if (object.value(u"id") != QJsonValue(QStringLiteral("TestModel#2")))
            continue;
        ++found;
        QCOMPARE(object.value(u"ROOT CAUSE").toString(), cause);
        QCOMPARE(object.value(u"note").toString(), note);
    }
    QCOMPARE(found, 1);
}

// A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP: '=', '+', '-',
// '@', tab, carriage return); quoting follows. Expected cells written by hand.
void TestExporter::csvGuardsFormulas_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("cell");
    QTest::newRow("plain") << "Crash - Segfault" << "Crash - Segfault";
    QTest::newRow("empty") << "" << "";
    QTest::newRow("equals") << "=1+1" << "'=1+1";
    QTest::newRow("plus") << "+cmd|' /C calc'!A0" << "'+cmd|' /C calc'!A0";
    QTest::newRow("minus") << "-2+3" << "'-2+3";
    QTest::newRow("at") << "@SUM(A1)" << "'@SUM(A1)";
    QTest::newRow("tab") << "\t=1" << "'\t=1";
    QTest::newRow("carriage return") << "\r=1" << "\"'\r=1\"";
    QTest::newRow("formula with quotes and commas")
        << "=HYPERLINK(\"http://evil\",\"x\")" << "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"";
    QTest::newRow("inside is fine") << "a=1+@b-c" << "a=1+@b-c";
    QTest::newRow("leading space") << " =1" << " =1";
    QTest::newRow("apostrophe already") << "'=1" << "'=1";
    QTest::newRow("HTML is text") << "<b>x</b> &amp;" << "<b>x</b> &amp;";
}

void TestExporter::csvGuardsFormulas()
{
    QFETCH(QString, text);
    QFETCH(QString, cell);
    QCOMPARE(Csv::cell(text), cell);
}

// tests/data/hostile: every field as written in the JSON exports and the upstream layout, and
// in the CSV with formulas guarded and quotes doubled. The CSV is written out by hand.
void TestExporter::hostileRecordsExport()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto ws = TestSupport::createWorkspace(dir);
    const QString input = TestSupport::testDataPath(QStringLiteral("hostile"));
    QCOMPARE(Importer(*ws).run({input}).imported, qint64(9));
    EditSet notes;
    notes.annotator = QStringLiteral("alice");
    const auto rid = [&](const char *id) { return ws->ridOf(QString::fromUtf8(id)).value(); };
    notes.edits = {
        {rid("<b>bold</b>#1"), EditField::Note,
         QStringLiteral("<a href=\"javascript:alert(1)\">click</a> <img src=x onerror=alert(1)>")},
        {rid("<img src=x onerror=alert(1)>#2"), EditField::Note, QStringLiteral("=HYPERLINK(\"http://evil\",\"x\")")},
        {rid("<script>alert(1)</script>#3"), EditField::Note, QStringLiteral("\t=1+1")},
        {rid("<a href=\"file:///etc/passwd\">x</a>#4"), EditField::Note, QStringLiteral("\r=cmd|' /C calc'!A0")}};
    QCOMPARE(ws->apply(notes).size(), 4);

    const QString csv = dir.filePath(QStringLiteral("out.csv"));
    runExport(*ws, ExportFormat::Csv, csv);
    const QByteArray expected = QByteArrayLiteral(
        "id,number,link,status,SYMPTOM,ROOT CAUSE,STAGE,model,architecture,series,source,note,extra\r\n"
        R"csv(<b>bold</b>#1,1,https://github.com/QwenLM/Qwen/issues/1,<b>open</b>,<b>bold</b> - <img src=x onerror=alert(1)>,"<script>alert(1)</script> - <a href=""file:///etc/passwd"">x</a>",Inference,<b>bold</b>,<i>italic,Qwen,hostile.json,"<a href=""javascript:alert(1)"">click</a> <img src=x onerror=alert(1)>","{""comment"":""<a href=\""javascript:alert(1)\"">click</a>""}")csv" "\r\n"
        R"csv(<img src=x onerror=alert(1)>#2,2,https://github.com/meta-llama/llama3/issues/2,'=1+1,"'=HYPERLINK(""http://evil"",""x"") - &amp; - +cmd|' /C calc'!A0",'-2+3 - @SUM(A1),Fine-tuning,<img src=x onerror=alert(1)>,&amp;,Llama,hostile.json,"'=HYPERLINK(""http://evil"",""x"")",)csv" "\r\n"
        R"csv(<script>alert(1)</script>#3,3,https://github.com/deepseek-ai/DeepSeek-R1/issues/3,'@open,'@SUM(A1) - -2+3,&amp; - &lt;i&gt;not italic&lt;/i&gt;,Inference,<script>alert(1)</script>,'-Dense,DeepSeek,hostile.json,')csv" "\t=1+1,\r\n"
        R"csv("<a href=""file:///etc/passwd"">x</a>#4",4,https://github.com/QwenLM/Qwen2.5/issues/4,'+open,<script>alert(1)</script> - <b>bold</b>,"'=HYPERLINK(""http://evil"",""x"") - +cmd|' /C calc'!A0",Fine-tuning,"<a href=""file:///etc/passwd"">x</a>","<a href=""file:///etc/passwd"">x</a>",Qwen,hostile.json,"')csv" "\r" R"csv(=cmd|' /C calc'!A0",)csv" "\r\n"
        R"csv(&amp;#5,5,https://github.com/QwenLM/Qwen/issues/5,open,"<img src=x onerror=alert(1)> - <a href=""file:///etc/passwd"">x</a>",<b>bold</b> - <script>alert(1)</script>,Inference,&amp;,Dense,Qwen,hostile.json,,)csv" "\r\n"
        R"csv("'=HYPERLINK(""http://evil"",""x"")#6",6,https://github.com/meta-llama/llama3/issues/6,closed,"&amp; - =HYPERLINK(""http://evil"",""x"")",<img src=x onerror=alert(1)> - &amp;,Inference,"'=HYPERLINK(""http://evil"",""x"")",MoE,Llama,hostile.json,,)csv" "\r\n"
        R"csv('+cmd|' /C calc'!A0#7,7,https://github.com/deepseek-ai/DeepSeek-R1/issues/7,open,'+cmd|' /C calc'!A0 - <script>alert(1)</script> - <img src=x onerror=alert(1)>,"'+cmd|' /C calc'!A0 - =HYPERLINK(""http://evil"",""x"")",Fine-tuning,'+cmd|' /C calc'!A0,Dense,DeepSeek,hostile.json,,)csv" "\r\n"
        R"csv('-2+3#8,8,https://github.com/QwenLM/Qwen/issues/8,open,'-2+3 - @SUM(A1),"<a href=""file:///etc/passwd"">x</a> - <b>bold</b>",Inference,'-2+3,Dense,Qwen,hostile.json,,)csv" "\r\n"
        R"csv('@SUM(A1)#9,9,https://github.com/QwenLM/Qwen/issues/9,open,"<a href=""file:///etc/passwd"">x</a> - &amp;",<script>alert(1)</script> - -2+3,Inference,'@SUM(A1),Dense,Qwen,hostile.json,,)csv" "\r\n");
    const QByteArray bytes = readBytes(csv);
    const QList<QByteArray> got = bytes.split('\n');
    const QList<QByteArray> want = expected.split('\n');
    for (qsizetype i = 0; i < std::min(got.size(), want.size()); ++i)
        QCOMPARE(got[i], want[i]);
    QCOMPARE(bytes, expected);
    bool ok = false;
    QCOMPARE(parseCsv(bytes, &ok).size(), 10);
    QVERIFY(ok);

    // JSON and the upstream layout carry the texts exactly: no spreadsheet reads them, and the
    // upstream export gives back the file imported, byte for byte.
    const QString upstream = dir.filePath(QStringLiteral("upstream"));
    runExport(*ws, ExportFormat::Upstream, upstream);
    QCOMPARE(readBytes(QDir(upstream).filePath(QStringLiteral("hostile.json"))),
             readBytes(QDir(input).filePath(QStringLiteral("hostile.json"))));
    const QString json = dir.filePath(QStringLiteral("out.json"));
    runExport(*ws, ExportFormat::Json, json);
    const QJsonArray exported = QJsonDocument::fromJson(readBytes(json)).array();
    QCOMPARE(exported.size(), 9);
    QCOMPARE(exported.at(1).toObject().value(u"status").toString(), QStringLiteral("=1+1"));
    QCOMPARE(exported.at(1).toObject().value(u"note").toString(), QStringLiteral("=HYPERLINK(\"http://evil\",\"x\")"));
    QCOMPARE(exported.at(7).toObject().value(u"model").toString(), QStringLiteral("-2+3"));
}

void TestExporter::upstreamRefusesNonEmptyFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("taken"));
    TestSupport::writeFile(dir, QStringLiteral("taken/keep.txt"), "mine\n");
    QVERIFY_THROWS_EXCEPTION(ExportError, runExport(*m_ws, ExportFormat::Upstream, folder));
    QCOMPARE(keysOf(filesBelow(folder)), QStringList{QStringLiteral("keep.txt")});
    QCOMPARE(readBytes(folder + QStringLiteral("/keep.txt")), QByteArray("mine\n"));

    // A hidden file alone makes a folder non-empty as well.
    const QString hidden = dir.filePath(QStringLiteral("hidden"));
    TestSupport::writeFile(dir, QStringLiteral("hidden/.keep"), "x");
    QVERIFY_THROWS_EXCEPTION(ExportError, runExport(*m_ws, ExportFormat::Upstream, hidden));
    QCOMPARE(keysOf(filesBelow(hidden)), QStringList{QStringLiteral(".keep")});

    // So does an empty sub-folder.
    const QString nested = dir.filePath(QStringLiteral("nested"));
    QVERIFY(QDir().mkpath(nested + QStringLiteral("/sub")));
    QVERIFY_THROWS_EXCEPTION(ExportError, runExport(*m_ws, ExportFormat::Upstream, nested));
    QCOMPARE(keysOf(filesBelow(nested)), QStringList());

    // A file where the folder should be is left alone.
    const QString file = TestSupport::writeFile(dir, QStringLiteral("a-file"), "data\n");
    QVERIFY_THROWS_EXCEPTION(ExportError, runExport(*m_ws, ExportFormat::Upstream, file));
    QCOMPARE(readBytes(file), QByteArray("data\n"));
}

void TestExporter::extraFieldsFollowKnownFields()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Written by hand as Python's json.dump(indent=2) writes it, as upstream does: two-space
    // indent, non-ASCII escaped, a newline at the end. Unknown fields after the known ones.
    const QByteArray inOrder = R"([
  {
    "number": 1,
    "link": "https://github.com/QwenLM/Qwen/issues/11",
    "status": "open",
    "SYMPTOM": "Crash - CUDA Error - Out of Memory",
    "ROOT CAUSE": "Hardware and Resource Limitations - GPU Memory Insufficiency",
    "STAGE": "Inference",
    "model": "ExtraModel",
    "architecture": "Dense",
    "comment": "caf\u00e9 \"quoted\"",
    "votes": 3,
    "score": 0.5,
    "tags": [
      "a",
      "b"
    ],
    "meta": {
      "seen": true,
      "by": null
    },
    "empty": [],
    "none": {}
  },
  {
    "number": 2,
    "link": "https://github.com/QwenLM/Qwen/issues/12",
    "status": "closed",
    "SYMPTOM": "Crash - Assertion Failure",
    "ROOT CAUSE": "Hardware and Resource Limitations - GPU Memory Insufficiency",
    "STAGE": "Fine-tuning",
    "model": "ExtraModel",
    "architecture": "MoE"
  }
]
)";
    // Unknown fields before and between the known ones: they come out after them, in the
    // order the file had them.
    const QByteArray scattered
        = R"([{"reviewer": "zoe", "number": 1, "link": "https://github.com/meta-llama/llama/issues/5",
"status": "open", "SYMPTOM": "Crash - Assertion Failure", "priority": 2,
"ROOT CAUSE": "Hardware and Resource Limitations - GPU Memory Insufficiency",
"STAGE": "Inference", "model": "OtherModel", "architecture": "Dense"}])";
    const QByteArray scatteredOut = R"([
  {
    "number": 1,
    "link": "https://github.com/meta-llama/llama/issues/5",
    "status": "open",
    "SYMPTOM": "Crash - Assertion Failure",
    "ROOT CAUSE": "Hardware and Resource Limitations - GPU Memory Insufficiency",
    "STAGE": "Inference",
    "model": "OtherModel",
    "architecture": "Dense",
    "reviewer": "zoe",
    "priority": 2
  }
]
)";
    TestSupport::writeFile(dir, QStringLiteral("in/a/ordered.json"), inOrder);
    TestSupport::writeFile(dir, QStringLiteral("in/b c /scattered.json"), scattered);
    auto ws = TestSupport::createWorkspace(dir);
    const ImportReport report = Importer(*ws).run({dir.filePath(QStringLiteral("in"))});
    QCOMPARE(report.imported, qint64(3));
    QVERIFY2(!report.hasRefusals(), qPrintable(report.summary()));

    const QString out = dir.filePath(QStringLiteral("out"));
    QCOMPARE(runExport(*ws, ExportFormat::Upstream, out).files, qint64(2));
    const FileMap exported = filesBelow(out);
    QCOMPARE(keysOf(exported),
        QStringList({QStringLiteral("a/ordered.json"), QStringLiteral("b c /scattered.json")}));
    QCOMPARE(exported.at(QStringLiteral("a/ordered.json")), inOrder);
    QCOMPARE(exported.at(QStringLiteral("b c /scattered.json")), scatteredOut);

    // The JSON export keeps them under "extra", so none can shadow a known field.
    const QString json = dir.filePath(QStringLiteral("out.json"));
    runExport(*ws, ExportFormat::Json, json);
    int found = 0;
    for (const QJsonValue &value : QJsonDocument::fromJson(readBytes(json)).array()) {
        const QJsonObject object = value.toObject();
        if (object.value(u"id").toString() == u"ExtraModel#1") {
            ++found;
            const QJsonObject extra = object.value(u"extra").toObject();
            QCOMPARE(extra.value(u"comment").toString(), QStringLiteral("caf\u00e9 \"quoted\""));
            QCOMPARE(extra.value(u"votes").toInteger(), qint64(3));
            QCOMPARE(extra.size(), 7);
        } else if (object.value(u"id").toString() == u"ExtraModel#2") {
            ++found;
            QVERIFY(!object.contains(u"extra"));
        }
    }
    QCOMPARE(found, 2);
}

void TestExporter::relabelChangesOnlyThatField()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto ws = importDataset(dir);

    // A record from the raw files, and a symptom another record has and it has not.
    const QString file = QStringLiteral("QwenLM/Qwen2.5/Qwen2dot5.json");
    const RawRecord *target = nullptr;
    for (const RawRecord &raw : m_raw) {
        if (raw.file == file && raw.object.value(u"number").toInteger() == 5)
            target = &raw;
    }
    QVERIFY(target);
    const QString oldSymptom = target->object.value(u"SYMPTOM").toString();
    QString newSymptom;
    for (const RawRecord &raw : m_raw) {
        if (raw.object.value(u"SYMPTOM").toString() != oldSymptom) {
            newSymptom = raw.object.value(u"SYMPTOM").toString();
            break;
        }
    }
    QVERIFY(!newSymptom.isEmpty());

    EditSet set;
    set.annotator = QStringLiteral("alice");
    set.allowNewLabels = true;
    set.edits = {{ws->ridOf(target->id()).value(), EditField::Symptom, newSymptom}};
    QCOMPARE(ws->apply(set).size(), 1);
    const QString out = dir.filePath(QStringLiteral("out"));
    runExport(*ws, ExportFormat::Upstream, out);
    const FileMap exported = filesBelow(out);
    QCOMPARE(keysOf(exported), keysOf(m_original));

    for (const auto &[path, bytes] : m_original) {
        if (path != file) {
            QVERIFY2(exported.at(path) == bytes, qPrintable(path));
            continue;
        }
        // Exactly one line differs: the record's SYMPTOM, in upstream layout.
        const QList<QByteArray> before = bytes.split('\n');
        const QList<QByteArray> after = exported.at(path).split('\n');
        QCOMPARE(after.size(), before.size());
        int differing = 0;
        for (qsizetype i = 0; i < before.size(); ++i) {
            if (before[i] == after[i])
                continue;
            ++differing;
            QCOMPARE(before[i], "    \"SYMPTOM\": \"" + oldSymptom.toUtf8() + "\",");
            QCOMPARE(after[i], "    \"SYMPTOM\": \"" + newSymptom.toUtf8() + "\",");
        }
        QCOMPARE(differing, 1);
        // And it is the target record's: the arrays differ in that element and key only.
        const QJsonArray a = QJsonDocument::fromJson(bytes).array();
        const QJsonArray b = QJsonDocument::fromJson(exported.at(path)).array();
        QCOMPARE(b.size(), a.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            QJsonObject expected = a[i].toObject();
            if (expected.value(u"number").toInteger() == 5)
                expected.insert(u"SYMPTOM", newSymptom);
            QCOMPARE(b[i].toObject(), expected);
        }
    }
}

// "export --format csv W" with W the workspace would replace every label and note with a CSV.
void TestExporter::refusesToOverwriteTheWorkspace()
{
    QTemporaryDir dir;
    auto ws = TestSupport::createWorkspace(dir);
    const QString path = ws->path();
    const QByteArray before = readBytes(path);
    QVERIFY_THROWS_EXCEPTION(ExportError, Exporter(*ws).run(ExportFormat::Csv, path));
    QVERIFY_THROWS_EXCEPTION(ExportError, Exporter(*ws).run(ExportFormat::Json, path + QStringLiteral("-wal")));
    QCOMPARE(readBytes(path), before);
    ws.reset();
    QVERIFY(Workspace::open(path, Workspace::OpenMode::OpenExisting));
}

// Entries below a folder (files and folders), hidden ones too: what an export left behind.
static QStringList entriesBelow(const QString &folder)
{
    QStringList entries;
    QDirIterator it(folder, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        entries.append(it.next());
    return entries;
}

void TestExporter::cancelLeavesNothing_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<qint64>("stopAt");
    QTest::addColumn<bool>("folderExists");
    for (const qint64 stopAt : {qint64(0), qint64(300), qint64(705)}) {
        QTest::addRow("csv at %lld", stopAt) << int(ExportFormat::Csv) << stopAt << true;
        QTest::addRow("json at %lld", stopAt) << int(ExportFormat::Json) << stopAt << true;
        // At 300 and 705 several of the 14 files are already finished.
        QTest::addRow("upstream into an empty folder at %lld", stopAt)
            << int(ExportFormat::Upstream) << stopAt << true;
        QTest::addRow("upstream into a new folder at %lld", stopAt)
            << int(ExportFormat::Upstream) << stopAt << false;
    }
}

// A cancelled export leaves no file, no temporary file and no folder it made.
void TestExporter::cancelLeavesNothing()
{
    QFETCH(int, format);
    QFETCH(qint64, stopAt);
    QFETCH(bool, folderExists);
    QTemporaryDir scratch;
    const bool upstream = ExportFormat(format) == ExportFormat::Upstream;
    const QString out = scratch.filePath(upstream ? QStringLiteral("dataset") : QStringLiteral("records.out"));
    if (folderExists && upstream)
        QVERIFY(QDir().mkpath(out));
    Exporter exporter(*m_ws);
    qint64 asked = -1;
    exporter.setCancelCheck([&](qint64 written) {
        asked = written;
        return written >= stopAt;
    });
    QVERIFY_THROWS_EXCEPTION(ExportCancelled, exporter.run(ExportFormat(format), out));
    QCOMPARE(asked, stopAt); // it stopped where it was told, having written that many
    const QString looked = folderExists && upstream ? out : scratch.path();
    QVERIFY2(entriesBelow(looked).isEmpty(), qPrintable(entriesBelow(looked).join(u'\n')));
}

// Nothing a user had is lost: a cancelled export over an existing file leaves that file as it was.
void TestExporter::cancelKeepsAnEarlierFile()
{
    QTemporaryDir scratch;
    const QString out = scratch.filePath(QStringLiteral("records.csv"));
    {
        QFile earlier(out);
        QVERIFY(earlier.open(QIODevice::WriteOnly));
        earlier.write("an earlier export\n");
    }
    QTemporaryDir store;
    auto ws = importDataset(store); // its own: a connection asked to cancel stays so
    ws->requestCancel(); // as the progress dialog's Cancel does, on the worker's connection
    QVERIFY_THROWS_EXCEPTION(ExportCancelled, Exporter(*ws).run(ExportFormat::Csv, out));
    QFile earlier(out);
    QVERIFY(earlier.open(QIODevice::ReadOnly));
    QCOMPARE(earlier.readAll(), QByteArray("an earlier export\n"));
    QCOMPARE(entriesBelow(scratch.path()), QStringList{out});
}

// File > Export goes through the session's worker with Cancel offered, and the worker's
// connection being asked to cancel stops it with nothing written.
void TestExporter::windowExportIsCancellable()
{
    QTemporaryDir scratch;
    auto copy = importDataset(scratch);
    const QString path = copy->path();
    WorkbenchSession session(std::move(copy));
    bool offered = false;
    session.setWorkerRunner([&](const QString &, bool cancellable,
                                const std::function<void(Workspace &)> &work) {
        offered = cancellable;
        auto worker = Workspace::open(path, Workspace::OpenMode::OpenExisting);
        worker->requestCancel(); // the user pressed Cancel at once
        work(*worker);
    });
    const QString out = scratch.filePath(QStringLiteral("records.json"));
    QVERIFY_THROWS_EXCEPTION(ExportCancelled, session.exportRecords(ExportFormat::Json, out));
    QVERIFY(offered);
    for (const QString &entry : entriesBelow(scratch.path()))
        QVERIFY2(!entry.startsWith(out), qPrintable(entry)); // nor a temporary file beside it
}

QTEST_GUILESS_MAIN(TestExporter)
#include "tst_exporter.moc"
