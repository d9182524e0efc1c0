#include "workspace.h"

#include "recordrules.h"
#include "sqlite/database.h"
#include "sqlite/migrations.h"
#include "sqlite/statement.h"
#include "sqlite/transaction.h"

#include <QDateTime>
#include <QFileInfo>
#include <QThread>

#include <sqlite3.h>

namespace Triage {

namespace {

// The column order readRow() expects.
#define RECORD_COLUMNS                                                                        \
    "rid, model, status, symptom, cause, stage, architecture, repo, number, issue, source, " \
    "extra, updated_by, updated_at"

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
    return WorkspaceError(QString::fromUtf8(error.what()));
}

// The label kind an edit changes, for the label fields.
LabelKind labelKindOf(EditField field)
{
    switch (field) {
    case EditField::Symptom:
        return LabelKind::Symptom;
    case EditField::Cause:
        return LabelKind::Cause;
    default:
        return LabelKind::Stage;
    }
}

const char *updateStatementFor(EditField field)
{
    switch (field) {
    case EditField::Symptom:
        return "UPDATE record SET symptom = ?1, updated_at = ?2, updated_by = ?3 WHERE rid = ?4";
    case EditField::Cause:
        return "UPDATE record SET cause = ?1, updated_at = ?2, updated_by = ?3 WHERE rid = ?4";
    default:
        return "UPDATE record SET stage = ?1, updated_at = ?2, updated_by = ?3 WHERE rid = ?4";
    }
}

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

QString editFieldName(EditField field)
{
    switch (field) {
    case EditField::Symptom:
        return QStringLiteral("symptom");
    case EditField::Cause:
        return QStringLiteral("cause");
    case EditField::Stage:
        return QStringLiteral("stage");
    case EditField::Note:
        return QStringLiteral("note");
    }
    return {};
}

std::optional<EditField> editFieldFromName(QStringView name)
{
    for (EditField field : {EditField::Symptom, EditField::Cause, EditField::Stage, EditField::Note}) {
        if (name == editFieldName(field))
            return field;
    }
    return std::nullopt;
}

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

void Workspace::writeHistory(qint64 rid, const QString &field, const QString &oldValue,
                             const QString &newValue, const QString &annotator, const QString &at,
                             const QString &reason, qint64 *batch)
{
    if (*batch == 0) {
        Sql::CachedStatement next = m_db->cached("SELECT coalesce(max(seq), 0) + 1 FROM history");
        next->step();
        *batch = next->int64(0);
    }
    Sql::CachedStatement st = m_db->cached(
        "INSERT INTO history(rid, field, old, new, annotator, at, reason, batch) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    st->bind(1, rid).bind(2, field).bind(3, oldValue).bind(4, newValue).bind(5, annotator);
    st->bind(6, at).bindOptional(7, reason).bind(8, *batch);
    st->run();
}

// The value an edit writes, once it has passed the rules: a stage spelling normalised, a label
// checked like an imported one and, unless the set allows new labels, already in use.
QString Workspace::validatedValue(const Edit &edit, const EditSet &set)
{
    if (edit.field == EditField::Note)
        return edit.value;
    if (edit.field == EditField::Stage) {
        const QByteArray utf8 = edit.value.toUtf8();
        const auto stage = canonicalStage(std::string_view(utf8.constData(), size_t(utf8.size())),
                                          nullptr);
        if (!stage)
            throw EditRejected(EditRejected::Reason::InvalidValue,
                               QStringLiteral("stage '%1' is not Fine-tuning or Inference").arg(edit.value));
        return stage->toString();
    }
    const bool symptom = edit.field == EditField::Symptom;
    const QString problem = labelProblem(symptom ? RecordKey::Symptom : RecordKey::Cause, edit.value);
    if (!problem.isEmpty())
        throw EditRejected(EditRejected::Reason::InvalidValue, problem);
    if (!set.allowNewLabels && !isLabelInUse(labelKindOf(edit.field), edit.value))
        throw EditRejected(EditRejected::Reason::NewLabel,
                           QStringLiteral("the %1 '%2' is not in the taxonomy yet: no record has it; "
                                          "check the spelling, or add it as a new label")
                               .arg(editFieldName(edit.field), edit.value));
    return edit.value;
}

AppliedEdit Workspace::applyOne(const Edit &edit, const QString &value, const EditSet &set,
                                const QString &at, qint64 *batch)
{
    AppliedEdit applied{edit.rid, edit.field, QString(), value, set.annotator};
    const StoredRecord stored = storedRecord(edit.rid);
    if (stored.rid == 0)
        throw EditRejected(EditRejected::Reason::UnknownRecord,
                           QStringLiteral("no record with key %1").arg(edit.rid));

    if (edit.field == EditField::Note) {
        applied.oldValue = note(edit.rid);
        if (applied.oldValue == applied.newValue)
            return applied;
        if (edit.value.isEmpty()) {
            m_db->cached("DELETE FROM note WHERE rid = ?1")->bind(1, edit.rid).run();
        } else {
            Sql::CachedStatement st = m_db->cached(
                "INSERT INTO note(rid, text, updated_at, updated_by) VALUES(?1, ?2, ?3, ?4) "
                "ON CONFLICT(rid) DO UPDATE SET text = excluded.text, "
                "updated_at = excluded.updated_at, updated_by = excluded.updated_by");
            st->bind(1, edit.rid).bind(2, edit.value).bind(3, at).bind(4, set.annotator).run();
        }
    } else {
        const LabelKind kind = labelKindOf(edit.field);
        applied.oldValue = m_labels.text(stored.label(kind));
        if (applied.oldValue == applied.newValue)
            return applied;
        const qint64 label = m_labels.ensure(kind, applied.newValue);
        const qint64 annotator = m_labels.ensure(LabelKind::Annotator, set.annotator);
        m_db->cached(updateStatementFor(edit.field))
            ->bind(1, label)
            .bind(2, at)
            .bind(3, annotator)
            .bind(4, edit.rid)
            .run();
    }
    writeHistory(edit.rid, editFieldName(edit.field), applied.oldValue, applied.newValue,
                 set.annotator, at, set.reason, batch);
    return applied;
}

QVector<AppliedEdit> Workspace::apply(const EditSet &set)
{
    if (set.annotator.trimmed().isEmpty())
        throw EditRejected(EditRejected::Reason::NoAnnotator,
                           QStringLiteral("an edit needs the annotator's name"));
    if (const QString problem = textProblem(QStringLiteral("annotator"), set.annotator); !problem.isEmpty())
        throw EditRejected(EditRejected::Reason::NoAnnotator, problem);
    QVector<AppliedEdit> applied;
    try {
        Sql::Transaction transaction(*m_db);
        m_labels.refresh();
        const QString at = now();
        qint64 batch = 0;
        // A batch relabel repeats one value many times: check each distinct value once.
        QHash<QString, QString> validated;
        for (const Edit &edit : set.edits) {
            const QString key = editFieldName(edit.field) + QLatin1Char('\n') + edit.value;
            auto value = validated.constFind(key);
            if (value == validated.cend())
                value = validated.insert(key, validatedValue(edit, set));
            AppliedEdit one = applyOne(edit, *value, set, at, &batch);
            if (one.oldValue != one.newValue)
                applied.append(std::move(one));
        }
        transaction.commit();
        m_labels.markCommitted();
    } catch (const Sql::Error &error) {
        m_labels.forgetUncommitted();
        throw toWorkspaceError(error);
    } catch (...) {
        m_labels.forgetUncommitted();
        throw;
    }
    if (!applied.isEmpty())
        Q_EMIT recordsChanged(applied);
    return applied;
}

QVector<HistoryEntry> Workspace::history(std::optional<qint64> rid)
{
    Sql::Statement st = m_db->prepare(
        "SELECT h.seq, h.rid, m.text || '#' || r.number, h.field, h.old, h.new, h.annotator, "
        "h.at, h.reason, h.batch FROM history h JOIN record r ON r.rid = h.rid "
        "JOIN label m ON m.id = r.model WHERE ?1 IS NULL OR h.rid = ?1 ORDER BY h.seq");
    if (rid)
        st.bind(1, *rid);
    QVector<HistoryEntry> entries;
    while (st.step()) {
        entries.append({st.int64(0), st.int64(1), st.text(2), st.text(3), st.text(4), st.text(5),
                        st.text(6), st.text(7), st.text(8), st.int64(9)});
    }
    return entries;
}

QVector<QuarantineEntry> Workspace::quarantine()
{
    Sql::Statement st = m_db->prepare("SELECT seq, source, line, col, reason, raw, conflicts_with, "
                                      "at FROM quarantine ORDER BY seq");
    QVector<QuarantineEntry> entries;
    while (st.step()) {
        entries.append({st.int64(0), st.text(1), int(st.int64(2)), int(st.int64(3)), st.text(4),
                         st.text(5), st.text(6), st.text(7)});
    }
    return entries;
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

// --- import --------------------------------------------------------------------------------

Workspace::ImportTransaction::ImportTransaction(Workspace &workspace, qint64 expectedRecords)
    : m_workspace(workspace)
    , m_at(Workspace::now())
{
    Sql::Database &db = *workspace.m_db;
    try {
        // A bulk import (at least as many records as the workspace holds) checks the label
        // references once at the end (PRAGMA foreign_key_check) instead of on every insert,
        // and builds the id index in one sort: together about half the time of a large import.
        // The pragma cannot change inside a transaction, so the choice is made before it.
        m_bulk = expectedRecords >= 10000 && expectedRecords >= workspace.recordCount();
        if (m_bulk)
            db.exec("PRAGMA foreign_keys = OFF");
        m_transaction = std::make_unique<Sql::Transaction>(db);
        workspace.m_labels.refresh();
        Sql::Statement ids = db.prepare("SELECT model, number, rid FROM record");
        while (ids.step())
            m_rids.emplace(key(ids.int64(0), ids.int64(1)), ids.int64(2));
        if (m_bulk)
            db.exec("DROP INDEX record_by_id");
        m_rids.reserve(m_rids.size() + size_t(std::max<qint64>(expectedRecords, 0)));
    } catch (const Sql::Error &error) {
        restoreForeignKeys();
        throw toWorkspaceError(error);
    }
}

Workspace::ImportTransaction::~ImportTransaction()
{
    if (!m_committed) {
        m_transaction.reset(); // rolls back
        m_workspace.m_labels.forgetUncommitted();
        restoreForeignKeys();
    }
}

void Workspace::ImportTransaction::restoreForeignKeys()
{
    if (!m_bulk)
        return;
    try {
        m_workspace.m_db->exec("PRAGMA foreign_keys = ON");
    } catch (const Sql::Error &) {
        // Only fails inside a transaction, which is over by now.
    }
}

qint64 Workspace::ImportTransaction::insert(const StoredRecord &row)
{
    const auto found = m_rids.find(key(row.label(LabelKind::Model), row.number));
    if (found != m_rids.end())
        return found->second;
    Sql::Database &db = *m_workspace.m_db;
    Sql::CachedStatement st = db.cached(
        "INSERT INTO record(model, status, symptom, cause, stage, architecture, repo, number, "
        "issue, source, extra) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    for (int i = 0; i < RecordLabelCount; ++i)
        st->bind(1 + i, row.labels[size_t(i)]);
    st->bind(8, row.number).bind(9, row.issue).bind(10, row.source);
    if (row.extra.empty())
        st->bindNull(11);
    else
        st->bind(11, std::string_view(row.extra));
    st->run();
    m_rids.emplace(key(row.label(LabelKind::Model), row.number), db.lastInsertRowId());
    return 0;
}

void Workspace::ImportTransaction::replace(qint64 rid, const StoredRecord &incoming,
                                           const QString &annotator, const QString &reason)
{
    const Record before = m_workspace.record(rid).value();
    StoredRecord row = incoming;
    row.rid = rid;
    qint64 batch = 0;
    for (const FieldChange &change : differences(before, m_workspace.decode(row)))
        m_workspace.writeHistory(rid, change.field, change.oldValue, change.newValue, annotator,
                                 m_at, reason, &batch);

    Sql::Database &db = *m_workspace.m_db;
    const qint64 by = m_workspace.m_labels.ensure(LabelKind::Annotator, annotator);
    Sql::CachedStatement st = db.cached(
        "UPDATE record SET status = ?2, symptom = ?3, cause = ?4, stage = ?5, architecture = ?6, "
        "repo = ?7, issue = ?8, source = ?9, extra = ?10, updated_at = ?11, updated_by = ?12 "
        "WHERE rid = ?1");
    st->bind(1, rid);
    for (LabelKind kind : {LabelKind::Status, LabelKind::Symptom, LabelKind::Cause,
                           LabelKind::Stage, LabelKind::Architecture, LabelKind::Repo})
        st->bind(int(kind) + 1, incoming.label(kind));
    st->bind(8, incoming.issue).bind(9, incoming.source);
    if (incoming.extra.empty())
        st->bindNull(10);
    else
        st->bind(10, std::string_view(incoming.extra));
    st->bind(11, m_at).bind(12, by).run();
}

void Workspace::ImportTransaction::quarantine(const QuarantineEntry &entry)
{
    Sql::CachedStatement st = m_workspace.m_db->cached(
        "INSERT INTO quarantine(source, line, col, reason, raw, conflicts_with, at) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st->bind(1, entry.source).bind(2, entry.line).bind(3, entry.column).bind(4, entry.reason);
    st->bind(5, entry.raw).bindOptional(6, entry.conflictsWith).bind(7, m_at).run();
}

void Workspace::ImportTransaction::commit()
{
    Sql::Database &db = *m_workspace.m_db;
    try {
        if (m_bulk) {
            // Ids were checked in memory and labels come from the label table; should either
            // have gone wrong, the index or the check fails and the whole import rolls back.
            db.exec("CREATE UNIQUE INDEX record_by_id ON record(model, number)");
            Sql::Statement check = db.prepare("PRAGMA foreign_key_check");
            if (check.step())
                throw WorkspaceError(QStringLiteral("import stopped: a record refers to a missing "
                                                    "row of table %1; nothing was imported")
                                         .arg(check.text(2)));
        }
        m_transaction->commit();
    } catch (const Sql::Error &error) {
        throw toWorkspaceError(error);
    }
    m_committed = true;
    restoreForeignKeys();
    m_workspace.m_labels.markCommitted();
    Q_EMIT m_workspace.recordsImported();
}

} // namespace Triage
