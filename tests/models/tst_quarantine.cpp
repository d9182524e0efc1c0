// The quarantine resolved: a held record fixed and accepted into the workspace, or discarded;
// refusals that change nothing; the model over the held entries; and what survives a reopen.

#include "testsupport.h"

#include "exporter.h"
#include "importer.h"
#include "quarantinemodel.h"
#include "sqlite/database.h"
#include "sqlite/statement.h"
#include "workbenchsession.h"
#include "workspace.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>

using namespace Triage;
using namespace TestSupport;

namespace {

const QByteArray WrongOutput = "Incorrect Functionality - Wrong Output";
const QByteArray TokenizerCause = "Tokenizer and Text Processing Issues - Tokenizer Bug";

// The held records of the fixture, by the line they start on.
const int BadStageLine = 3; // TestModel#2 with the stage 'Training'
const int ConflictLine = 4; // TestModel#1 again, with other labels
const int BadSymptomLine = 5; // FreshModel#4 with a one-part symptom

QByteArray badStageRecord()
{
    return recordJson(2, "TestModel", "Crash - CUDA Error - Out of Memory",
        "Hardware and Resource Limitations - GPU Memory Insufficiency", "Training");
}

QByteArray conflictingRecord()
{
    return recordJson(1, "TestModel", WrongOutput, TokenizerCause);
}

QByteArray badSymptomRecord()
{
    return recordJson(4, "FreshModel", "Crash");
}

// One record imported (TestModel#1) and three held, one a line, from line 3 on.
QString writeFixture(const QTemporaryDir &dir)
{
    return writeFile(dir, QStringLiteral("in/records.json"),
        "[\n" + recordJson(1) + ",\n" + badStageRecord() + ",\n" + conflictingRecord() + ",\n"
            + badSymptomRecord() + "\n]\n");
}

std::unique_ptr<Workspace> workspaceWithHeldRecords(const QTemporaryDir &dir)
{
    auto ws = createWorkspace(dir);
    const ImportReport report = Importer(*ws).run({writeFixture(dir)});
    if (report.imported != 1 || report.quarantined != 2 || report.conflicts != 1)
        qFatal("fixture import: %s", qPrintable(report.summary()));
    return ws;
}

QuarantineEntry entryAtLine(Workspace &ws, int line)
{
    for (const QuarantineEntry &e : ws.quarantine(QuarantineScope::All)) {
        if (e.line == line)
            return e;
    }
    qFatal("no quarantine entry at line %d", line);
    return {};
}

qint64 scalar(Workspace &ws, const char *sql)
{
    Sql::Statement st(ws.database(), sql);
    return st.step() ? st.int64(0) : -1;
}

// Everything accepting or discarding may touch, as text, to compare before and after a refusal.
QStringList state(Workspace &ws)
{
    QStringList rows;
    ws.forEachRecord([&](const Record &r) {
        rows.append(QStringList{QStringLiteral("record"), r.id(), r.source, r.symptom, r.cause,
            r.stage, r.updatedBy, r.updatedAt}
                        .join(u'|'));
    });
    for (const QuarantineEntry &e : ws.quarantine(QuarantineScope::All))
        rows.append(QStringList{QStringLiteral("quarantine"), QString::number(e.seq), e.source,
            QString::number(e.line), QString::number(e.column), e.reason, e.raw, e.conflictsWith,
            e.at, e.resolution, e.resolvedAt, e.resolvedBy, QString::number(e.acceptedRid)}
                        .join(u'|'));
    for (const HistoryEntry &h : ws.history())
        rows.append(QStringList{QStringLiteral("history"), h.recordId, h.field, h.oldValue,
            h.newValue, h.annotator, h.at, h.reason}
                        .join(u'|'));
    rows.append(QStringLiteral("labels|%1").arg(scalar(ws, "SELECT count(*) FROM label")));
    return rows;
}

QString replaced(const QByteArray &raw, const char *before, const char *after)
{
    QString text = QString::fromUtf8(raw);
    const QString from = QString::fromUtf8(before);
    if (!text.contains(from))
        qFatal("'%s' is not in the record", before);
    return text.replace(from, QString::fromUtf8(after));
}

} // namespace

class TestQuarantine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modelListsHeldEntries();
    void acceptAfterFixingAField();
    void acceptRefusedChangesNothing_data();
    void acceptRefusedChangesNothing();
    void annotatorNameRequired();
    void acceptKeepsUnknownFieldsAndNormalisesStage();
    void acceptedRecordKeepsItsFolderSource();
    void discardKeepsTheEntry();
    void resolvedEntriesAreRefused();
    void survivesReopen();
};

void TestQuarantine::modelListsHeldEntries()
{
    QTemporaryDir dir;
    auto ws = workspaceWithHeldRecords(dir);
    const QString path = dir.filePath(QStringLiteral("in/records.json"));
    WorkbenchSession session(std::move(ws));
    QuarantineModel model(session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.headerData(QuarantineModel::ConflictsWith, Qt::Horizontal).toString(),
        QStringLiteral("Conflicts with"));
    // In the order they were held: file order.
    QCOMPARE(model.data(model.index(0, QuarantineModel::Place)).toString(),
        path + QStringLiteral(":3:1"));
    QCOMPARE(model.data(model.index(1, QuarantineModel::Place)).toString(),
        path + QStringLiteral(":4:1"));
    QCOMPARE(model.data(model.index(2, QuarantineModel::Place)).toString(),
        path + QStringLiteral(":5:1"));
    const QString stageReason = model.data(model.index(0, QuarantineModel::Reason)).toString();
    QVERIFY2(stageReason.contains(QStringLiteral("'STAGE' 'Training'")), qPrintable(stageReason));
    QVERIFY(model.data(model.index(0, QuarantineModel::ConflictsWith)).toString().isEmpty());
    QCOMPARE(model.data(model.index(1, QuarantineModel::ConflictsWith)).toString(),
        QStringLiteral("TestModel#1"));
    QVERIFY(model.data(model.index(2, QuarantineModel::Reason))
                .toString()
                .contains(QStringLiteral("SYMPTOM")));

    // The raw role is the element's text exactly as the file has it; the seq role is its key.
    QCOMPARE(model.data(model.index(0, 0), QuarantineModel::RawRole).toString(),
        QString::fromUtf8(badStageRecord()));
    QCOMPARE(model.data(model.index(1, 2), QuarantineModel::RawRole).toString(),
        QString::fromUtf8(conflictingRecord()));
    const qint64 seq = model.data(model.index(2, 0), QuarantineModel::SeqRole).toLongLong();
    QCOMPARE(seq, entryAtLine(session.workspace(), BadSymptomLine).seq);
    QCOMPARE(model.rowOfSeq(seq), 2);
    QCOMPARE(model.rowOfSeq(seq + 1000), -1);
}

void TestQuarantine::acceptAfterFixingAField()
{
    QTemporaryDir dir;
    auto workspace = workspaceWithHeldRecords(dir);
    const QuarantineEntry held = entryAtLine(*workspace, BadStageLine);
    WorkbenchSession session(std::move(workspace));
    Workspace &ws = session.workspace();
    QuarantineModel model(session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&session, &WorkbenchSession::quarantineChanged);
    QSignalSpy reloaded(&session, &WorkbenchSession::reloaded);
    QCOMPARE(session.index().size(), 1);

    const QString fixed = replaced(badStageRecord(), "\"Training\"", "\"Fine-tuning\"");
    const qint64 rid = session.acceptQuarantined(held.seq, fixed, QStringLiteral("ana"));
    QVERIFY(rid > 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(reloaded.count(), 1);

    // The record is in the store and in the index the views read.
    QCOMPARE(ws.ridOf(QStringLiteral("TestModel#2")), std::optional<qint64>(rid));
    const Record r = ws.record(rid).value();
    QCOMPARE(r.stage, QStringLiteral("Fine-tuning"));
    QCOMPARE(r.symptom, QStringLiteral("Crash - CUDA Error - Out of Memory"));
    QCOMPARE(r.link(), QStringLiteral("https://github.com/QwenLM/Qwen/issues/1"));
    QCOMPARE(r.source, QStringLiteral("records.json")); // as the imported TestModel#1's
    QCOMPARE(r.source, ws.record(ws.ridOf(QStringLiteral("TestModel#1")).value())->source);
    QCOMPARE(r.updatedBy, QStringLiteral("ana"));
    QVERIFY(QDateTime::fromString(r.updatedAt, Qt::ISODateWithMs).isValid());
    QCOMPARE(session.index().size(), 2);
    const std::optional<quint32> row = session.index().rowOf(rid);
    QVERIFY(row.has_value());
    QCOMPARE(session.index().id(*row), QStringLiteral("TestModel#2"));

    // The entry is no longer held, but still in the table with the text as it was held.
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOfSeq(held.seq), -1);
    QCOMPARE(ws.quarantine().size(), 2);
    const QuarantineEntry after = entryAtLine(ws, BadStageLine);
    QCOMPARE(after.resolution, QStringLiteral("accepted"));
    QCOMPARE(after.resolvedBy, QStringLiteral("ana"));
    QCOMPARE(after.acceptedRid, rid);
    QCOMPARE(after.resolvedAt, r.updatedAt);
    QCOMPARE(after.raw, held.raw);
    QCOMPARE(after.reason, held.reason);
    QCOMPARE(ws.quarantine(QuarantineScope::Resolved).size(), 1);
    QCOMPARE(ws.quarantine(QuarantineScope::Resolved).constFirst().seq, held.seq);
    QCOMPARE(scalar(ws, "SELECT count(*) FROM quarantine"), qint64(3));

    // One history row says where the record came from.
    const QVector<HistoryEntry> history = ws.history(rid);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history[0].recordId, QStringLiteral("TestModel#2"));
    QCOMPARE(history[0].field, QStringLiteral("record"));
    QVERIFY(history[0].oldValue.isEmpty());
    QCOMPARE(history[0].newValue, QStringLiteral("accepted from quarantine"));
    QCOMPARE(history[0].annotator, QStringLiteral("ana"));
    QCOMPARE(history[0].at, r.updatedAt);
    QVERIFY2(history[0].reason.contains(held.source + QStringLiteral(":3:1")),
        qPrintable(history[0].reason));
    QCOMPARE(ws.history().size(), 1);
}

void TestQuarantine::acceptRefusedChangesNothing_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message"); // a part of what the refusal must say

    const QString fixedStage = replaced(badStageRecord(), "\"Training\"", "\"Inference\"");
    QTest::newRow("held text unchanged") << BadStageLine << QString::fromUtf8(badStageRecord())
                                         << QStringLiteral("'STAGE' 'Training'");
    QTest::newRow("another bad stage")
        << BadStageLine << replaced(badStageRecord(), "\"Training\"", "\"Trainingg\"")
        << QStringLiteral("'Trainingg'");
    QTest::newRow("fixed stage, broken link")
        << BadStageLine << replaced(fixedStage.toUtf8(), "/issues/1", "/pull/1")
        << QStringLiteral("'link'");
    QTest::newRow("symptom still one part")
        << BadSymptomLine << QString::fromUtf8(badSymptomRecord()) << QStringLiteral("SYMPTOM");
    QTest::newRow("number as text")
        << BadStageLine << replaced(fixedStage.toUtf8(), "\"number\": 2", "\"number\": \"2\"")
        << QStringLiteral("'number' must be an integer");
    QTest::newRow("duplicate key")
        << BadStageLine << replaced(fixedStage.toUtf8(), "{", "{\"model\": \"TestModel\", ")
        << QStringLiteral("duplicate key 'model'");
    QTest::newRow("not JSON") << BadStageLine
                              << replaced(fixedStage.toUtf8(), "\"status\":", "\"status\"")
                              << QStringLiteral("line 1, column");
    QTest::newRow("empty") << BadStageLine << QStringLiteral(" \n ") << QStringLiteral("empty");
    QTest::newRow("an array") << BadStageLine
                              << QStringLiteral("[") + fixedStage + QStringLiteral("]")
                              << QStringLiteral("one record object");
    QTest::newRow("two records") << BadStageLine
                                 << fixedStage + QStringLiteral("\n")
            + replaced(fixedStage.toUtf8(), "\"number\": 2", "\"number\": 3")
                                 << QStringLiteral("one record object");
    QTest::newRow("a string") << BadStageLine << QStringLiteral("\"TestModel#2\"")
                              << QStringLiteral("line 1");
    // The conflict's text is valid: only its id is taken.
    QTest::newRow("conflict unchanged")
        << ConflictLine << QString::fromUtf8(conflictingRecord()) << QStringLiteral("TestModel#1");
    QTest::newRow("fixed, but the id of another record")
        << BadStageLine << replaced(fixedStage.toUtf8(), "\"number\": 2", "\"number\": 1")
        << QStringLiteral("already has the record TestModel#1");
}

void TestQuarantine::acceptRefusedChangesNothing()
{
    QFETCH(int, line);
    QFETCH(QString, text);
    QFETCH(QString, message);
    QTemporaryDir dir;
    auto ws = workspaceWithHeldRecords(dir);
    const QuarantineEntry held = entryAtLine(*ws, line);
    const QStringList before = state(*ws);

    try {
        ws->acceptQuarantined(held.seq, text, QStringLiteral("ana"));
        QFAIL("the text was accepted");
    } catch (const EditRejected &rejected) {
        QCOMPARE(rejected.reason(), EditRejected::Reason::InvalidValue);
        QVERIFY2(rejected.message().contains(message), qPrintable(rejected.message()));
    }
    QCOMPARE(state(*ws), before);
    QVERIFY(entryAtLine(*ws, line).isHeld());
    QCOMPARE(ws->labels().find(LabelKind::Model, QStringLiteral("FreshModel")), qint64(0));

    // Refused, the entry can still be fixed and accepted.
    const QString good = line == BadSymptomLine
        ? replaced(badSymptomRecord(), "\"Crash\"", "\"Crash - Segfault\"")
        : line == ConflictLine ? replaced(conflictingRecord(), "\"number\": 1", "\"number\": 7")
                               : replaced(badStageRecord(), "\"Training\"", "\"Inference\"");
    const qint64 rid = ws->acceptQuarantined(held.seq, good, QStringLiteral("ana"));
    QCOMPARE(ws->recordCount(), qint64(2));
    QCOMPARE(ws->record(rid)->updatedBy, QStringLiteral("ana"));
}

void TestQuarantine::annotatorNameRequired()
{
    QTemporaryDir dir;
    auto ws = workspaceWithHeldRecords(dir);
    const QuarantineEntry held = entryAtLine(*ws, BadStageLine);
    const QString fixed = replaced(badStageRecord(), "\"Training\"", "\"Inference\"");
    const QStringList before = state(*ws);
    for (const QString &name : {QString(), QStringLiteral("  "), QStringLiteral("ana\tbob")}) {
        try {
            ws->acceptQuarantined(held.seq, fixed, name);
            QFAIL("accepted without a usable annotator name");
        } catch (const EditRejected &rejected) {
            QCOMPARE(rejected.reason(), EditRejected::Reason::NoAnnotator);
        }
        try {
            ws->discardQuarantined(held.seq, name);
            QFAIL("discarded without a usable annotator name");
        } catch (const EditRejected &rejected) {
            QCOMPARE(rejected.reason(), EditRejected::Reason::NoAnnotator);
        }
    }
    QCOMPARE(state(*ws), before);
}

void TestQuarantine::acceptKeepsUnknownFieldsAndNormalisesStage()
{
    QTemporaryDir dir;
    auto ws = workspaceWithHeldRecords(dir);
    const QuarantineEntry held = entryAtLine(*ws, BadStageLine);
    QString text = replaced(badStageRecord(), "\"Training\"", "\" fine tuning \"");
    text.insert(text.lastIndexOf(u'}'), QStringLiteral(", \"reviewer\": {\"name\": \"x\"}"));
    const qint64 rid = ws->acceptQuarantined(held.seq, text, QStringLiteral("ana"));
    const Record r = ws->record(rid).value();
    QCOMPARE(r.stage, QStringLiteral("Fine-tuning"));
    QCOMPARE(r.extra, QByteArray(R"({"reviewer":{"name":"x"}})"));
    // No second spelling of a stage in the label table.
    QCOMPARE(ws->labels().find(LabelKind::Stage, QStringLiteral(" fine tuning ")), qint64(0));
}

// Entries name their file as the user did; the record is filed under the path relative to the
// folder imported, like its neighbours, so the upstream export writes it beside them.
void TestQuarantine::acceptedRecordKeepsItsFolderSource()
{
    QTemporaryDir dir;
    writeFile(dir, QStringLiteral("data/sub/b.json"),
        "[\n" + recordJson(10) + ",\n" + badStageRecord() + "\n]\n");
    auto ws = createWorkspace(dir);
    const ImportReport report = Importer(*ws).run({dir.filePath(QStringLiteral("data"))});
    QCOMPARE(report.imported, qint64(1));
    QCOMPARE(report.quarantined, qint64(1));
    const QuarantineEntry held = ws->quarantine().value(0);
    QCOMPARE(held.source, dir.filePath(QStringLiteral("data/sub/b.json")));

    const qint64 rid = ws->acceptQuarantined(held.seq,
        replaced(badStageRecord(), "\"Training\"", "\"Inference\""), QStringLiteral("ana"));
    QCOMPARE(ws->record(rid)->source, QStringLiteral("sub/b.json"));

    const QString out = dir.filePath(QStringLiteral("out"));
    const ExportResult result = Exporter(*ws).run(ExportFormat::Upstream, out);
    QCOMPARE(result.files, qint64(1));
    QCOMPARE(result.records, qint64(2));
    QFile exported(QDir(out).filePath(QStringLiteral("sub/b.json")));
    QVERIFY(exported.open(QIODevice::ReadOnly));
    QVERIFY(exported.readAll().contains("\"number\": 2"));
}

void TestQuarantine::discardKeepsTheEntry()
{
    QTemporaryDir dir;
    auto workspace = workspaceWithHeldRecords(dir);
    const QuarantineEntry held = entryAtLine(*workspace, ConflictLine);
    WorkbenchSession session(std::move(workspace));
    Workspace &ws = session.workspace();
    QuarantineModel model(session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&session, &WorkbenchSession::quarantineChanged);

    session.discardQuarantined(held.seq, QStringLiteral("bo"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOfSeq(held.seq), -1);
    QCOMPARE(ws.recordCount(), qint64(1));
    QVERIFY(ws.history().isEmpty());
    const QVector<QuarantineEntry> resolved = ws.quarantine(QuarantineScope::Resolved);
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(resolved[0].seq, held.seq);
    QCOMPARE(resolved[0].resolution, QStringLiteral("discarded"));
    QCOMPARE(resolved[0].resolvedBy, QStringLiteral("bo"));
    QCOMPARE(resolved[0].acceptedRid, qint64(0));
    QVERIFY(QDateTime::fromString(resolved[0].resolvedAt, Qt::ISODateWithMs).isValid());
    QCOMPARE(resolved[0].raw, held.raw);
    QCOMPARE(resolved[0].conflictsWith, QStringLiteral("TestModel#1"));
    QCOMPARE(ws.quarantine(QuarantineScope::All).size(), 3);
    // The record it conflicted with is untouched.
    QCOMPARE(ws.record(ws.ridOf(QStringLiteral("TestModel#1")).value())->symptom,
        QStringLiteral("Crash - CUDA Error - Out of Memory"));
}

void TestQuarantine::resolvedEntriesAreRefused()
{
    QTemporaryDir dir;
    auto ws = workspaceWithHeldRecords(dir);
    const qint64 accepted = entryAtLine(*ws, BadStageLine).seq;
    const qint64 discarded = entryAtLine(*ws, ConflictLine).seq;
    ws->acceptQuarantined(accepted, replaced(badStageRecord(), "\"Training\"", "\"Inference\""),
        QStringLiteral("ana"));
    ws->discardQuarantined(discarded, QStringLiteral("bo"));
    const QStringList before = state(*ws);

    const auto refused = [&](const std::function<void()> &f) {
        try {
            f();
        } catch (const EditRejected &rejected) {
            return rejected.message();
        }
        return QString();
    };
    // Even with a text that would pass as a new record.
    const QString other = replaced(conflictingRecord(), "\"number\": 1", "\"number\": 8");
    const QString a
        = refused([&] { ws->acceptQuarantined(accepted, other, QStringLiteral("cy")); });
    QVERIFY2(
        a.contains(QStringLiteral("accepted")) && a.contains(QStringLiteral("ana")), qPrintable(a));
    const QString b
        = refused([&] { ws->acceptQuarantined(discarded, other, QStringLiteral("cy")); });
    QVERIFY2(
        b.contains(QStringLiteral("discarded")) && b.contains(QStringLiteral("bo")), qPrintable(b));
    QVERIFY(!refused([&] { ws->discardQuarantined(accepted, QStringLiteral("cy")); }).isEmpty());
    QVERIFY(!refused([&] { ws->discardQuarantined(discarded, QStringLiteral("cy")); }).isEmpty());
    QVERIFY(
        !refused([&] { ws->discardQuarantined(accepted + 1000, QStringLiteral("cy")); }).isEmpty());
    QVERIFY(!refused([&] {
        ws->acceptQuarantined(accepted + 1000, other, QStringLiteral("cy"));
    }).isEmpty());
    QCOMPARE(state(*ws), before);
}

void TestQuarantine::survivesReopen()
{
    QTemporaryDir dir;
    QStringList before;
    qint64 rid = 0;
    {
        auto ws = workspaceWithHeldRecords(dir);
        rid = ws->acceptQuarantined(entryAtLine(*ws, BadSymptomLine).seq,
            replaced(badSymptomRecord(), "\"Crash\"", "\"Crash - Segfault\""),
            QStringLiteral("ana"));
        ws->discardQuarantined(entryAtLine(*ws, ConflictLine).seq, QStringLiteral("bo"));
        before = state(*ws);
    }
    auto ws = Workspace::open(
        dir.filePath(QStringLiteral("test.llmtriage")), Workspace::OpenMode::OpenExisting);
    QCOMPARE(state(*ws), before);
    QCOMPARE(ws->ridOf(QStringLiteral("FreshModel#4")), std::optional<qint64>(rid));
    QCOMPARE(ws->record(rid)->symptom, QStringLiteral("Crash - Segfault"));
    QCOMPARE(ws->quarantine().size(), 1);
    QCOMPARE(ws->quarantine().constFirst().line, BadStageLine);
    QCOMPARE(entryAtLine(*ws, BadSymptomLine).acceptedRid, rid);
    QCOMPARE(entryAtLine(*ws, ConflictLine).resolution, QStringLiteral("discarded"));
}

QTEST_GUILESS_MAIN(TestQuarantine)
#include "tst_quarantine.moc"
