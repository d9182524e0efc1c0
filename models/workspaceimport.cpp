#include "workspace.h"

#include "workspace_p.h"

#include "jsonrecordreader.h"
#include "recordrules.h"
#include "recordvalidator.h"
#include "sqlite/database.h"
#include "sqlite/statement.h"
#include "sqlite/transaction.h"

#include <QFileInfo>

namespace Triage {

using namespace WorkspaceDetail;

namespace {

// The column order readQuarantineRow() expects.
#define QUARANTINE_COLUMNS                                                                    \
    "seq, source, line, col, reason, raw, conflicts_with, at, resolution, resolved_at, "      \
    "resolved_by, accepted_rid"

QuarantineEntry readQuarantineRow(const Sql::Statement &st)
{
    QuarantineEntry entry{st.int64(0), st.text(1), int(st.int64(2)), int(st.int64(3)),
                          st.text(4),  st.text(5), st.text(6),       st.text(7)};
    entry.resolution = st.text(8);
    entry.resolvedAt = st.text(9);
    entry.resolvedBy = st.text(10);
    entry.acceptedRid = st.int64(11);
    return entry;
}

// The columns an insert of a record fills, in the order bindRecord() binds them.
#define RECORD_INSERT_COLUMNS                                                                 \
    "rid, model, status, symptom, cause, stage, architecture, repo, number, issue, source, extra"
constexpr int RecordInsertColumnCount = 12;

// Binds a record to RecordInsertColumnCount parameters from `at`: a zero rid binds NULL, and
// SQLite gives the next one. Returns the parameter after the last.
int bindRecord(Sql::Statement &st, int at, const StoredRecord &row)
{
    if (row.rid)
        st.bind(at, row.rid);
    else
        st.bindNull(at);
    ++at;
    for (int i = 0; i < RecordLabelCount; ++i)
        st.bind(at++, row.labels[size_t(i)]);
    st.bind(at++, row.number);
    st.bind(at++, row.issue);
    st.bind(at++, row.source);
    if (row.extra.empty())
        st.bindNull(at++);
    else
        st.bind(at++, std::string_view(row.extra));
    return at;
}

const QString Accepted = QStringLiteral("accepted");
const QString Discarded = QStringLiteral("discarded");


EditRejected invalidRecordText(const QString &message)
{
    return EditRejected(EditRejected::Reason::InvalidValue, message);
}

// The one record `text` holds, read and checked exactly as an import reads a file, its labels
// coded into `validator`. Throws EditRejected saying what is wrong.
CodedRecord parseOneRecord(const QString &text, RecordValidator *validator)
{
    if (text.trimmed().isEmpty())
        throw invalidRecordText(QStringLiteral("the text is empty; it must be one record object"));
    const QByteArray utf8 = text.toUtf8();
    const std::string_view bytes(utf8.constData(), size_t(utf8.size()));
    JsonRecordReader reader;
    CodedRecord coded;
    std::string problem;
    std::string warning; // a stage spelling read as the canonical one: nothing to refuse
    int elements = 0;
    bool valid = false;
    const bool read = reader.read(bytes, [&](const RawRecord &raw) {
        if (++elements == 1)
            valid = validator->validate(raw, &coded, &problem, &warning);
    });
    if (!read) {
        const TextPosition at = LineLocator(bytes).at(reader.error().offset);
        throw invalidRecordText(QStringLiteral("line %1, column %2: %3")
                                    .arg(at.line)
                                    .arg(at.column)
                                    .arg(QString::fromStdString(reader.error().message)));
    }
    if (reader.form() != JsonRecordReader::Form::Object || elements != 1)
        throw invalidRecordText(QStringLiteral("the text must be one record object { ... }, not "
                                               "an array or several records"));
    if (!valid)
        throw invalidRecordText(QString::fromStdString(problem));
    return coded;
}

} // namespace

QVector<QuarantineEntry> Workspace::quarantine(QuarantineScope scope)
{
    const char *sql = scope == QuarantineScope::Held
        ? "SELECT " QUARANTINE_COLUMNS " FROM quarantine WHERE resolution IS NULL ORDER BY seq"
        : scope == QuarantineScope::Resolved
        ? "SELECT " QUARANTINE_COLUMNS " FROM quarantine WHERE resolution IS NOT NULL ORDER BY seq"
        : "SELECT " QUARANTINE_COLUMNS " FROM quarantine ORDER BY seq";
    Sql::Statement st = m_db->prepare(sql);
    QVector<QuarantineEntry> entries;
    while (st.step())
        entries.append(readQuarantineRow(st));
    return entries;
}

// Read under the write lock, so an entry another process resolved meanwhile is seen resolved.
QuarantineEntry Workspace::heldEntry(qint64 seq)
{
    Sql::CachedStatement st
        = m_db->cached("SELECT " QUARANTINE_COLUMNS " FROM quarantine WHERE seq = ?1");
    st->bind(1, seq);
    if (!st->step())
        throw EditRejected(EditRejected::Reason::UnknownRecord,
                           QStringLiteral("no quarantine entry #%1").arg(seq));
    QuarantineEntry entry = readQuarantineRow(*st);
    if (!entry.isHeld())
        throw EditRejected(EditRejected::Reason::UnknownRecord,
                           QStringLiteral("quarantine entry #%1 was %2 by %3 at %4 already")
                               .arg(QString::number(seq), entry.resolution, entry.resolvedBy,
                                    entry.resolvedAt));
    return entry;
}

// The entry keeps its file as the user named it ("../data/x/a.json"); a record's source is
// relative to the folder imported ("x/a.json"), which the upstream export writes below its
// folder. The importer wrote that relative path as a source label for every file it read, so
// it is the longest source label the entry's path ends with; a file name is the last resort.
QString Workspace::acceptedSource(const QString &entrySource) const
{
    QString best;
    for (const qint64 id : m_labels.ids(LabelKind::Source)) {
        const QString &source = m_labels.text(id);
        if (source.size() <= best.size())
            continue;
        if (entrySource == source
            || (entrySource.endsWith(source)
                && entrySource.at(entrySource.size() - source.size() - 1) == QLatin1Char('/')))
            best = source;
    }
    if (best.isEmpty())
        best = QFileInfo(entrySource).fileName();
    return best.isEmpty() ? entrySource : best;
}

void Workspace::resolveQuarantined(qint64 seq, const QString &resolution, const QString &at,
                                   const QString &annotator, qint64 acceptedRid)
{
    Sql::CachedStatement st = m_db->cached(
        "UPDATE quarantine SET resolution = ?2, resolved_at = ?3, resolved_by = ?4, "
        "accepted_rid = ?5 WHERE seq = ?1 AND resolution IS NULL");
    st->bind(1, seq).bind(2, resolution).bind(3, at).bind(4, annotator);
    if (acceptedRid)
        st->bind(5, acceptedRid);
    else
        st->bindNull(5);
    st->run();
}

qint64 Workspace::acceptQuarantined(qint64 seq, const QString &fixedJson, const QString &annotator)
{
    checkAnnotator(annotator);
    // Parsed and checked before the write lock is taken: the rules need nothing from the file.
    RecordValidator validator;
    const CodedRecord coded = parseOneRecord(fixedJson, &validator);
    const auto labelText = [&](LabelKind kind) -> const std::string & {
        return validator.labels(kind)[coded.labels[size_t(kind)]];
    };
    qint64 rid = 0;
    writeTransaction([&] {
        const QuarantineEntry entry = heldEntry(seq);
        const std::string &model = labelText(LabelKind::Model);
        if (const qint64 modelId = m_labels.find(LabelKind::Model, model)) {
            Sql::CachedStatement st
                = m_db->cached("SELECT 1 FROM record WHERE model = ?1 AND number = ?2");
            st->bind(1, modelId).bind(2, coded.number);
            if (st->step())
                throw invalidRecordText(
                    QStringLiteral("the workspace already has the record %1; give this one another "
                                   "model or number, or discard it")
                        .arg(recordId(QString::fromStdString(model), coded.number)));
        }
        const QString at = now();
        StoredRecord row;
        for (int k = 0; k < RecordLabelCount; ++k)
            row.labels[size_t(k)] = m_labels.ensure(LabelKind(k), labelText(LabelKind(k)));
        row.number = coded.number;
        row.issue = coded.issue;
        if (coded.extra >= 0)
            row.extra = validator.extras()[size_t(coded.extra)];
        row.source = m_labels.ensure(LabelKind::Source, acceptedSource(entry.source));
        row.updatedBy = m_labels.ensure(LabelKind::Annotator, annotator);
        rid = insertRecord(row, at);
        resolveQuarantined(seq, Accepted, at, annotator, rid);
        qint64 batch = 0;
        writeHistory(rid, QStringLiteral("record"), QString(),
                     QStringLiteral("accepted from quarantine"), annotator, at,
                     QStringLiteral("held at import from %1:%2:%3")
                         .arg(entry.source)
                         .arg(entry.line)
                         .arg(entry.column),
                     &batch);
    });
    return rid;
}

void Workspace::discardQuarantined(qint64 seq, const QString &annotator)
{
    checkAnnotator(annotator);
    writeTransaction([&] {
        heldEntry(seq);
        resolveQuarantined(seq, Discarded, now(), annotator, 0);
    });
}

// One record, for a record accepted from the quarantine and for the last, partial batch of an
// import. An empty `updatedAt` and a zero row.updatedBy leave the record unedited; a zero
// row.rid lets SQLite choose it.
qint64 Workspace::insertRecord(const StoredRecord &row, const QString &updatedAt)
{
    Sql::CachedStatement st = m_db->cached("INSERT INTO record(" RECORD_INSERT_COLUMNS ", updated_at, updated_by) "
                                           "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    const int at = bindRecord(*st, 1, row);
    st->bindOptional(at, updatedAt);
    if (row.updatedBy)
        st->bind(at + 1, row.updatedBy);
    else
        st->bindNull(at + 1);
    st->run();
    return m_db->lastInsertRowId();
}

// --- import --------------------------------------------------------------------------------

Workspace::ImportTransaction::ImportTransaction(Workspace &workspace, qint64 expectedRecords)
    : m_workspace(workspace)
    , m_at(Workspace::now())
{
    Sql::Database &db = *workspace.m_db;
    try {
        // A bulk import (at least as many records as the workspace holds) checks label
        // references in memory (checkLabels()) instead of SQLite's per-insert foreign key
        // lookups, and may build the id index in one sort (see insert()). The pragma cannot
        // change inside a transaction, so the choice is made before it.
        m_bulk = expectedRecords >= 10000 && expectedRecords >= workspace.recordCount();
        if (m_bulk)
            db.exec("PRAGMA foreign_keys = OFF");
        // Into an empty workspace, a rollback journal writes the records once, to the file; a
        // write-ahead log writes them twice (log, then checkpoint), about a tenth of a large
        // import's time. The journal holds the few pages the empty file had, so a crash still
        // leaves it as it was. It needs the file to itself: with another connection open the
        // pragma fails or answers "wal", and the import goes through the log as usual.
        if (m_bulk && workspace.recordCount() == 0) {
            try {
                m_rollbackJournal = db.pragma("journal_mode = DELETE") == QLatin1String("delete");
            } catch (const Sql::Error &) {
                m_rollbackJournal = false;
            }
        }
        m_transaction = std::make_unique<Sql::Transaction>(db);
        workspace.m_labels.refresh();
        Sql::Statement ids = db.prepare("SELECT model, number, rid FROM record");
        while (ids.step()) {
            m_rids.emplace(key(ids.int64(0), ids.int64(1)), ids.int64(2));
            m_nextRid = std::max(m_nextRid, ids.int64(2) + 1);
        }
        // A first import into an empty workspace writes the index snapshot with its records,
        // so the first open after it need not read them back (IndexColumns).
        if (m_bulk && m_rids.empty() && expectedRecords >= IndexColumns::SnapshotFrom) {
            m_columns.emplace();
            m_columns->reserve(size_t(expectedRecords));
        }
        if (m_bulk) {
            // The pages of a large import stay in memory until commit instead of spilling
            // into the WAL half-written (the default cache is 2 MB); restored by the destructor.
            db.exec("PRAGMA cache_size = -65536");
        }
        // Into an empty workspace, keys usually come in order (see ridOfKey()).
        m_ascending = m_rids.empty();
        if (m_ascending)
            m_keys.reserve(size_t(std::max<qint64>(expectedRecords, 0)));
        else
            m_rids.reserve(m_rids.size() + size_t(std::max<qint64>(expectedRecords, 0)));
    } catch (const Sql::Error &error) {
        restoreConnection();
        throw toWorkspaceError(error);
    }
}

Workspace::ImportTransaction::~ImportTransaction()
{
    if (!m_committed) {
        m_transaction.reset(); // rolls back
        m_workspace.m_labels.forgetUncommitted();
        restoreConnection();
    }
}

void Workspace::ImportTransaction::restoreConnection()
{
    if (!m_bulk)
        return;
    try {
        m_workspace.m_db->exec("PRAGMA foreign_keys = ON");
        m_workspace.m_db->exec("PRAGMA cache_size = -2000");
    } catch (const Sql::Error &) {
        // Only fails inside a transaction, which is over by now.
    }
    if (m_rollbackJournal) {
        try {
            m_workspace.m_db->pragma("journal_mode = WAL");
        } catch (const Sql::Error &) {
            // Another connection came meanwhile; whoever opens the file next switches it back
            // (Workspace::open always does).
        }
    }
}

// What the foreign keys would check, for a bulk import that turned them off: every label a row
// names is in the label table. Each id is looked up once; after that it is one array read.
void Workspace::ImportTransaction::checkLabels(const StoredRecord &row)
{
    const auto check = [&](qint64 id) {
        if (id > 0 && size_t(id) < m_knownLabels.size() && m_knownLabels[size_t(id)])
            return;
        if (!m_workspace.m_labels.contains(id))
            throw WorkspaceError(QStringLiteral("import stopped: a record refers to label %1, "
                                                "which the workspace does not hold; nothing was "
                                                "imported")
                                     .arg(id));
        if (size_t(id) >= m_knownLabels.size())
            m_knownLabels.resize(size_t(id) + 1, false);
        m_knownLabels[size_t(id)] = true;
    };
    for (const qint64 id : row.labels)
        check(id);
    check(row.source);
}

qint64 Workspace::ImportTransaction::ridOfKey(quint64 k)
{
    if (m_ascending) {
        if (k > m_lastKey)
            return 0;
        if (!m_keys.empty() && k == m_keys.back().first)
            return m_keys.back().second;
        // Out of order: from now on the map answers, built from the keys kept so far.
        m_rids.reserve(m_keys.size() * 2);
        for (const auto &[key, rid] : m_keys)
            m_rids.emplace(key, rid);
        m_keys = {};
        m_ascending = false;
    }
    const auto found = m_rids.find(k);
    return found != m_rids.end() ? found->second : 0;
}

qint64 Workspace::ImportTransaction::insert(const StoredRecord &row)
{
    const quint64 k = key(row.label(LabelKind::Model), row.number);
    if (const qint64 existing = ridOfKey(k)) {
        flush(); // the caller reads the record it collides with, which may still be waiting
        return existing;
    }
    if (m_bulk) {
        checkLabels(row);
        // Keys that arrive in order (upstream files list a model's records by number) go to
        // the end of the id index, which costs less than building it again at commit; the
        // first key out of order drops the index, and commit builds it in one sort.
        if (k < m_lastKey && !m_indexDropped) {
            flush();
            try {
                m_workspace.m_db->exec("DROP INDEX record_by_id");
            } catch (const Sql::Error &error) {
                throw toWorkspaceError(error);
            }
            m_indexDropped = true;
        }
    }
    // The rid is given here, as SQLite would give it (the largest plus one), so that the id
    // map is right before the row reaches the table.
    const qint64 rid = m_nextRid++;
    if (m_ascending)
        m_keys.emplace_back(k, rid);
    else
        m_rids.emplace(k, rid);
    m_lastKey = k;
    m_pending.push_back(row);
    m_pending.back().rid = rid;
    if (m_columns && !m_columns->append(m_pending.back()))
        m_columns.reset();
    if (m_pending.size() == PendingRows)
        flush();
    return 0;
}

// One INSERT of PendingRows rows costs SQLite about what a few single-row ones do: the
// statement machinery, not the b-tree, was most of an import's writing time. A last, partial
// batch goes row by row.
void Workspace::ImportTransaction::flush()
{
    if (m_pending.empty())
        return;
    static const std::string many = [] {
        std::string sql = "INSERT INTO record(" RECORD_INSERT_COLUMNS ") VALUES";
        std::string row = "(?";
        for (int c = 1; c < RecordInsertColumnCount; ++c)
            row += ",?";
        row += ")";
        for (size_t r = 0; r < PendingRows; ++r)
            sql += (r == 0 ? "" : ",") + row;
        return sql;
    }();
    try {
        if (m_pending.size() == PendingRows) {
            if (!m_insertMany)
                m_insertMany = std::make_unique<Sql::Statement>(m_workspace.m_db->prepare(many.c_str()));
            int at = 1;
            for (const StoredRecord &row : m_pending)
                at = bindRecord(*m_insertMany, at, row);
            m_insertMany->runAndRebind();
        } else {
            for (const StoredRecord &row : m_pending)
                m_workspace.insertRecord(row, QString());
        }
    } catch (const Sql::Error &error) {
        m_pending.clear();
        throw toWorkspaceError(error);
    }
    m_pending.clear();
}

void Workspace::ImportTransaction::replace(qint64 rid, const StoredRecord &incoming,
                                           const QString &annotator, const QString &reason)
{
    flush(); // the record may still be waiting
    m_columns.reset(); // the snapshot would hold the value replaced
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
    flush();
    Sql::Database &db = *m_workspace.m_db;
    try {
        // Ids were checked in memory; should that have gone wrong, the unique index fails
        // and the whole import rolls back.
        if (m_indexDropped)
            db.exec("CREATE UNIQUE INDEX record_by_id ON record(model, number)");
        if (m_columns && qint64(m_columns->size()) >= IndexColumns::SnapshotFrom) {
            const QByteArray data = m_columns->encode();
            if (!data.isEmpty())
                m_workspace.writeIndexSnapshot(*m_columns, data);
        }
        m_transaction->commit();
    } catch (const Sql::Error &error) {
        throw toWorkspaceError(error);
    }
    m_committed = true;
    restoreConnection();
    m_workspace.m_labels.markCommitted();
    Q_EMIT m_workspace.recordsImported();
}

} // namespace Triage
