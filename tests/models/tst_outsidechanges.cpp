// Two connections on one workspace, as two windows or a window and the command line are: an
// edit that expects a value the store no longer holds is refused with both values and writes
// nothing; a session takes in what the other connection wrote (relabels and notes through the
// history, new records by reading again), and its own edits are not taken in twice.

#include "testsupport.h"

#include "conflictmodel.h"
#include "importer.h"
#include "selection.h"
#include "workbenchsession.h"
#include "workspace.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace Triage;
using namespace TestSupport;

class TestOutsideChanges : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void expectedValueHeldIsWritten();
    void changedUnderneathIsAConflict();
    void conflictingNote();
    void sessionTakesInOutsideRelabelAndNote();
    void sessionReloadsForNewRecords();
    void ownEditsAreNotTakenInAgain();
    void quietWhenNothingChanged();
    void conflictModelShowsBothValues();

private:
    QString cause(Workspace &w, qint64 rid) { return w.record(rid)->cause; }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<Workspace> m_mine;
    std::unique_ptr<Workspace> m_theirs;
    qint64 m_rid = 0;
};

namespace {
const QString Gpu = QStringLiteral("Hardware and Resource Limitations - GPU Memory Insufficiency");
const QString Dependency = QStringLiteral("Environment Compatibility Issues - Dependency Library Compatibility");
const QString Config = QStringLiteral("Configuration and Parameter Setting Errors - Fine-tuning Configuration Error");

EditSet one(qint64 rid, EditField field, const QString &value, std::optional<QString> expected,
            const QString &annotator)
{
    EditSet set;
    set.annotator = annotator;
    set.edits.append({rid, field, value, std::move(expected)});
    return set;
}
} // namespace

void TestOutsideChanges::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("w.llmtriage"));
    m_mine = Workspace::open(m_path, Workspace::OpenMode::CreateIfMissing);
    // Three records, all GPU memory; a dependency record so that label is in use.
    const QByteArray json = "[" + recordJson(1) + "," + recordJson(2) + "," + recordJson(3) + ","
        + recordJson(4, "TestModel", "Crash - CUDA Error - Out of Memory", Dependency.toUtf8()) + ","
        + recordJson(5, "TestModel", "Crash - CUDA Error - Out of Memory", Config.toUtf8()) + "]";
    QCOMPARE(Importer(*m_mine).run({writeFile(*m_dir, QStringLiteral("r.json"), json)}).imported, 5);
    m_theirs = Workspace::open(m_path, Workspace::OpenMode::OpenExisting);
    m_rid = m_mine->ridOf(QStringLiteral("TestModel#1")).value();
}

void TestOutsideChanges::cleanup()
{
    m_theirs.reset();
    m_mine.reset();
    m_dir.reset();
}

void TestOutsideChanges::expectedValueHeldIsWritten()
{
    const QVector<AppliedEdit> applied
        = m_mine->apply(one(m_rid, EditField::Cause, Dependency, Gpu, QStringLiteral("ana")));
    QCOMPARE(applied.size(), 1);
    QVERIFY(applied.first().seq > 0);
    QCOMPARE(cause(*m_theirs, m_rid), Dependency);
}

void TestOutsideChanges::changedUnderneathIsAConflict()
{
    // Both read GPU memory; they write first.
    m_theirs->apply(one(m_rid, EditField::Cause, Config, std::nullopt, QStringLiteral("bob")));
    EditSet mine = one(m_rid, EditField::Cause, Dependency, Gpu, QStringLiteral("ana"));
    // A second edit in the same set, on a record nobody touched: refused with the set.
    const qint64 second = m_mine->ridOf(QStringLiteral("TestModel#2")).value();
    mine.edits.append({second, EditField::Stage, QStringLiteral("Fine-tuning"), QStringLiteral("Inference")});
    const qint64 historyBefore = m_mine->history().size();
    try {
        m_mine->apply(mine);
        QFAIL("a changed record was written over");
    } catch (const EditConflicted &conflicted) {
        QCOMPARE(conflicted.reason(), EditRejected::Reason::Conflict);
        QCOMPARE(conflicted.conflicts().size(), 1);
        const ConflictingEdit &c = conflicted.conflicts().first();
        QCOMPARE(c.rid, m_rid);
        QCOMPARE(c.recordId, QStringLiteral("TestModel#1"));
        QCOMPARE(EditField(c.field), EditField::Cause);
        QCOMPARE(c.expected, Gpu);
        QCOMPARE(c.current, Config);
        QCOMPARE(c.wanted, Dependency);
        QCOMPARE(c.changedBy, QStringLiteral("bob"));
        QVERIFY(!c.changedAt.isEmpty());
    }
    // Nothing of the set was written: theirs stays, the other record too, no history row.
    QCOMPARE(cause(*m_mine, m_rid), Config);
    QCOMPARE(m_mine->record(second)->stage, QStringLiteral("Inference"));
    QCOMPARE(qint64(m_mine->history().size()), historyBefore);
    // Over theirs, knowingly: written.
    QCOMPARE(m_mine->apply(one(m_rid, EditField::Cause, Dependency, Config, QStringLiteral("ana"))).size(), 1);
    QCOMPARE(cause(*m_theirs, m_rid), Dependency);
}

void TestOutsideChanges::conflictingNote()
{
    m_theirs->apply(one(m_rid, EditField::Note, QStringLiteral("theirs"), std::nullopt, QStringLiteral("bob")));
    QVERIFY_THROWS_EXCEPTION(EditConflicted,
                             m_mine->apply(one(m_rid, EditField::Note, QStringLiteral("mine"), QString(),
                                               QStringLiteral("ana"))));
    QCOMPARE(m_mine->note(m_rid), QStringLiteral("theirs"));
}

void TestOutsideChanges::sessionTakesInOutsideRelabelAndNote()
{
    WorkbenchSession session(std::move(m_mine));
    QSignalSpy edited(&session, &WorkbenchSession::recordsEdited);
    QSignalSpy reloaded(&session, &WorkbenchSession::reloaded);
    m_theirs->apply(one(m_rid, EditField::Cause, Dependency, std::nullopt, QStringLiteral("bob")));
    m_theirs->apply(one(m_rid, EditField::Note, QStringLiteral("seen by bob"), std::nullopt, QStringLiteral("bob")));
    QVERIFY(session.catchUp());
    QCOMPARE(reloaded.count(), 0); // values only: no rebuild
    QCOMPARE(edited.count(), 1);
    const auto edits = edited.first().first().value<QVector<AppliedEdit>>();
    QCOMPARE(edits.size(), 2);
    QCOMPARE(edits.at(0).newValue, Dependency);
    QCOMPARE(edits.at(0).oldValue, Gpu);
    QCOMPARE(edits.at(0).annotator, QStringLiteral("bob"));
    const quint32 row = session.index().rowOf(m_rid).value();
    QCOMPARE(session.index().text({Field::Cause, 2}, row), Dependency);
    QCOMPARE(session.index().notes().value(m_rid), QStringLiteral("seen by bob"));
    // The facet counts follow: two records with the dependency cause now.
    Filter filter;
    filter.conditions.append({{Field::Cause, 2}, {Dependency}});
    QCOMPARE(int(Triage::select(session.index(), filter).size()), 2);
}

void TestOutsideChanges::sessionReloadsForNewRecords()
{
    WorkbenchSession session(std::move(m_mine));
    QSignalSpy reloaded(&session, &WorkbenchSession::reloaded);
    const QByteArray json = "[" + recordJson(6) + "]";
    QCOMPARE(Importer(*m_theirs).run({writeFile(*m_dir, QStringLiteral("more.json"), json)}).imported, 1);
    QVERIFY(session.catchUp());
    QCOMPARE(reloaded.count(), 1);
    QCOMPARE(session.index().size(), 6);
    QVERIFY(session.index().rowOf(m_theirs->ridOf(QStringLiteral("TestModel#6")).value()));
}

void TestOutsideChanges::ownEditsAreNotTakenInAgain()
{
    WorkbenchSession session(std::move(m_mine));
    QSignalSpy edited(&session, &WorkbenchSession::recordsEdited);
    session.apply(one(m_rid, EditField::Cause, Dependency, Gpu, QStringLiteral("ana")));
    QCOMPARE(edited.count(), 1);
    QVERIFY(!session.catchUp());
    QCOMPARE(edited.count(), 1);
    // Theirs after ours: only theirs comes in.
    const qint64 second = m_theirs->ridOf(QStringLiteral("TestModel#2")).value();
    m_theirs->apply(one(second, EditField::Stage, QStringLiteral("Fine-tuning"), std::nullopt, QStringLiteral("bob")));
    QVERIFY(session.catchUp());
    QCOMPARE(edited.count(), 2);
    const auto edits = edited.last().first().value<QVector<AppliedEdit>>();
    QCOMPARE(edits.size(), 1);
    QCOMPARE(edits.first().rid, second);
}

void TestOutsideChanges::quietWhenNothingChanged()
{
    WorkbenchSession session(std::move(m_mine));
    QSignalSpy edited(&session, &WorkbenchSession::recordsEdited);
    QVERIFY(!session.catchUp());
    // A read by the other connection is not a change either.
    QVERIFY(m_theirs->record(m_rid));
    QVERIFY(!session.catchUp());
    QCOMPARE(edited.count(), 0);
}

void TestOutsideChanges::conflictModelShowsBothValues()
{
    ConflictingEdit cause{m_rid, QStringLiteral("TestModel#1"), int(EditField::Cause), Gpu, Config,
                          Dependency, QStringLiteral("bob"), QStringLiteral("2026-11-25T10:00:00.000Z")};
    ConflictingEdit note{m_rid, QString(), int(EditField::Note), QString(), QString(),
                         QStringLiteral("<b>mine</b>"), QStringLiteral("bob"), QString()};
    ConflictModel model({cause, note});
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(ConflictModel::ColumnCount));
    QCOMPARE(model.index(0, ConflictModel::Record).data().toString(), QStringLiteral("TestModel#1"));
    QCOMPARE(model.index(0, ConflictModel::FieldName).data().toString(), QStringLiteral("cause"));
    QCOMPARE(model.index(0, ConflictModel::Theirs).data().toString(), Config);
    QCOMPARE(model.index(0, ConflictModel::Yours).data().toString(), Dependency);
    QVERIFY(model.index(0, ConflictModel::ChangedBy).data().toString().startsWith(u"bob, "));
    // A record without a known id shows its key; a note cleared by them reads "(empty)".
    QCOMPARE(model.index(1, ConflictModel::Record).data().toString(), QString::number(m_rid));
    QCOMPARE(model.index(1, ConflictModel::Theirs).data().toString(), QStringLiteral("(empty)"));
    QCOMPARE(model.index(1, ConflictModel::ChangedBy).data().toString(), QStringLiteral("bob"));
    // Markup in a value is shown as typed, in the tooltip too.
    QVERIFY(model.index(1, ConflictModel::Yours).data(Qt::ToolTipRole).toString().contains(u"&lt;b&gt;"));
}

QTEST_GUILESS_MAIN(TestOutsideChanges)
#include "tst_outsidechanges.moc"
