// The program killed (SIGKILL, no chance to clean up) in the middle of an import and of a
// large batch relabel, at several moments of each: reopened, the workspace passes SQLite's
// integrity check, the interrupted work is there wholly or not at all, and every edit committed
// before it is there. The program is the built `llmtriage`; the data is generated.

#include "testsupport.h"

#include "sqlite/database.h"
#include "sqlite/statement.h"
#include "workspace.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QtTest>

#include <csignal>
#include <algorithm>
#include <functional>

using namespace Triage;
using namespace TestSupport;

namespace {

constexpr int GeneratedRecords = 100000;
const QString Annotator = QStringLiteral("alice");

struct Outcome
{
    bool killed = false;  // false: it finished before the moment came
    qint64 atMs = 0;      // when it was killed
};

struct State
{
    QString integrity;
    qint64 records = 0;
    qint64 historyRows = 0;
    qint64 count(const char *sql) const;
};

} // namespace

class TestCrashRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killedImportIsWhollyOrNotThere_data();
    void killedImportIsWhollyOrNotThere();
    void killedFirstImportLeavesAnUsableFile_data();
    void killedFirstImportLeavesAnUsableFile();
    void killedBatchIsWhollyOrNotThere_data();
    void killedBatchIsWhollyOrNotThere();

private:
    int run(const QStringList &arguments);
    // Starts the program and kills it once `due` says so (polled every 2 ms), `delayMs` later.
    Outcome runAndKill(const QStringList &arguments, const std::function<bool(qint64 elapsedMs)> &due);
    QString copyOf(const QString &workspace, const QString &name);
    QStringList batchArguments(const QString &workspace) const
    {
        return {QStringLiteral("relabel"), QStringLiteral("--where"), QStringLiteral("stage=Inference"),
                QStringLiteral("--stage"), QStringLiteral("Fine-tuning"), QStringLiteral("--annotator"),
                QStringLiteral("bob"), QStringLiteral("--workspace"), workspace};
    }
    // The moments to kill at: a share of the uninterrupted run's time, or of the size its WAL
    // reached (so some kills land in the middle of the writing itself).
    static void addMoments();
    static bool isDue(const QString &moment, qint64 elapsedMs, qint64 totalMs, qint64 walNow, qint64 walMax);
    static qint64 fileSize(const QString &path) { return QFileInfo(path).size(); }

    QTemporaryDir m_dir;
    QString m_data;         // the generated files
    QString m_base;         // the real dataset plus one committed relabel and a note
    QString m_big;          // the base plus the generated records
    qint64 m_importMs = 0;  // an import of the generated files, uninterrupted
    qint64 m_imported = 0;  // records it adds to the base
    qint64 m_batchMs = 0;   // the batch relabel, uninterrupted
    qint64 m_batchSize = 0; // values it changes
    qint64 m_importWal = 0; // the largest the WAL grew in those runs
    qint64 m_batchWal = 0;
};

qint64 scalar(Workspace &workspace, const char *sql)
{
    Sql::Statement st(workspace.database(), sql);
    st.step();
    return st.int64(0);
}

State inspect(const QString &path)
{
    // Opening runs SQLite's recovery: a hot journal is rolled back, a WAL replayed up to its
    // last commit.
    auto workspace = Workspace::open(path, Workspace::OpenMode::OpenExisting);
    State state;
    Sql::Statement check(workspace->database(), "PRAGMA integrity_check");
    while (check.step())
        state.integrity += check.text(0);
    state.records = scalar(*workspace, "SELECT count(*) FROM record");
    state.historyRows = scalar(*workspace, "SELECT count(*) FROM history");
    return state;
}

int TestCrashRecovery::run(const QStringList &arguments)
{
    QProcess process;
    process.start(binaryPath(), arguments);
    if (!process.waitForFinished(300000))
        return -1;
    if (process.exitCode() != 0)
        qWarning("%s", process.readAllStandardError().constData());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
}

Outcome TestCrashRecovery::runAndKill(const QStringList &arguments,
                                      const std::function<bool(qint64 elapsedMs)> &due)
{
    QProcess process;
    // Nobody reads its output while polling: a full pipe would stop it.
    process.setStandardOutputFile(QProcess::nullDevice());
    process.setStandardErrorFile(QProcess::nullDevice());
    process.start(binaryPath(), arguments);
    if (!process.waitForStarted())
        qFatal("cannot start %s", qPrintable(binaryPath()));
    QElapsedTimer clock;
    clock.start();
    Outcome outcome;
    // waitForFinished() is also what lets QProcess notice the exit without an event loop.
    while (!process.waitForFinished(2) && process.state() == QProcess::Running) {
        if (due(clock.elapsed())) {
            ::kill(pid_t(process.processId()), SIGKILL);
            outcome.killed = true;
            outcome.atMs = clock.elapsed();
            break;
        }
    }
    process.waitForFinished(60000);
    if (outcome.killed && process.exitStatus() == QProcess::NormalExit)
        outcome.killed = false; // it had finished by the time the signal came
    return outcome;
}

QString TestCrashRecovery::copyOf(const QString &workspace, const QString &name)
{
    const QString path = m_dir.filePath(name);
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    if (!QFile::copy(workspace, path))
        qFatal("cannot copy %s", qPrintable(workspace));
    return path;
}

void TestCrashRecovery::initTestCase()
{
    QVERIFY2(QFileInfo(binaryPath()).isExecutable(), "LLMTRIAGE_BINARY does not name the built program");
    m_data = m_dir.filePath(QStringLiteral("generated"));
    QCOMPARE(run({QStringLiteral("generate"), QString::number(GeneratedRecords), m_data,
                  QStringLiteral("--seed"), QStringLiteral("7")}), 0);

    // The base: the paper's records, one relabel and one note committed before any crash.
    m_base = m_dir.filePath(QStringLiteral("base.llmtriage"));
    QCOMPARE(run({QStringLiteral("import"), datasetPath(), QStringLiteral("--workspace"), m_base}), 0);
    QCOMPARE(run({QStringLiteral("relabel"), QStringLiteral("Qwen2.5#1"), QStringLiteral("--stage"),
                  QStringLiteral("Fine-tuning"), QStringLiteral("--annotator"), Annotator,
                  QStringLiteral("--workspace"), m_base}), 0);
    {
        auto workspace = Workspace::open(m_base, Workspace::OpenMode::OpenExisting);
        EditSet note;
        note.annotator = Annotator;
        note.edits.append({workspace->ridOf(QStringLiteral("Qwen2.5#2")).value(), EditField::Note,
                           QStringLiteral("written before the crash")});
        QCOMPARE(workspace->apply(note).size(), 1);
    }
    const State base = inspect(m_base);
    QCOMPARE(base.records, 706);
    QCOMPARE(base.historyRows, 2);

    // Uninterrupted runs give the moments to kill at.
    const QString timed = copyOf(m_base, QStringLiteral("timed.llmtriage"));
    const auto largestWal = [](const QString &path, qint64 *largest) {
        return [path, largest](qint64) {
            *largest = std::max(*largest, QFileInfo(path + QStringLiteral("-wal")).size());
            return false; // never kill: only watch
        };
    };
    QElapsedTimer clock;
    clock.start();
    // The generated ids overlap the paper's (ordinals per model): those are reported as
    // conflicts and held in quarantine; the rest is imported.
    runAndKill({QStringLiteral("import"), m_data, QStringLiteral("--workspace"), timed},
               largestWal(timed, &m_importWal));
    m_importMs = clock.elapsed();
    m_imported = inspect(timed).records - 706;
    QVERIFY(m_imported > GeneratedRecords / 2);
    m_big = timed;
    const QString batch = copyOf(m_big, QStringLiteral("batch-timed.llmtriage"));
    clock.restart();
    runAndKill(batchArguments(batch), largestWal(batch, &m_batchWal));
    m_batchMs = clock.elapsed();
    m_batchSize = inspect(batch).historyRows - inspect(m_big).historyRows;
    QVERIFY(m_batchSize > 10000);
    qInfo("uninterrupted: import %lld ms (WAL up to %lld bytes), batch of %lld edits %lld ms (WAL %lld)",
          m_importMs, m_importWal, m_batchSize, m_batchMs, m_batchWal);
    QVERIFY(m_importWal > 0 && m_batchWal > 0);
}

// When to kill: at a share of the uninterrupted run, or as soon as the journal beside the
// file starts to grow (the writing itself, which for a transaction is its commit).
void TestCrashRecovery::addMoments()
{
    QTest::addColumn<QString>("moment");
    for (const char *moment : {"time 10", "time 40", "time 70", "wal 1", "wal 30", "wal 60", "wal 90"})
        QTest::newRow(moment) << QString::fromLatin1(moment);
}

bool TestCrashRecovery::isDue(const QString &moment, qint64 elapsedMs, qint64 totalMs, qint64 walNow,
                              qint64 walMax)
{
    const qint64 percent = moment.section(u' ', 1).toLongLong();
    if (moment.startsWith(u"time"))
        return elapsedMs >= totalMs * percent / 100;
    return walNow > 0 && walNow >= walMax * percent / 100;
}

void TestCrashRecovery::killedImportIsWhollyOrNotThere_data()
{
    addMoments();
}

void TestCrashRecovery::killedImportIsWhollyOrNotThere()
{
    QFETCH(QString, moment);
    const QString path = copyOf(m_base, QStringLiteral("import.llmtriage"));
    const State before = inspect(path);
    const QString wal = path + QStringLiteral("-wal");
    const Outcome outcome = runAndKill(
        {QStringLiteral("import"), m_data, QStringLiteral("--workspace"), path},
        [&](qint64 ms) { return isDue(moment, ms, m_importMs, fileSize(wal), m_importWal); });
    const State after = inspect(path);
    qInfo("killed: %s at %lld ms; records after: %lld", outcome.killed ? "yes" : "no (finished)",
          outcome.atMs, after.records);
    QCOMPARE(after.integrity, QStringLiteral("ok"));
    QVERIFY2(after.records == before.records || after.records == before.records + m_imported,
             qPrintable(QString::number(after.records)));
    if (!outcome.killed)
        QCOMPARE(after.records, before.records + m_imported);
    // What was committed before is there.
    auto workspace = Workspace::open(path, Workspace::OpenMode::OpenExisting);
    QCOMPARE(workspace->record(workspace->ridOf(QStringLiteral("Qwen2.5#1")).value())->stage,
             QStringLiteral("Fine-tuning"));
    QCOMPARE(workspace->note(workspace->ridOf(QStringLiteral("Qwen2.5#2")).value()),
             QStringLiteral("written before the crash"));
    QCOMPARE(after.historyRows, before.historyRows);
}

// The first import into a new file writes through a rollback journal (faster than WAL, see
// docs/PERFORMANCE.md): killed, the next open rolls the hot journal back.
void TestCrashRecovery::killedFirstImportLeavesAnUsableFile_data()
{
    QTest::addColumn<int>("percent"); // 0: as soon as the journal appears
    for (int percent : {0, 40, 90})
        QTest::newRow(qPrintable(QStringLiteral("at %1%").arg(percent))) << percent;
}

void TestCrashRecovery::killedFirstImportLeavesAnUsableFile()
{
    QFETCH(int, percent);
    const QString path = m_dir.filePath(QStringLiteral("fresh-%1.llmtriage").arg(percent));
    const QString journal = path + QStringLiteral("-journal");
    const Outcome outcome = runAndKill(
        {QStringLiteral("import"), m_data, QStringLiteral("--workspace"), path}, [&](qint64 ms) {
            return percent == 0 ? fileSize(journal) > 0 : ms >= m_importMs * percent / 100;
        });
    qInfo("killed: %s at %lld ms", outcome.killed ? "yes" : "no (finished)", outcome.atMs);
    if (!QFileInfo::exists(path))
        return; // killed before the file was made: nothing to open, nothing lost
    const State after = inspect(path);
    QCOMPARE(after.integrity, QStringLiteral("ok"));
    QVERIFY2(after.records == 0 || after.records == GeneratedRecords,
             qPrintable(QString::number(after.records)));
    // And the file takes the import again.
    QCOMPARE(run({QStringLiteral("import"), m_data, QStringLiteral("--workspace"), path}), 0);
    QCOMPARE(inspect(path).records, GeneratedRecords);
}

void TestCrashRecovery::killedBatchIsWhollyOrNotThere_data()
{
    addMoments();
}

void TestCrashRecovery::killedBatchIsWhollyOrNotThere()
{
    QFETCH(QString, moment);
    const QString path = copyOf(m_big, QStringLiteral("batch.llmtriage"));
    const State before = inspect(path);
    const QString wal = path + QStringLiteral("-wal");
    const Outcome outcome = runAndKill(batchArguments(path), [&](qint64 ms) {
        return isDue(moment, ms, m_batchMs, fileSize(wal), m_batchWal);
    });
    const State after = inspect(path);
    auto workspace = Workspace::open(path, Workspace::OpenMode::OpenExisting);
    const qint64 inference = scalar(*workspace, "SELECT count(*) FROM record_view WHERE stage = 'Inference'");
    qInfo("killed: %s at %lld ms; history rows added: %lld", outcome.killed ? "yes" : "no (finished)",
          outcome.atMs, after.historyRows - before.historyRows);
    QCOMPARE(after.integrity, QStringLiteral("ok"));
    QCOMPARE(after.records, before.records);
    const qint64 added = after.historyRows - before.historyRows;
    if (added == 0) {
        QCOMPARE(inference, m_batchSize); // untouched: every selected record still Inference
    } else {
        QCOMPARE(added, m_batchSize); // all of it, and the records agree with the history
        QCOMPARE(inference, 0);
    }
    if (!outcome.killed)
        QCOMPARE(added, m_batchSize);
    QCOMPARE(workspace->record(workspace->ridOf(QStringLiteral("Qwen2.5#1")).value())->stage,
             QStringLiteral("Fine-tuning"));
    QCOMPARE(workspace->note(workspace->ridOf(QStringLiteral("Qwen2.5#2")).value()),
             QStringLiteral("written before the crash"));
}

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crashrecovery.moc"
