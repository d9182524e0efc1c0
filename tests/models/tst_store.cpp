// The SQLite store: creating, migrating and refusing files, and applying edits.

#include "importer.h"
#include "importreport.h"
#include "sqlite/database.h"
#include "sqlite/migrations.h"
#include "sqlite/statement.h"
#include "testsupport.h"
#include "recordindex.h"
#include "workspace.h"

#include <QDateTime>
#include <QDirIterator>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>

using namespace Triage;
namespace Migrations = Triage::Sql::Migrations;

namespace {

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray("<unreadable>");
    return file.readAll();
}

// Every entry of a folder, recursively, relative: to see that nothing was created beside a file.
QStringList listing(const QString &folder)
{
    QStringList names;
    QDirIterator it(folder, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
        QDirIterator::Subdirectories);
    while (it.hasNext())
        names.append(QDir(folder).relativeFilePath(it.next()));
    names.sort();
    return names;
}

// The message of the WorkspaceError `f` throws, or an empty string when it throws none.
template <typename F> QString workspaceErrorOf(F f)
{
    try {
        f();
    } catch (const WorkspaceError &error) {
        return error.message().isEmpty() ? QStringLiteral("<empty message>") : error.message();
    }
    return QString();
}

// The schema as SQLite keeps it: what a fresh file and a migrated one must agree on.
QStringList schemaOf(Sql::Database &db)
{
    Sql::Statement st(db,
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master "
        "ORDER BY type, name");
    QStringList rows;
    while (st.step())
        rows.append(st.text(0) + u'|' + st.text(1) + u'|' + st.text(2) + u'|' + st.text(3));
    return rows;
}

qint64 scalar(Sql::Database &db, const char *sql)
{
    Sql::Statement st(db, sql);
    return st.step() ? st.int64(0) : -1;
}

// Everything an edit may touch, as text, to compare before and after a refused edit.
QStringList snapshot(Workspace &ws)
{
    QStringList rows;
    ws.forEachRecord([&](const Record &r) {
        rows.append(QStringList{
            QStringLiteral("record"), r.id(), r.symptom, r.cause, r.stage, r.updatedBy, r.updatedAt}
                        .join(u'|'));
    });
    for (const HistoryEntry &h : ws.history())
        rows.append(QStringList{QStringLiteral("history"), QString::number(h.seq), h.recordId,
            h.field, h.oldValue, h.newValue, h.annotator, h.at, h.reason, QString::number(h.batch)}
                        .join(u'|'));
    const QHash<qint64, QString> notes = ws.notes();
    for (auto it = notes.cbegin(); it != notes.cend(); ++it)
        rows.append(QStringLiteral("note|%1|%2").arg(it.key()).arg(it.value()));
    rows.append(
        QStringLiteral("labels|%1").arg(scalar(ws.database(), "SELECT count(*) FROM label")));
    std::sort(rows.begin(), rows.end());
    return rows;
}

const QString OomSymptom = QStringLiteral("Crash - CUDA Error - Out of Memory");
const QString GpuCause
    = QStringLiteral("Hardware and Resource Limitations - GPU Memory Insufficiency");
const QString WrongOutput = QStringLiteral("Incorrect Functionality - Wrong Output");
const QString TokenizerCause
    = QStringLiteral("Tokenizer and Text Processing Issues - Tokenizer Bug");

// A workspace holding TestModel#1..#3: #1 and #3 with recordJson's defaults (OomSymptom,
// GpuCause, Inference), #2 with WrongOutput, TokenizerCause, Fine-tuning.
std::unique_ptr<Workspace> workspaceWithRecords(const QTemporaryDir &dir)
{
    const QString file = TestSupport::writeFile(dir, QStringLiteral("in/records.json"),
        "[" + TestSupport::recordJson(1) + ",\n"
            + TestSupport::recordJson(
                2, "TestModel", WrongOutput.toUtf8(), TokenizerCause.toUtf8(), "Fine-tuning")
            + ",\n" + TestSupport::recordJson(3) + "]\n");
    auto ws = TestSupport::createWorkspace(dir);
    const ImportReport report = Importer(*ws).run({file});
    if (report.imported != 3)
        qFatal("fixture import failed: %s", qPrintable(report.summary()));
    return ws;
}

qint64 ridOf(Workspace &ws, int number)
{
    const auto rid = ws.ridOf(QStringLiteral("TestModel#%1").arg(number));
    if (!rid)
        qFatal("no TestModel#%d", number);
    return *rid;
}

// A record an import held back, as version 1 stored it: the stage is not one.
const QString HeldRaw = QStringLiteral(
    "{\"number\": 5, \"link\": \"https://github.com/QwenLM/Qwen/issues/98\", \"status\": \"open\", "
    "\"SYMPTOM\": \"Crash - CUDA Error - Out of Memory\", \"ROOT CAUSE\": \"Hardware and Resource "
    "Limitations - GPU Memory Insufficiency\", \"STAGE\": \"Training\", \"model\": \"OldModel\", "
    "\"architecture\": \"Dense\"}");

// Rows an older file could hold, in the columns of the schema version it has: version 1 for
// records, history, notes and a held record; version 2 adds a resolved quarantine entry. When
// a later step changes these tables, this helper must write what that version allows.
void insertOlderData(Sql::Database &db, int version)
{
    if (version < 1)
        return; // version 0 has no tables
    {
        Sql::Statement st(db,
            "INSERT INTO quarantine(seq, source, line, col, reason, raw, conflicts_with, at) "
            "VALUES(1, 'old.json', 3, 2, 'STAGE is not Fine-tuning or Inference', ?1, NULL, "
            "'2025-01-01T00:00:00.000Z')");
        st.bind(1, HeldRaw);
        st.run();
    }
    if (version >= 2)
        db.exec("INSERT INTO quarantine(seq, source, line, col, reason, raw, at, resolution, "
                "resolved_at, resolved_by) VALUES(2, 'old.json', 9, 2, 'not an object', '7', "
                "'2025-01-01T00:00:00.000Z', 'discarded', '2025-01-02T00:00:00.000Z', 'olduser')");
    db.exec("INSERT INTO label(id, field, text) VALUES"
            "(1, 'model', 'OldModel'), (2, 'status', 'open'),"
            "(3, 'symptom', 'Crash - CUDA Error - Out of Memory'),"
            "(4, 'cause', 'Hardware and Resource Limitations - GPU Memory Insufficiency'),"
            "(5, 'stage', 'Inference'), (6, 'architecture', 'Dense'),"
            "(7, 'repo', 'QwenLM/Qwen'), (8, 'source', 'old.json');"
            "INSERT INTO record(rid, model, number, repo, issue, status, symptom, cause, stage, "
            "architecture, source) VALUES(1, 1, 4, 7, 99, 2, 3, 4, 5, 6, 8);"
            "INSERT INTO history(rid, field, old, new, annotator, at, reason, batch) VALUES"
            "(1, 'stage', 'Fine-tuning', 'Inference', 'olduser', '2025-01-01T00:00:00.000Z', "
            "'then', 1);"
            "INSERT INTO note(rid, text, updated_at, updated_by) VALUES"
            "(1, 'kept across versions', '2025-01-01T00:00:00.000Z', 'olduser');");
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsNewWorkspace();
    void migratesOlderFiles_data();
    void migratesOlderFiles();
    void refusesNewerVersion();
    void refusesForeignSqlite_data();
    void refusesForeignSqlite();
    void refusesNonSqliteFile();
    void refusesFolderAndMissingPath();
    void damagedWorkspaceIsRefusedUnchanged_data();
    void damagedWorkspaceIsRefusedUnchanged();
    void fullDiskWritesNothing();

    void applyWritesRecordAndHistory();
    void invalidEditChangesNothing_data();
    void invalidEditChangesNothing();
    void newLabelNeedsPermission();
    void twoConnectionsShareLabels();
    void stageSpellingsNormalised();
    void sameValueIsNoChange();
    void notesSetReplaceClear();
    void editsSurviveReopen();
};

void TestStore::createsNewWorkspace()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("new.llmtriage"));
    {
        auto ws = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
        Sql::Database &db = ws->database();
        QCOMPARE(db.pragma("journal_mode"), QStringLiteral("wal"));
        QCOMPARE(db.pragma("foreign_keys"), QStringLiteral("1"));
        QCOMPARE(db.userVersion(), Migrations::currentVersion());
        QCOMPARE(db.pragma("application_id"), QString::number(Migrations::ApplicationId));
        QCOMPARE(ws->recordCount(), qint64(0));
        QVERIFY(!ws->meta(QStringLiteral("created_at")).isEmpty());
        // Foreign keys are enforced, not only switched on: a note for no record is refused.
        QVERIFY_THROWS_EXCEPTION(Sql::Error,
            db.exec("INSERT INTO note(rid, text, updated_at, updated_by) "
                    "VALUES(12345, 'x', 'now', 'me')"));
        for (const char *table : {"meta", "label", "record", "history", "note", "quarantine"}) {
            Sql::Statement st(
                db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
            st.bind(1, std::string_view(table));
            QVERIFY(st.step());
            QVERIFY2(st.int64(0) == 1, table);
        }
    }
    // What the file itself says once closed (WAL mode and the versions are stored in it).
    Sql::Database raw(path, Sql::Database::OpenMode::ReadOnly);
    QCOMPARE(raw.pragma("journal_mode"), QStringLiteral("wal"));
    QCOMPARE(raw.userVersion(), Migrations::currentVersion());
    QCOMPARE(raw.pragma("application_id"), QString::number(0x4C4C4D54)); // "LLMT"
}

void TestStore::migratesOlderFiles_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<bool>("emptyFile"); // a 0-byte file rather than one made by migrateTo
    QTest::newRow("v0 empty file") << 0 << true;
    for (int v = 0; v < Migrations::currentVersion(); ++v)
        QTest::addRow("v%d via migrateTo", v) << v << false;
}

void TestStore::migratesOlderFiles()
{
    QFETCH(int, version);
    QFETCH(bool, emptyFile);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    // The schema a fresh file gets, to compare the migrated one with.
    QStringList freshSchema;
    {
        auto fresh = TestSupport::createWorkspace(dir, QStringLiteral("fresh.llmtriage"));
        freshSchema = schemaOf(fresh->database());
    }
    QVERIFY(freshSchema.size() > 6);

    const QString path = dir.filePath(QStringLiteral("old.llmtriage"));
    if (emptyFile) {
        TestSupport::writeFile(dir, QStringLiteral("old.llmtriage"), QByteArray());
    } else {
        Sql::Database db(path, Sql::Database::OpenMode::ReadWriteCreate);
        Migrations::migrateTo(db, version);
        QCOMPARE(db.userVersion(), version);
        insertOlderData(db, version);
    }
    const bool holdsData = version >= 1;

    {
        auto ws = Workspace::open(path, Workspace::OpenMode::OpenExisting);
        Sql::Database &db = ws->database();
        QCOMPARE(db.userVersion(), Migrations::currentVersion());
        QCOMPARE(db.pragma("application_id"), QString::number(Migrations::ApplicationId));
        QCOMPARE(db.pragma("journal_mode"), QStringLiteral("wal"));
        QCOMPARE(schemaOf(db), freshSchema);
        QCOMPARE(db.pragma("foreign_key_check"), QString()); // no dangling reference
        QCOMPARE(db.pragma("integrity_check"), QStringLiteral("ok"));
        if (holdsData) {
            QCOMPARE(ws->recordCount(), qint64(1));
            const auto rid = ws->ridOf(QStringLiteral("OldModel#4"));
            QVERIFY(rid.has_value());
            const Record r = ws->record(*rid).value();
            QCOMPARE(r.symptom, OomSymptom);
            QCOMPARE(r.cause, GpuCause);
            QCOMPARE(r.stage, QStringLiteral("Inference"));
            QCOMPARE(r.link(), QStringLiteral("https://github.com/QwenLM/Qwen/issues/99"));
            QCOMPARE(ws->history(*rid).size(), 1);
            QCOMPARE(ws->history(*rid).constFirst().annotator, QStringLiteral("olduser"));
            QCOMPARE(ws->note(*rid), QStringLiteral("kept across versions"));

            // The held record is still held, with its text, and can be fixed and accepted.
            const QVector<QuarantineEntry> held = ws->quarantine();
            QCOMPARE(held.size(), 1);
            QCOMPARE(held[0].seq, qint64(1));
            QCOMPARE(held[0].source, QStringLiteral("old.json"));
            QCOMPARE(held[0].line, 3);
            QCOMPARE(held[0].raw, HeldRaw);
            QVERIFY(held[0].isHeld());
            QVERIFY(held[0].resolvedBy.isEmpty());
            QCOMPARE(held[0].acceptedRid, qint64(0));
            if (version >= 2) {
                const QVector<QuarantineEntry> resolved = ws->quarantine(QuarantineScope::Resolved);
                QCOMPARE(resolved.size(), 1);
                QCOMPARE(resolved[0].resolution, QStringLiteral("discarded"));
                QCOMPARE(resolved[0].resolvedBy, QStringLiteral("olduser"));
            }
            const qint64 accepted = ws->acceptQuarantined(1,
                QString(HeldRaw).replace(QStringLiteral("Training"), QStringLiteral("Inference")),
                QStringLiteral("newuser"));
            QCOMPARE(ws->record(accepted)->id(), QStringLiteral("OldModel#5"));
            QCOMPARE(ws->record(accepted)->source, QStringLiteral("old.json"));
            QVERIFY(ws->quarantine().isEmpty());
            QCOMPARE(ws->quarantine(QuarantineScope::All).constFirst().acceptedRid, accepted);
        } else {
            QCOMPARE(ws->recordCount(), qint64(0));
        }
    }

    // A file that held a workspace is copied before it is migrated; version 0 held none.
    const QString backup = Migrations::backupPath(path, version);
    if (version >= 1) {
        QVERIFY2(QFile::exists(backup), qPrintable(backup));
        Sql::Database old(backup, Sql::Database::OpenMode::ReadOnly);
        QCOMPARE(old.userVersion(), version);
        QCOMPARE(scalar(old, "SELECT count(*) FROM record"), qint64(1));
        QCOMPARE(scalar(old, "SELECT count(*) FROM quarantine"), qint64(version >= 2 ? 2 : 1));
    } else {
        QVERIFY(!QFile::exists(backup));
    }
}

void TestStore::refusesNewerVersion()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("newer.llmtriage"));
    const int newer = Migrations::currentVersion() + 1;
    TestSupport::createWorkspace(dir, QStringLiteral("newer.llmtriage")).reset();
    {
        Sql::Database db(path, Sql::Database::OpenMode::ReadWrite);
        db.setUserVersion(newer);
    }
    const QByteArray before = readBytes(path);
    const QStringList filesBefore = listing(dir.path());

    for (auto mode : {Workspace::OpenMode::OpenExisting, Workspace::OpenMode::CreateIfMissing}) {
        const QString message = workspaceErrorOf([&] { Workspace::open(path, mode); });
        QVERIFY2(!message.isEmpty(), "a file of a newer schema was opened");
        QVERIFY2(message.contains(QStringLiteral("newer")), qPrintable(message));
        QVERIFY2(message.contains(QString::number(newer)), qPrintable(message));
        QVERIFY2(message.contains(path), qPrintable(message));
    }
    QCOMPARE(readBytes(path), before);
    QCOMPARE(listing(dir.path()), filesBefore); // no backup, no journal left behind
}

void TestStore::refusesForeignSqlite_data()
{
    QTest::addColumn<QByteArray>("sql");
    QTest::newRow("tables, no application id")
        << QByteArray("CREATE TABLE inventory(item TEXT, qty INTEGER);"
                      "INSERT INTO inventory VALUES('apples', 3);");
    QTest::newRow("user version, no tables") << QByteArray("PRAGMA user_version = 7;");
    // Another program claimed the file with its own application id before creating anything.
    QTest::newRow("other application id, no tables")
        << QByteArray("PRAGMA application_id = 1196444237;"); // "GPKG" (GeoPackage)
    QTest::newRow("other application id, with tables")
        << QByteArray("PRAGMA application_id = 1196444237; CREATE TABLE t(x);");
}

void TestStore::refusesForeignSqlite()
{
    QFETCH(QByteArray, sql);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("other.sqlite"));
    {
        Sql::Database db(path, Sql::Database::OpenMode::ReadWriteCreate);
        db.exec(sql.constData());
    }
    const QByteArray before = readBytes(path);
    QVERIFY(before.startsWith("SQLite format 3"));
    const QStringList filesBefore = listing(dir.path());

    for (auto mode : {Workspace::OpenMode::OpenExisting, Workspace::OpenMode::CreateIfMissing}) {
        const QString message = workspaceErrorOf([&] { Workspace::open(path, mode); });
        QVERIFY2(!message.isEmpty(), "a foreign SQLite file was opened as a workspace");
        QVERIFY2(
            message.contains(QStringLiteral("not an llmtriage workspace")), qPrintable(message));
    }
    QCOMPARE(readBytes(path), before);
    QCOMPARE(listing(dir.path()), filesBefore);
}

void TestStore::refusesNonSqliteFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray text;
    for (int i = 0; i < 40; ++i)
        text += "These are my notes, not a database. Line " + QByteArray::number(i) + "\n";
    const QString path = TestSupport::writeFile(dir, QStringLiteral("notes.txt"), text);
    const QStringList filesBefore = listing(dir.path());

    for (auto mode : {Workspace::OpenMode::OpenExisting, Workspace::OpenMode::CreateIfMissing}) {
        const QString message = workspaceErrorOf([&] { Workspace::open(path, mode); });
        QVERIFY2(!message.isEmpty(), "a text file was opened as a workspace");
        QVERIFY2(message.contains(path), qPrintable(message)); // says which file
    }
    QCOMPARE(readBytes(path), text);
    QCOMPARE(listing(dir.path()), filesBefore);
}

void TestStore::refusesFolderAndMissingPath()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("a folder"));
    QVERIFY(QDir().mkpath(folder));
    for (auto mode : {Workspace::OpenMode::OpenExisting, Workspace::OpenMode::CreateIfMissing}) {
        const QString message = workspaceErrorOf([&] { Workspace::open(folder, mode); });
        QVERIFY2(message.contains(QStringLiteral("folder")), qPrintable(message));
    }
    QVERIFY(QDir(folder).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));

    const QString missing = dir.filePath(QStringLiteral("missing.llmtriage"));
    const QString message
        = workspaceErrorOf([&] { Workspace::open(missing, Workspace::OpenMode::OpenExisting); });
    QVERIFY2(message.contains(missing), qPrintable(message));
    QVERIFY(!QFileInfo::exists(missing)); // not created on the way
    QCOMPARE(listing(dir.path()), QStringList{QStringLiteral("a folder")});
}

// A workspace whose pages were overwritten (a bad disk, a copy cut short): a clear error that
// says what to do, on opening or at the latest on the first read, and the bytes stay as they were.
void TestStore::damagedWorkspaceIsRefusedUnchanged_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("garbage in the middle") << QStringLiteral("middle");
    QTest::newRow("cut short") << QStringLiteral("truncated");
    QTest::newRow("header overwritten") << QStringLiteral("header");
}

void TestStore::damagedWorkspaceIsRefusedUnchanged()
{
    QFETCH(QString, damage);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("w.llmtriage"));
    {
        auto workspace = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
        QCOMPARE(Importer(*workspace).run({TestSupport::datasetPath()}).imported, 706);
    }
    QByteArray bytes = readBytes(path);
    QVERIFY(bytes.size() > 65536);
    if (damage == u"middle")
        bytes.replace(bytes.size() / 2, 8192, QByteArray(8192, '\xde'));
    else if (damage == u"truncated")
        bytes.truncate(bytes.size() / 3);
    else
        bytes.replace(0, 100, QByteArray(100, 'x'));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
    }
    const QString message = workspaceErrorOf([&] {
        auto workspace = Workspace::open(path, Workspace::OpenMode::OpenExisting);
        // Not every damage shows at opening: reading every record and the history finds it.
        RecordIndex index;
        index.build(*workspace);
        workspace->history();
        Sql::Statement check(workspace->database(), "PRAGMA integrity_check");
        check.step();
        if (check.text(0) != u"ok")
            throw WorkspaceError(QStringLiteral("integrity_check: ") + check.text(0));
    });
    QVERIFY2(!message.isEmpty(), "a damaged workspace read as sound");
    qInfo("%s", qPrintable(message));
    QVERIFY2(message.contains(path) || message.startsWith(u"integrity_check"), qPrintable(message));
    if (!message.startsWith(u"integrity_check"))
        QVERIFY2(message.contains(u"damaged") || message.contains(u"not an llmtriage workspace"),
                 qPrintable(message));
    QCOMPARE(readBytes(path), bytes); // never written to
}

// The disk fills up in the middle of an edit (SQLite's max_page_count stands in for a small
// disk): the edit fails with a clear error, nothing of it is written, the file stays sound.
void TestStore::fullDiskWritesNothing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto workspace = TestSupport::createWorkspace(dir);
    QCOMPARE(Importer(*workspace).run({TestSupport::datasetPath()}).imported, 706);
    Sql::Statement pages(workspace->database(), "PRAGMA page_count");
    pages.step();
    const qint64 pageCount = pages.int64(0);
    workspace->database().exec(("PRAGMA max_page_count = " + std::to_string(pageCount)).c_str());
    RecordIndex index;
    index.build(*workspace);
    EditSet batch;
    batch.annotator = QStringLiteral("ana");
    for (quint32 row = 0; row < quint32(index.size()); ++row)
        batch.edits.append({index.rid(row), EditField::Note, QString(300, QLatin1Char('n'))});
    const QString message = workspaceErrorOf([&] { workspace->apply(batch); });
    QVERIFY2(message.contains(u"disk is full"), qPrintable(message));
    QVERIFY2(message.contains(u"Nothing was written"), qPrintable(message));
    QCOMPARE(workspace->history().size(), 0);
    QCOMPARE(workspace->note(index.rid(0)), QString());
    // Room again: the same edit goes through.
    workspace->database().exec("PRAGMA max_page_count = 1073741823");
    QCOMPARE(workspace->apply(batch).size(), index.size());
}

void TestStore::applyWritesRecordAndHistory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto ws = workspaceWithRecords(dir);
    const qint64 rid = ridOf(*ws, 1);
    QSignalSpy changed(ws.get(), &Workspace::recordsChanged);

    EditSet set;
    set.annotator = QStringLiteral("alice");
    set.allowNewLabels = true; // these tests are about other rules
    set.reason = QStringLiteral("second look");
    set.edits = {{rid, EditField::Symptom, WrongOutput}, {rid, EditField::Cause, TokenizerCause},
        {rid, EditField::Stage, QStringLiteral("Fine-tuning")},
        {rid, EditField::Note, QStringLiteral("tokenizer, not memory")}};
    const QVector<AppliedEdit> applied = ws->apply(set);
    QCOMPARE(applied.size(), 4);
    QCOMPARE(changed.count(), 1);

    const Record r = ws->record(rid).value();
    QCOMPARE(r.symptom, WrongOutput);
    QCOMPARE(r.cause, TokenizerCause);
    QCOMPARE(r.stage, QStringLiteral("Fine-tuning"));
    QCOMPARE(r.updatedBy, QStringLiteral("alice"));
    QVERIFY(QDateTime::fromString(r.updatedAt, Qt::ISODateWithMs).isValid());
    QCOMPARE(ws->note(rid), QStringLiteral("tokenizer, not memory"));
    // The other records are untouched.
    QCOMPARE(ws->record(ridOf(*ws, 3))->symptom, OomSymptom);
    QVERIFY(ws->record(ridOf(*ws, 3))->updatedBy.isEmpty());

    const QVector<HistoryEntry> history = ws->history(rid);
    QCOMPARE(history.size(), 4);
    const QStringList fields{QStringLiteral("symptom"), QStringLiteral("cause"),
        QStringLiteral("stage"), QStringLiteral("note")};
    const QStringList olds{OomSymptom, GpuCause, QStringLiteral("Inference"), QString()};
    const QStringList news{WrongOutput, TokenizerCause, QStringLiteral("Fine-tuning"),
        QStringLiteral("tokenizer, not memory")};
    for (int i = 0; i < 4; ++i) {
        const HistoryEntry &h = history[i];
        QCOMPARE(h.recordId, QStringLiteral("TestModel#1"));
        QCOMPARE(h.field, fields[i]);
        QCOMPARE(h.oldValue, olds[i]);
        QCOMPARE(h.newValue, news[i]);
        QCOMPARE(h.annotator, QStringLiteral("alice"));
        QCOMPARE(h.reason, QStringLiteral("second look"));
        QCOMPARE(h.batch, history[0].seq); // one batch, named by its first row
        QCOMPARE(h.at, history[0].at);
        QVERIFY(QDateTime::fromString(h.at, Qt::ISODateWithMs).isValid());
    }

    // A second edit set is a batch of its own.
    set.edits = {{rid, EditField::Stage, QStringLiteral("Inference")}};
    QCOMPARE(ws->apply(set).size(), 1);
    const QVector<HistoryEntry> after = ws->history(rid);
    QCOMPARE(after.size(), 5);
    QCOMPARE(after.last().batch, after.last().seq);
    QVERIFY(after.last().batch != history[0].batch);
}

void TestStore::invalidEditChangesNothing_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("unknownRecord");
    QTest::addColumn<QString>("annotator");

    const int symptom = int(EditField::Symptom);
    const int cause = int(EditField::Cause);
    const int stage = int(EditField::Stage);
    const QString alice = QStringLiteral("alice");
    QTest::newRow("symptom, 1 part") << symptom << QStringLiteral("Crash") << false << alice;
    QTest::newRow("symptom, 4 parts")
        << symptom << QStringLiteral("A - B - C - D") << false << alice;
    QTest::newRow("cause, 3 parts") << cause << QStringLiteral("A - B - C") << false << alice;
    QTest::newRow("cause, 1 part") << cause << QStringLiteral("Tokenizer") << false << alice;
    QTest::newRow("cause, empty part") << cause << QStringLiteral("Tokenizer - ") << false << alice;
    QTest::newRow("symptom, newline")
        << symptom << QStringLiteral("Crash - CUDA\nError") << false << alice;
    QTest::newRow("cause, tab") << cause << QStringLiteral("A - B\tC") << false << alice;
    QTest::newRow("symptom, NUL") << symptom << QString(QStringLiteral("Crash - X") + QChar(0))
                                  << false << alice;
    QTest::newRow("symptom, 257 characters")
        << symptom << QStringLiteral("Crash - ") + QString(249, u'x') << false << alice;
    QTest::newRow("unknown stage") << stage << QStringLiteral("Training") << false << alice;
    QTest::newRow("empty stage") << stage << QString() << false << alice;
    QTest::newRow("unknown record") << symptom << WrongOutput << true << alice;
    QTest::newRow("no annotator") << symptom << WrongOutput << false << QStringLiteral("  ");
}

void TestStore::invalidEditChangesNothing()
{
    QFETCH(int, field);
    QFETCH(QString, value);
    QFETCH(bool, unknownRecord);
    QFETCH(QString, annotator);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto ws = workspaceWithRecords(dir);
    const qint64 rid = ridOf(*ws, 1);
    const QStringList before = snapshot(*ws);
    QSignalSpy changed(ws.get(), &Workspace::recordsChanged);

    // Valid edits first (one with a label no record has yet), then the bad one: the valid
    // ones must be rolled back with it.
    const QString newSymptom = QStringLiteral("Crash - Brand New Failure");
    EditSet set;
    set.annotator = annotator;
    set.allowNewLabels = true; // these tests are about other rules
    set.reason = QStringLiteral("should not stick");
    set.edits = {{rid, EditField::Symptom, newSymptom},
        {rid, EditField::Note, QStringLiteral("should not stick either")},
        {unknownRecord ? rid + 1000 : rid, EditField(field), value}};
    QVERIFY_THROWS_EXCEPTION(EditRejected, ws->apply(set));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(snapshot(*ws), before);

    // The label the rolled-back edit added is gone from memory too: the same valid edit
    // applied now stores it for real, once.
    EditSet valid;
    valid.annotator = QStringLiteral("bob");
    valid.allowNewLabels = true; // these tests are about other rules
    valid.edits = {{rid, EditField::Symptom, newSymptom}};
    QCOMPARE(ws->apply(valid).size(), 1);
    QCOMPARE(ws->record(rid)->symptom, newSymptom);
    ws.reset();
    ws = Workspace::open(
        dir.filePath(QStringLiteral("test.llmtriage")), Workspace::OpenMode::OpenExisting);
    QCOMPARE(ws->record(rid)->symptom, newSymptom);
    QCOMPARE(ws->record(rid)->updatedBy, QStringLiteral("bob"));
    QCOMPARE(ws->history().size(), 1);
    QCOMPARE(ws->note(rid), QString());
}

void TestStore::newLabelNeedsPermission()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto ws = workspaceWithRecords(dir);
    const qint64 rid = ridOf(*ws, 1);
    const QStringList before = snapshot(*ws);

    // A symptom no record has: refused by default, with the reason the window acts on.
    EditSet set;
    set.annotator = QStringLiteral("erin");
    set.edits = {{rid, EditField::Symptom, QStringLiteral("Crash - Segfualt")}};
    try {
        ws->apply(set);
        QFAIL("a new label was accepted without permission");
    } catch (const EditRejected &rejected) {
        QCOMPARE(rejected.reason(), EditRejected::Reason::NewLabel);
        QVERIFY(rejected.message().contains(QStringLiteral("Crash - Segfualt")));
    }
    QCOMPARE(snapshot(*ws), before);

    // A label another record already has needs no permission.
    const QString existing = ws->record(ridOf(*ws, 2))->symptom;
    set.edits = {{rid, EditField::Symptom, existing}};
    if (existing != ws->record(rid)->symptom)
        QCOMPARE(ws->apply(set).size(), 1);

    // With permission the new label goes in, and from then on it is in use.
    set.allowNewLabels = true;
    set.edits = {{rid, EditField::Symptom, QStringLiteral("Crash - Segfault")}};
    QCOMPARE(ws->apply(set).size(), 1);
    QVERIFY(ws->isLabelInUse(LabelKind::Symptom, QStringLiteral("Crash - Segfault")));
    QVERIFY(!ws->isLabelInUse(LabelKind::Symptom, QStringLiteral("Crash - Segfualt")));
}

// The window keeps a workspace open while the command line imports into it: labels the other
// connection added must be known before this one reads, edits or exports.
void TestStore::twoConnectionsShareLabels()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto window = workspaceWithRecords(dir);
    const QString path = window->path();
    {
        auto cli = Workspace::open(path, Workspace::OpenMode::OpenExisting);
        const QString file = TestSupport::writeFile(dir, QStringLiteral("more.json"),
            "[" + TestSupport::recordJson(90, "OtherModel", "Hang - Generation Process Stuck",
                                          "Tokenizer and Text Processing Issues - Tokenization Error")
                + "]");
        QCOMPARE(Importer(*cli).run({file}).imported, qint64(1));
    }
    const qint64 rid = window->ridOf(QStringLiteral("OtherModel#90")).value();
    QCOMPARE(window->record(rid)->model, QStringLiteral("OtherModel"));
    QCOMPARE(window->record(rid)->symptom, QStringLiteral("Hang - Generation Process Stuck"));

    RecordIndex index;
    index.build(*window); // reads under a snapshot that brings the labels up to date
    const std::optional<quint32> row = index.rowOf(rid);
    QVERIFY(row.has_value());
    QCOMPARE(index.id(*row), QStringLiteral("OtherModel#90"));
    QCOMPARE(index.text({Field::Symptom, 3}, *row), QStringLiteral("Hang - Generation Process Stuck"));

    // An edit from the first connection uses the other's label without adding it twice.
    EditSet set;
    set.annotator = QStringLiteral("frank");
    set.edits = {{ridOf(*window, 1), EditField::Symptom, QStringLiteral("Hang - Generation Process Stuck")}};
    QCOMPARE(window->apply(set).size(), 1);
    QCOMPARE(window->history(ridOf(*window, 1)).constFirst().newValue,
             QStringLiteral("Hang - Generation Process Stuck"));
}

void TestStore::stageSpellingsNormalised()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto ws = workspaceWithRecords(dir);
    const qint64 fineTuned = ridOf(*ws, 2); // Fine-tuning
    const qint64 inferred = ridOf(*ws, 3); // Inference

    EditSet set;
    set.annotator = QStringLiteral("alice");
    set.allowNewLabels = true; // these tests are about other rules
    set.edits = {{fineTuned, EditField::Stage, QStringLiteral("inference")},
        {inferred, EditField::Stage, QStringLiteral(" fine tuning ")}};
    const QVector<AppliedEdit> applied = ws->apply(set);
    QCOMPARE(applied.size(), 2);
    QCOMPARE(applied[0].newValue, QStringLiteral("Inference"));
    QCOMPARE(applied[1].newValue, QStringLiteral("Fine-tuning"));
    QCOMPARE(ws->record(fineTuned)->stage, QStringLiteral("Inference"));
    QCOMPARE(ws->record(inferred)->stage, QStringLiteral("Fine-tuning"));
    QCOMPARE(ws->history(fineTuned).constFirst().newValue, QStringLiteral("Inference"));
    QCOMPARE(ws->history(inferred).constFirst().newValue, QStringLiteral("Fine-tuning"));

    // No second spelling of a stage enters the label table.
    Sql::Statement st(ws->database(), "SELECT text FROM label WHERE field = 'stage' ORDER BY text");
    QStringList stages;
    while (st.step())
        stages.append(st.text(0));
    QCOMPARE(stages, QStringList({QStringLiteral("Fine-tuning"), QStringLiteral("Inference")}));

    // Another spelling of the stage a record already has is no change.
    set.edits = {{fineTuned, EditField::Stage, QStringLiteral("INFERENCE")}};
    QVERIFY(ws->apply(set).isEmpty());
    QCOMPARE(ws->history(fineTuned).size(), 1);
}

void TestStore::sameValueIsNoChange()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto ws = workspaceWithRecords(dir);
    const qint64 rid = ridOf(*ws, 1);
    const QStringList before = snapshot(*ws);
    QSignalSpy changed(ws.get(), &Workspace::recordsChanged);

    EditSet set;
    set.annotator = QStringLiteral("alice");
    set.allowNewLabels = true; // these tests are about other rules
    set.edits = {{rid, EditField::Symptom, OomSymptom}, {rid, EditField::Cause, GpuCause},
        {rid, EditField::Stage, QStringLiteral("Inference")},
        {rid, EditField::Note, QString()}}; // no note, and none asked for
    QVERIFY(ws->apply(set).isEmpty());
    QCOMPARE(changed.count(), 0);
    QCOMPARE(snapshot(*ws), before); // no history, updated_by/at untouched

    // In a set with a real change only the real change is reported and recorded.
    set.edits.append({rid, EditField::Symptom, WrongOutput});
    const QVector<AppliedEdit> applied = ws->apply(set);
    QCOMPARE(applied.size(), 1);
    QCOMPARE(applied[0].field, EditField::Symptom);
    QCOMPARE(ws->history(rid).size(), 1);
}

void TestStore::notesSetReplaceClear()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto ws = workspaceWithRecords(dir);
    const qint64 rid = ridOf(*ws, 2);
    const auto setNote = [&](const QString &text) {
        EditSet set;
        set.annotator = QStringLiteral("carol");
        set.allowNewLabels = true; // these tests are about other rules
        set.edits = {{rid, EditField::Note, text}};
        return ws->apply(set);
    };
    const QString first = QStringLiteral("Line one,\n\"quoted\" line two \u00e9");
    QCOMPARE(setNote(first).size(), 1);
    QCOMPARE(ws->note(rid), first);
    QCOMPARE(ws->notes().value(rid), first);
    QCOMPARE(ws->notes().size(), 1);

    QCOMPARE(setNote(first).size(), 0); // same text: no change
    QCOMPARE(setNote(QStringLiteral("replaced")).size(), 1);
    QCOMPARE(ws->note(rid), QStringLiteral("replaced"));
    QCOMPARE(ws->notes().size(), 1);

    QCOMPARE(setNote(QString()).size(), 1);
    QCOMPARE(ws->note(rid), QString());
    QVERIFY(!ws->notes().contains(rid));
    QCOMPARE(scalar(ws->database(), "SELECT count(*) FROM note"), qint64(0));

    const QVector<HistoryEntry> history = ws->history(rid);
    QCOMPARE(history.size(), 3);
    QCOMPARE(history[0].oldValue, QString());
    QCOMPARE(history[0].newValue, first);
    QCOMPARE(history[1].oldValue, first);
    QCOMPARE(history[1].newValue, QStringLiteral("replaced"));
    QCOMPARE(history[2].oldValue, QStringLiteral("replaced"));
    QCOMPARE(history[2].newValue, QString());
    for (const HistoryEntry &h : history) {
        QCOMPARE(h.field, QStringLiteral("note"));
        QCOMPARE(h.annotator, QStringLiteral("carol"));
    }
    // A note does not count as a label change of the record.
    QCOMPARE(ws->record(rid)->stage, QStringLiteral("Fine-tuning"));
}

void TestStore::editsSurviveReopen()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("test.llmtriage"));
    qint64 rid = 0;
    QStringList before;
    {
        auto ws = workspaceWithRecords(dir);
        rid = ridOf(*ws, 3);
        EditSet set;
        set.annotator = QStringLiteral("dave");
        set.allowNewLabels = true; // these tests are about other rules
        set.reason = QStringLiteral("reopen");
        set.edits = {{rid, EditField::Symptom, QStringLiteral("Crash - Segfault")},
            {rid, EditField::Cause, TokenizerCause},
            {rid, EditField::Stage, QStringLiteral("finetuning")},
            {rid, EditField::Note, QStringLiteral("persisted")}};
        QCOMPARE(ws->apply(set).size(), 4);
        before = snapshot(*ws);
    }
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal"))); // checkpointed on close

    auto ws = Workspace::open(path, Workspace::OpenMode::OpenExisting);
    QCOMPARE(snapshot(*ws), before);
    QCOMPARE(ws->ridOf(QStringLiteral("TestModel#3")), std::optional<qint64>(rid));
    const Record r = ws->record(rid).value();
    QCOMPARE(r.symptom, QStringLiteral("Crash - Segfault"));
    QCOMPARE(r.cause, TokenizerCause);
    QCOMPARE(r.stage, QStringLiteral("Fine-tuning"));
    QCOMPARE(r.updatedBy, QStringLiteral("dave"));
    QCOMPARE(ws->note(rid), QStringLiteral("persisted"));
    QCOMPARE(ws->history(rid).size(), 4);
    QCOMPARE(ws->history(rid).constFirst().reason, QStringLiteral("reopen"));
    QCOMPARE(ws->recordCount(), qint64(3));
    // The labels read back from the file resolve the new texts.
    QVERIFY(ws->labels().find(LabelKind::Symptom, QStringLiteral("Crash - Segfault")) != 0);
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
