// The index snapshot (schema step 3): the record index's columns kept in the workspace. An index
// read from the snapshot must equal one read from the record rows (which tst_recordindex checks
// against the raw files), and the snapshot must never stand for records that changed: after an
// edit through llmtriage, an UPDATE or INSERT by another program, a damaged blob, or another
// process's commit, the index comes from the rows again.

#include "importer.h"
#include "indexcolumns.h"
#include "recordindex.h"
#include "sqlite/database.h"
#include "sqlite/statement.h"
#include "syntheticgenerator.h"
#include "testsupport.h"
#include "workspace.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace Triage;

namespace {

// Every row of two indexes reads the same: ids, links, notes, editors and every field at every
// level.
bool sameIndex(const RecordIndex &a, const RecordIndex &b, QString *why)
{
    if (a.size() != b.size()) {
        *why = QStringLiteral("sizes %1 and %2").arg(a.size()).arg(b.size());
        return false;
    }
    for (quint32 row = 0; row < quint32(a.size()); ++row) {
        QStringList left{QString::number(a.rid(row)), a.id(row), a.link(row), a.note(row),
                         a.editors().value(a.editors().codes[row])};
        QStringList right{QString::number(b.rid(row)), b.id(row), b.link(row), b.note(row),
                          b.editors().value(b.editors().codes[row])};
        for (Field field : AllFields) {
            for (int level = 1; level <= maxLevel(field); ++level) {
                left.append(a.text({field, level}, row));
                right.append(b.text({field, level}, row));
            }
        }
        if (left != right) {
            *why = QStringLiteral("row %1: %2 | %3")
                       .arg(row)
                       .arg(left.join(QLatin1Char(',')), right.join(QLatin1Char(',')));
            return false;
        }
    }
    return true;
}

// The index as the record rows give it, whatever snapshot the file holds: the snapshot is set
// aside in a transaction that is rolled back.
RecordIndex indexFromRows(Workspace &workspace)
{
    Sql::Database &db = workspace.database();
    db.exec("SAVEPOINT aside; DELETE FROM index_snapshot_mark");
    RecordIndex index;
    index.build(workspace, std::numeric_limits<qint64>::max());
    db.exec("ROLLBACK TO aside; RELEASE aside");
    return index;
}

qint64 snapshotRecordCount(Workspace &workspace)
{
    Sql::Statement st = workspace.database().prepare(
        "SELECT record_count FROM index_snapshot_mark");
    return st.step() ? st.int64(0) : -1;
}

IndexColumns sampleColumns()
{
    IndexColumns c;
    c.rids = {5, 6, 7, 8};                          // a sequence: stored as its first value
    c.numbers = {1, 300, 70000, 4000000000u};       // needs 4 bytes
    c.issues = {7, 7, 7, 9};                        // 1 byte
    for (size_t k = 0; k < c.labels.size(); ++k)
        c.labels[k] = {quint32(k + 1), 2, 65535, 3}; // 2 bytes
    c.updatedBy = {0, 0, 12, 0};
    return c;
}

bool sameColumns(const IndexColumns &a, const IndexColumns &b)
{
    return a.rids == b.rids && a.numbers == b.numbers && a.issues == b.issues
        && a.labels == b.labels && a.updatedBy == b.updatedBy;
}

} // namespace

class TestIndexSnapshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void columnsRoundTrip();
    void damagedBytesAreRefused();
    void snapshotNamingNoLabelIsRefused();
    void snapshotFollowsEveryChange();
    void notStoredOverAnotherProcessesCommit();
    void notStoredWhileAnotherWriterHoldsTheFile();
    void firstBulkImportWritesIt();

private:
    // The generated records in a new workspace, opened twice (two processes, as far as SQLite
    // can tell); `a` has read the index's columns.
    void openTwiceAndRead(const QTemporaryDir &dir, std::unique_ptr<Workspace> *a,
                          std::unique_ptr<Workspace> *b, IndexColumns *columns);

    QTemporaryDir m_dir;
    QString m_generated;
};

void TestIndexSnapshot::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_generated = m_dir.filePath(QStringLiteral("generated"));
    QCOMPARE(generateSynthetic(3000, m_generated, 7).records, qint64(3000));
}

void TestIndexSnapshot::openTwiceAndRead(const QTemporaryDir &dir, std::unique_ptr<Workspace> *a,
                                         std::unique_ptr<Workspace> *b, IndexColumns *columns)
{
    *a = TestSupport::createWorkspace(dir);
    QCOMPARE(Importer(**a).run({m_generated}).imported, qint64(3000));
    *b = Workspace::open((*a)->path(), Workspace::OpenMode::OpenExisting);
    (*a)->readSnapshot([&] { *columns = (*a)->indexColumns(); });
}

void TestIndexSnapshot::columnsRoundTrip()
{
    const IndexColumns columns = sampleColumns();
    const QByteArray bytes = columns.encode();
    // 16 bytes of header, the rid sequence in 9, numbers 1 + 16, issues 1 + 4, seven label
    // columns 1 + 8 each, editors 1 + 4.
    QCOMPARE(bytes.size(), 16 + 9 + 17 + 5 + 7 * 9 + 5);
    const std::optional<IndexColumns> back = IndexColumns::decode(bytes, 4);
    QVERIFY(back);
    QVERIFY(sameColumns(*back, columns));

    IndexColumns gaps = columns; // rids with gaps are stored one by one
    gaps.rids = {1, 3, 9, 2};
    const std::optional<IndexColumns> gapsBack = IndexColumns::decode(gaps.encode(), 4);
    QVERIFY(gapsBack);
    QVERIFY(sameColumns(*gapsBack, gaps));

    const std::optional<IndexColumns> empty = IndexColumns::decode(IndexColumns().encode(), 0);
    QVERIFY(empty);
    QCOMPARE(empty->size(), size_t(0));
}

void TestIndexSnapshot::damagedBytesAreRefused()
{
    const QByteArray bytes = sampleColumns().encode();
    QVERIFY(!IndexColumns::decode(bytes, 5));                    // not the records' count
    QVERIFY(!IndexColumns::decode(bytes.chopped(1), 4));         // truncated
    QVERIFY(!IndexColumns::decode(bytes + '\0', 4));             // trailing bytes
    QVERIFY(!IndexColumns::decode(QByteArray(), 0));             // nothing
    QByteArray magic = bytes;
    magic[0] = 'X';
    QVERIFY(!IndexColumns::decode(magic, 4));
    QByteArray format = bytes;
    format[4] = 2; // a later format
    QVERIFY(!IndexColumns::decode(format, 4));
    QByteArray width = bytes;
    width[16 + 9] = 3; // the numbers' width byte: no such width
    QVERIFY(!IndexColumns::decode(width, 4));
}

// A snapshot that passes its byte checks but names a label the workspace lacks (0 stands for
// "never edited" in the editor column only) is damage: the open says so rather than showing a
// record with some other label.
void TestIndexSnapshot::snapshotNamingNoLabelIsRefused()
{
    QTemporaryDir dir;
    const auto workspace = TestSupport::createWorkspace(dir);
    QCOMPARE(Importer(*workspace).run({m_generated}).imported, qint64(3000));
    RecordIndex first;
    first.build(*workspace, 0); // stores the snapshot
    IndexColumns columns;
    workspace->readSnapshot([&] { columns = workspace->indexColumns(); });
    for (const quint32 bad : {0u, 999999u}) {
        IndexColumns damaged = columns;
        damaged.labels[size_t(LabelKind::Symptom)][7] = bad;
        Sql::Statement st = workspace->database().prepare("UPDATE index_snapshot SET data = ?1");
        st.bindBlob(1, damaged.encode()).run();
        RecordIndex index;
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, index.build(*workspace, 0));
    }
    // The editor column's 0 is the empty name, as read from the rows.
    Sql::Statement st = workspace->database().prepare("UPDATE index_snapshot SET data = ?1");
    st.bindBlob(1, columns.encode()).run();
    RecordIndex again;
    again.build(*workspace, 0);
    QVERIFY(again.builtFromSnapshot());
    QString why;
    QVERIFY2(sameIndex(again, first, &why), qPrintable(why));
    QCOMPARE(again.editors().value(again.editors().codes[0]), QString());
}

void TestIndexSnapshot::snapshotFollowsEveryChange()
{
    QTemporaryDir dir;
    const auto workspace = TestSupport::createWorkspace(dir);
    const ImportReport report = Importer(*workspace).run({m_generated});
    QCOMPARE(report.imported, qint64(3000));
    QCOMPARE(snapshotRecordCount(*workspace), -1); // small imports write none
    QString why;

    // Read from the rows, then kept; the next build reads the snapshot and agrees.
    RecordIndex first;
    first.build(*workspace, 0);
    QVERIFY(!first.builtFromSnapshot());
    QCOMPARE(snapshotRecordCount(*workspace), qint64(3000));
    RecordIndex second;
    second.build(*workspace, 0);
    QVERIFY(second.builtFromSnapshot());
    QVERIFY2(sameIndex(first, second, &why), qPrintable(why));

    // An edit through llmtriage voids it (the mark goes); the index then shows the edit.
    const QString fresh = QStringLiteral("Crash - Snapshot Test - Brand New");
    const qint64 rid = first.rid(10);
    workspace->apply({{{rid, EditField::Symptom, fresh},
                       {first.rid(11), EditField::Note, QStringLiteral("a note")}},
                      QStringLiteral("tester"), QString(), true});
    QCOMPARE(snapshotRecordCount(*workspace), -1);
    RecordIndex edited;
    edited.build(*workspace, 0);
    QVERIFY(!edited.builtFromSnapshot());
    QCOMPARE(edited.text({Field::Symptom, 3}, 10), fresh);
    QCOMPARE(edited.editors().value(edited.editors().codes[10]), QStringLiteral("tester"));
    RecordIndex editedAgain;
    editedAgain.build(*workspace, 0);
    QVERIFY(editedAgain.builtFromSnapshot());
    QVERIFY2(sameIndex(edited, editedAgain, &why), qPrintable(why));
    QCOMPARE(editedAgain.note(11), QStringLiteral("a note")); // notes are read apart

    // Another program's UPDATE, in the sqlite3 shell say: the trigger voids the snapshot.
    Sql::Database &db = workspace->database();
    db.exec("UPDATE record SET stage = (SELECT id FROM label WHERE field = 'stage' AND "
            "text = 'Fine-tuning') WHERE rid = (SELECT min(rid) FROM record WHERE stage = "
            "(SELECT id FROM label WHERE field = 'stage' AND text = 'Inference'))");
    // Built with the snapshot in mind, the index must come from the rows and equal them.
    const auto buildFromRows = [&](RecordIndex *index) {
        index->build(*workspace, 0);
        why = QStringLiteral("read from the snapshot");
        return !index->builtFromSnapshot() && sameIndex(*index, indexFromRows(*workspace), &why);
    };
    RecordIndex updated;
    QVERIFY2(buildFromRows(&updated), qPrintable(why));
    QVERIFY(!sameIndex(updated, editedAgain, &why));

    // Another program's INSERT: the record count no longer matches.
    db.exec("INSERT INTO record(model, number, repo, issue, status, symptom, cause, stage, "
            "architecture, source) SELECT model, number + 1000000, repo, issue, status, symptom, "
            "cause, stage, architecture, source FROM record WHERE rid = 1");
    RecordIndex inserted;
    QVERIFY2(buildFromRows(&inserted), qPrintable(why));
    QCOMPARE(inserted.size(), 3001);

    // A damaged blob is passed over, not trusted.
    db.exec("UPDATE index_snapshot SET data = x'4c54495801000000'");
    RecordIndex damaged;
    damaged.build(*workspace, 0);
    QVERIFY(!damaged.builtFromSnapshot());
    QVERIFY2(sameIndex(damaged, inserted, &why), qPrintable(why));
}

void TestIndexSnapshot::notStoredOverAnotherProcessesCommit()
{
    QTemporaryDir dir;
    std::unique_ptr<Workspace> a, b;
    IndexColumns columns;
    openTwiceAndRead(dir, &a, &b, &columns);
    // b relabels a record after a has read the rows: a's columns no longer stand for the file.
    RecordIndex index;
    index.build(*b, std::numeric_limits<qint64>::max());
    const FieldLevel cause{Field::Cause, 2};
    quint32 other = 1;
    while (index.text(cause, other) == index.text(cause, 0))
        ++other;
    QCOMPARE(b->apply({{{index.rid(0), EditField::Cause, index.text(cause, other)}},
                       QStringLiteral("other"), QString(), false})
                 .size(),
             1);
    QVERIFY(!a->storeIndexColumns(columns));
    QCOMPARE(snapshotRecordCount(*a), -1);

    // Read again, they are stored.
    a->readSnapshot([&] { columns = a->indexColumns(); });
    QVERIFY(a->storeIndexColumns(columns));
    QCOMPARE(snapshotRecordCount(*b), qint64(3000));
}

void TestIndexSnapshot::notStoredWhileAnotherWriterHoldsTheFile()
{
    QTemporaryDir dir;
    std::unique_ptr<Workspace> a, b;
    IndexColumns columns;
    openTwiceAndRead(dir, &a, &b, &columns);
    b->database().exec("BEGIN IMMEDIATE");
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!a->storeIndexColumns(columns));
    // Not the 5 s an edit would wait for the lock: the snapshot is only worth it when free.
    QVERIFY2(timer.elapsed() < Sql::Database::BusyTimeoutMs / 2,
             qPrintable(QString::number(timer.elapsed())));
    b->database().exec("ROLLBACK");

    QVERIFY(a->storeIndexColumns(columns));
}

void TestIndexSnapshot::firstBulkImportWritesIt()
{
    const QString big = m_dir.filePath(QStringLiteral("big"));
    QCOMPARE(generateSynthetic(IndexColumns::SnapshotFrom, big, 11).records,
             IndexColumns::SnapshotFrom);
    QTemporaryDir dir;
    const auto workspace = TestSupport::createWorkspace(dir);
    QCOMPARE(Importer(*workspace).run({big}).imported, IndexColumns::SnapshotFrom);
    QCOMPARE(snapshotRecordCount(*workspace), IndexColumns::SnapshotFrom);
    // Written through a rollback journal into the empty file, then back to write-ahead logging.
    QCOMPARE(workspace->database().pragma("journal_mode"), QStringLiteral("wal"));

    // With a second connection open, the import cannot have the file to itself: it goes
    // through the log, with the same outcome.
    QTemporaryDir shared;
    const auto first = TestSupport::createWorkspace(shared);
    const auto second = Workspace::open(first->path(), Workspace::OpenMode::OpenExisting);
    second->recordCount();
    QCOMPARE(Importer(*first).run({big}).imported, IndexColumns::SnapshotFrom);
    QCOMPARE(second->recordCount(), IndexColumns::SnapshotFrom);
    QCOMPARE(first->database().pragma("journal_mode"), QStringLiteral("wal"));
    RecordIndex index;
    index.build(*workspace);
    QVERIFY(index.builtFromSnapshot());
    QString why;
    QVERIFY2(sameIndex(index, indexFromRows(*workspace), &why), qPrintable(why));

    // A later import adds records the snapshot does not hold: it is read from the rows.
    const QString more = TestSupport::writeFile(dir, QStringLiteral("more.json"),
                                                "[" + TestSupport::recordJson(1) + "]");
    QCOMPARE(Importer(*workspace).run({more}).imported, qint64(1));
    RecordIndex after;
    after.build(*workspace, std::numeric_limits<qint64>::max());
    QVERIFY(!after.builtFromSnapshot());
    QCOMPARE(after.size(), int(IndexColumns::SnapshotFrom) + 1);
}

QTEST_GUILESS_MAIN(TestIndexSnapshot)
#include "tst_indexsnapshot.moc"
