#include "workspace.h"

#include "workspace_p.h"

#include "recordrules.h"
#include "sqlite/database.h"
#include "sqlite/migrations.h"
#include "sqlite/statement.h"
#include "sqlite/transaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <sqlite3.h>

#include <cstdio>

namespace Triage {

namespace WorkspaceDetail {

StoredRecord readRow(const Sql::Statement &st)
{
    StoredRecord row;
    row.rid = st.int64(0);
    for (int i = 0; i < RecordLabelCount; ++i)
        row.labels[size_t(i)] = st.int64(1 + i);
    row.number = st.int64(8);
    row.issue = st.int64(9);
    row.source = st.int64(10);
    row.extra = std::string(st.utf8(11));
    row.updatedBy = st.int64(12);
    return row;
}


WorkspaceError toWorkspaceError(const std::exception &error)
{
    QString message = QString::fromUtf8(error.what());
    // SQLite's words name the failure; what it means for the user's file, and what to do, is
    // ours to add. Every one of these leaves the file as it was (the transaction rolled back).
    const auto *sql = dynamic_cast<const Sql::Error *>(&error);
    switch (sql ? sql->code() & 0xff : SQLITE_OK) {
    case SQLITE_READONLY:
        message += QStringLiteral("\n(The workspace or its folder cannot be written, and llmtriage "
                                  "keeps its journal beside the file. Nothing was changed. Copy it "
                                  "to a folder you may write to, or change its permissions.)");
        break;
    case SQLITE_FULL:
        message += QStringLiteral("\n(The disk is full. Nothing was written; free some space and "
                                  "try again.)");
        break;
    case SQLITE_NOTADB:
        message += QStringLiteral("\n(This is not an llmtriage workspace, or its first page is "
                                  "damaged. It was not changed.)");
        break;
    case SQLITE_CORRUPT:
        message += QStringLiteral("\n(The workspace file is damaged; llmtriage did not change it. "
                                  "Open a backup (FILE.vN.bak is made before every upgrade), or "
                                  "rescue what is readable: sqlite3 FILE .recover | sqlite3 "
                                  "rescued.llmtriage)");
        break;
    case SQLITE_IOERR:
        message += QStringLiteral("\n(The disk reported an error. Nothing was written.)");
        break;
    default:
        break;
    }
    return WorkspaceError(message);
}

void checkAnnotator(const QString &annotator)
{
    if (annotator.trimmed().isEmpty())
        throw EditRejected(EditRejected::Reason::NoAnnotator,
                           QStringLiteral("an edit needs the annotator's name"));
    if (const QString problem = textProblem(QStringLiteral("annotator"), annotator);
        !problem.isEmpty())
        throw EditRejected(EditRejected::Reason::NoAnnotator, problem);
}


} // namespace WorkspaceDetail

using namespace WorkspaceDetail;

namespace {

// Write-ahead logging lets the window read while the command line writes. Switching needs the
// file to itself for a moment; a second process opening it at the same time makes it wait.
void switchToWal(Sql::Database &db)
{
    for (int attempt = 0;; ++attempt) {
        try {
            if (db.pragma("journal_mode = WAL") != QLatin1String("wal"))
                throw WorkspaceError(db.path() + QStringLiteral(": cannot switch to write-ahead logging"));
            return;
        } catch (const Sql::Error &error) {
            const int code = error.code() & 0xff;
            if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || attempt >= 100)
                throw;
            QThread::msleep(50);
        }
    }
}

} // namespace



Workspace::Workspace(std::unique_ptr<Sql::Database> db)
    : m_db(std::move(db))
    , m_labels(*m_db)
{
}

Workspace::~Workspace() = default;

std::unique_ptr<Workspace> Workspace::open(const QString &path, OpenMode mode)
{
    const QFileInfo info(path);
    if (info.isDir())
        throw WorkspaceError(path + QStringLiteral(": is a folder, not a workspace file"));
    if (mode == OpenMode::OpenExisting && !info.exists())
        throw WorkspaceError(path + QStringLiteral(": no such workspace"));
    try {
        auto db = std::make_unique<Sql::Database>(path, mode == OpenMode::CreateIfMissing
                                                            ? Sql::Database::OpenMode::ReadWriteCreate
                                                            : Sql::Database::OpenMode::ReadWrite);
        // Refuse a foreign or newer file before any pragma below could write to it.
        Sql::Migrations::checkVersion(*db);
        // Only a new, empty file takes it (SQLite ignores it otherwise, and it cannot change in
        // WAL mode). 16 KB pages instead of 4 KB: a bulk import of a million records takes a
        // tenth less, a third of that in its commit's writes, for one 16 KB page read per
        // single-record edit, which is nothing on a desktop.
        db->exec("PRAGMA page_size = 16384");
        switchToWal(*db);
        db->exec("PRAGMA foreign_keys = ON");
        // Every committed edit reaches the disk before the window says it is saved.
        db->exec("PRAGMA synchronous = FULL");
        Sql::Migrations::migrate(*db);
        std::unique_ptr<Workspace> workspace(new Workspace(std::move(db)));
        workspace->m_labels.load();
        return workspace;
    } catch (const Sql::Error &error) {
        throw toWorkspaceError(error);
    }
}

QString Workspace::path() const
{
    return m_db->path();
}

QString Workspace::now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

qint64 Workspace::recordCount()
{
    Sql::CachedStatement st = m_db->cached("SELECT count(*) FROM record");
    st->step();
    return st->int64(0);
}

std::optional<qint64> Workspace::ridOf(const QString &id)
{
    const auto parts = splitRecordId(id);
    if (!parts)
        return std::nullopt;
    // Through the label table in SQL, not the cache: the model may be another process's new one.
    Sql::CachedStatement st = m_db->cached(
        "SELECT r.rid FROM record r JOIN label m ON m.id = r.model "
        "WHERE m.field = 'model' AND m.text = ?1 AND r.number = ?2");
    st->bind(1, parts->first).bind(2, parts->second);
    if (!st->step())
        return std::nullopt;
    return st->int64(0);
}

StoredRecord Workspace::storedRecord(qint64 rid)
{
    Sql::CachedStatement st = m_db->cached("SELECT " RECORD_COLUMNS " FROM record WHERE rid = ?1");
    st->bind(1, rid);
    if (!st->step())
        return StoredRecord();
    return readRow(*st);
}

Record Workspace::decode(const StoredRecord &stored)
{
    // A row another connection wrote may use labels this one has not read yet (ids only grow).
    qint64 highest = std::max(stored.source, stored.updatedBy);
    for (qint64 id : stored.labels)
        highest = std::max(highest, id);
    if (highest > m_labels.maxId())
        m_labels.refresh();
    Record record;
    record.rid = stored.rid;
    record.model = m_labels.text(stored.label(LabelKind::Model));
    record.number = stored.number;
    record.issue = GitHubIssue::fromRepoPath(m_labels.text(stored.label(LabelKind::Repo)),
                                             stored.issue);
    record.status = m_labels.text(stored.label(LabelKind::Status));
    record.symptom = m_labels.text(stored.label(LabelKind::Symptom));
    record.cause = m_labels.text(stored.label(LabelKind::Cause));
    record.stage = m_labels.text(stored.label(LabelKind::Stage));
    record.architecture = m_labels.text(stored.label(LabelKind::Architecture));
    record.source = m_labels.text(stored.source);
    record.extra = QByteArray::fromStdString(stored.extra);
    record.updatedBy = m_labels.text(stored.updatedBy);
    return record;
}

std::optional<Record> Workspace::record(qint64 rid)
{
    Sql::CachedStatement st = m_db->cached("SELECT " RECORD_COLUMNS " FROM record WHERE rid = ?1");
    st->bind(1, rid);
    if (!st->step())
        return std::nullopt;
    Record record = decode(readRow(*st));
    record.updatedAt = st->text(13);
    return record;
}

void Workspace::forEachRecord(const std::function<void(const Record &)> &visit)
{
    Sql::Statement st = m_db->prepare("SELECT " RECORD_COLUMNS " FROM record ORDER BY source, rid");
    while (st.step()) {
        Record record = decode(readRow(st));
        record.updatedAt = st.text(13);
        visit(record);
    }
}

void Workspace::scanRecords(const std::function<void(const StoredRecord &)> &visit)
{
    Sql::Statement st = m_db->prepare("SELECT " RECORD_COLUMNS " FROM record ORDER BY rid");
    while (st.step())
        visit(readRow(st));
}

void Workspace::writeTransaction(const std::function<void()> &work)
{
    try {
        Sql::Transaction transaction(*m_db);
        m_labels.refresh();
        work();
        transaction.commit();
        m_labels.markCommitted();
    } catch (const Sql::Error &error) {
        m_labels.forgetUncommitted();
        throw toWorkspaceError(error);
    } catch (...) {
        m_labels.forgetUncommitted();
        throw;
    }
}

void Workspace::readSnapshot(const std::function<void()> &reads)
{
    try {
        // Inside a transaction already (an import reading back), the reads share it.
        if (!sqlite3_get_autocommit(m_db->handle())) {
            reads();
            return;
        }
        Sql::Transaction snapshot(*m_db, Sql::Transaction::Kind::Read);
        m_labels.refresh();
        reads();
        snapshot.commit();
    } catch (const Sql::Error &error) {
        throw toWorkspaceError(error);
    }
}

bool Workspace::isLabelInUse(LabelKind kind, const QString &text)
{
    const qint64 id = m_labels.find(kind, text);
    if (!id)
        return false;
    const char *sql = kind == LabelKind::Symptom ? "SELECT EXISTS(SELECT 1 FROM record WHERE symptom = ?1)"
        : kind == LabelKind::Cause              ? "SELECT EXISTS(SELECT 1 FROM record WHERE cause = ?1)"
                                                : "SELECT EXISTS(SELECT 1 FROM record WHERE stage = ?1)";
    Sql::CachedStatement st = m_db->cached(sql);
    st->bind(1, id);
    st->step();
    return st->int64(0) != 0;
}





QVector<HistoryEntry> Workspace::history(std::optional<qint64> rid)
{
    HistoryQuery query;
    query.rid = rid;
    return history(query);
}

QVector<HistoryEntry> Workspace::history(const HistoryQuery &query)
{
    // The conditions are fixed pieces of SQL chosen by what the query asks for; every value is
    // bound. "h.rid = ?" rather than "?1 IS NULL OR h.rid = ?1", which SQLite cannot answer
    // from the index on rid.
    std::string sql = "SELECT h.seq, h.rid, m.text || '#' || r.number, h.field, h.old, h.new, "
                      "h.annotator, h.at, h.reason, h.batch FROM history h "
                      "JOIN record r ON r.rid = h.rid JOIN label m ON m.id = r.model WHERE h.seq > ?1";
    if (query.beforeSeq > 0)
        sql += " AND h.seq < ?2";
    if (query.rid)
        sql += " AND h.rid = ?3";
    if (!query.annotator.isEmpty())
        sql += " AND h.annotator = ?4";
    if (!query.field.isEmpty())
        sql += " AND h.field = ?5";
    sql += query.newestFirst ? " ORDER BY h.seq DESC" : " ORDER BY h.seq";
    if (query.limit > 0)
        sql += " LIMIT ?6";
    Sql::Statement st = m_db->prepare(sql.c_str());
    st.bind(1, query.afterSeq);
    if (query.beforeSeq > 0)
        st.bind(2, query.beforeSeq);
    if (query.rid)
        st.bind(3, *query.rid);
    if (!query.annotator.isEmpty())
        st.bind(4, query.annotator);
    if (!query.field.isEmpty())
        st.bind(5, query.field);
    if (query.limit > 0)
        st.bind(6, query.limit);
    QVector<HistoryEntry> entries;
    while (st.step()) {
        entries.append({st.int64(0), st.int64(1), st.text(2), st.text(3), st.text(4), st.text(5),
                        st.text(6), st.text(7), st.text(8), st.int64(9)});
    }
    return entries;
}

qint64 Workspace::newestHistorySeq()
{
    Sql::CachedStatement st = m_db->cached("SELECT coalesce(max(seq), 0) FROM history");
    st->step();
    return st->int64(0);
}

qint64 Workspace::largestRid()
{
    Sql::CachedStatement st = m_db->cached("SELECT coalesce(max(rid), 0) FROM record");
    st->step();
    return st->int64(0);
}

qint64 Workspace::dataVersion()
{
    Sql::CachedStatement st = m_db->cached("PRAGMA data_version");
    st->step();
    return st->int64(0);
}

QStringList Workspace::distinctInHistory(const char *column, std::optional<qint64> rid,
                                         qint64 afterSeq)
{
    // `column` is one of two names written below, never text from outside.
    std::string sql = std::string("SELECT DISTINCT ") + column + " FROM history WHERE seq > ?2";
    if (rid)
        sql += " AND rid = ?1";
    Sql::Statement st = m_db->prepare(sql.c_str());
    if (rid)
        st.bind(1, *rid);
    st.bind(2, afterSeq);
    QStringList names;
    while (st.step())
        names.append(st.text(0));
    names.sort(Qt::CaseInsensitive);
    return names;
}

QStringList Workspace::historyAnnotators(std::optional<qint64> rid, qint64 afterSeq)
{
    return distinctInHistory("annotator", rid, afterSeq);
}

QStringList Workspace::historyFields(std::optional<qint64> rid, qint64 afterSeq)
{
    return distinctInHistory("field", rid, afterSeq);
}







QString Workspace::note(qint64 rid)
{
    Sql::CachedStatement st = m_db->cached("SELECT text FROM note WHERE rid = ?1");
    st->bind(1, rid);
    return st->step() ? st->text(0) : QString();
}

QHash<qint64, QString> Workspace::notes()
{
    QHash<qint64, QString> result;
    Sql::Statement st = m_db->prepare("SELECT rid, text FROM note");
    while (st.step())
        result.insert(st.int64(0), st.text(1));
    return result;
}

void Workspace::saveCopy(const QString &path)
{
    const QString target = QFileInfo(path).absoluteFilePath();
    if (target == QFileInfo(m_db->path()).absoluteFilePath())
        throw WorkspaceError(path + QStringLiteral(": is this workspace itself"));
    const QString partial = target + QStringLiteral(".partial-%1").arg(QCoreApplication::applicationPid());
    QFile::remove(partial);
    try {
        Sql::Statement st = m_db->prepare("VACUUM INTO ?1");
        st.bind(1, partial);
        st.run();
    } catch (const Sql::Error &error) {
        QFile::remove(partial);
        throw toWorkspaceError(error);
    }
    // rename(2) replaces the old file in one step: there is always a whole file at `path`.
    if (std::rename(QFile::encodeName(partial).constData(), QFile::encodeName(target).constData()) != 0) {
        QFile::remove(partial);
        throw WorkspaceError(path + QStringLiteral(": cannot write the copy there"));
    }
}

QString Workspace::meta(const QString &key)
{
    Sql::CachedStatement st = m_db->cached("SELECT value FROM meta WHERE key = ?1");
    st->bind(1, key);
    return st->step() ? st->text(0) : QString();
}

void Workspace::setMeta(const QString &key, const QString &value)
{
    try {
        m_db->cached("INSERT INTO meta(key, value) VALUES(?1, ?2) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            ->bind(1, key)
            .bind(2, value)
            .run();
    } catch (const Sql::Error &error) {
        throw toWorkspaceError(error);
    }
}


} // namespace Triage
