#pragma once

#include "indexcolumns.h"
#include "labeltable.h"
#include "record.h"
#include "workspaceerror.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QVector>

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

namespace Triage {

namespace Sql {
class Database;
class Statement;
class Transaction;
} // namespace Sql

// A record row as the store keeps it: labels as ids into the LabelTable.
struct StoredRecord
{
    qint64 rid = 0;
    std::array<qint64, RecordLabelCount> labels{}; // by LabelKind, Model .. Repo
    qint64 number = 0;
    qint64 issue = 0;
    qint64 source = 0;
    std::string extra; // JSON object text, empty for none
    qint64 updatedBy = 0;

    qint64 label(LabelKind kind) const { return labels[size_t(kind)]; }
};

struct HistoryEntry
{
    qint64 seq = 0;
    qint64 rid = 0;
    QString recordId;
    QString field;
    QString oldValue;
    QString newValue;
    QString annotator;
    QString at;
    QString reason;
    qint64 batch = 0;
};

// Which history rows to read: optionally one record's, one annotator's, one field's; only
// rows after or before a seq; newest first or oldest first; at most `limit` (0: all).
struct HistoryQuery
{
    std::optional<qint64> rid;
    QString annotator;
    QString field;
    qint64 afterSeq = 0;
    qint64 beforeSeq = 0; // 0: no bound
    bool newestFirst = false;
    int limit = 0;
};

struct QuarantineEntry
{
    qint64 seq = 0;
    QString source;
    int line = 0;
    int column = 0;
    QString reason;
    QString raw;
    QString conflictsWith; // the id of the record it collides with, for a conflict
    QString at;
    // How the entry was resolved; empty while held. The members below have initialisers so
    // that the importer's brace-initialised entries need not name them.
    QString resolution{}; // "accepted" or "discarded"
    QString resolvedAt{};
    QString resolvedBy{};
    qint64 acceptedRid = 0; // the record an accepted entry became

    bool isHeld() const { return resolution.isEmpty(); }
};

// Which quarantine entries to list.
enum class QuarantineScope { Held, Resolved, All };

// What an annotator can change on a record.
enum class EditField { Symptom, Cause, Stage, Note };
QString editFieldName(EditField field);
std::optional<EditField> editFieldFromName(QStringView name);

struct Edit
{
    Edit() = default;
    Edit(qint64 rid, EditField field, QString value, std::optional<QString> expected = std::nullopt)
        : rid(rid)
        , field(field)
        , value(std::move(value))
        , expected(std::move(expected))
    {
    }

    qint64 rid = 0;
    EditField field = EditField::Symptom;
    QString value;
    // What the editor saw before the change. When given and the store holds something else
    // (another window or the command line changed it meanwhile), the whole set is refused with
    // EditConflicted instead of silently writing over that change.
    std::optional<QString> expected;
};

// Edits applied together: one transaction, one batch in the history.
struct EditSet
{
    QVector<Edit> edits;
    QString annotator;
    QString reason;
    // A symptom or cause no record has yet starts a new branch of the taxonomy; that takes an
    // explicit "new label" from the user, so a typo does not.
    bool allowNewLabels = false;
};

struct AppliedEdit
{
    qint64 rid = 0;
    EditField field = EditField::Symptom;
    QString oldValue;
    QString newValue;
    QString annotator;
    qint64 seq = 0; // the history row it wrote
};

// The durable truth: one SQLite file (WAL, foreign keys, versioned schema) holding records,
// their label history, notes, quarantined input and metadata. All SQL of the project lives
// here and in LabelTable. Reads for filters and charts go to RecordIndex, not here.
class Workspace : public QObject
{
    Q_OBJECT

public:
    enum class OpenMode { OpenExisting, CreateIfMissing };

    // Throws WorkspaceError when the file cannot be opened, is not a workspace, or was
    // written by a newer schema; the file is then left untouched.
    static std::unique_ptr<Workspace> open(const QString &path, OpenMode mode);
    ~Workspace() override;

    QString path() const;
    Sql::Database &database() { return *m_db; }
    LabelTable &labels() { return m_labels; }
    const LabelTable &labels() const { return m_labels; }

    qint64 recordCount();
    std::optional<qint64> ridOf(const QString &id);
    std::optional<Record> record(qint64 rid);
    StoredRecord storedRecord(qint64 rid);
    Record decode(const StoredRecord &stored);
    // Every record, grouped by source file and in import order within each.
    void forEachRecord(const std::function<void(const Record &)> &visit);
    // Every record's coded row in rid order: what RecordIndex is built from.
    void scanRecords(const std::function<void(const StoredRecord &)> &visit);
    // Runs `reads` in one read transaction with the label table brought up to date, so that
    // several reads (count, scan, notes) see one consistent state of the file.
    void readSnapshot(const std::function<void()> &reads);
    // Every record's columns for RecordIndex, inside readSnapshot(): read from the index
    // snapshot when it still stands for the records, else by scanRecords(). `fromSnapshot`
    // says which. Throws WorkspaceError when a row does not fit the index (a foreign edit).
    IndexColumns indexColumns(bool *fromSnapshot = nullptr);
    // Keeps `columns`, as indexColumns() just read them, for the next open. Best effort: false
    // when the file is busy, read-only or full, or when it changed since they were read.
    bool storeIndexColumns(const IndexColumns &columns);

    // True when some record has this symptom, cause or stage now.
    bool isLabelInUse(LabelKind kind, const QString &text);

    // Applies the edits in one transaction with a history row per changed value, and returns
    // what changed (edits that change nothing are left out). Labels are checked by the import
    // rules; a stage spelling is normalised. Changes nothing and throws EditRejected when an
    // edit breaks a rule, WorkspaceError when the file cannot be written.
    QVector<AppliedEdit> apply(const EditSet &edits);
    // Makes a running apply() on this connection stop and roll back, throwing EditRejected
    // (Cancelled). Safe from another thread: for a connection opened only for one edit on a
    // worker thread, which is not used again afterwards.
    void requestCancel() { m_cancelRequested = true; }
    bool isCancelRequested() const { return m_cancelRequested; }

    // The whole history of the workspace or of one record, oldest first.
    QVector<HistoryEntry> history(std::optional<qint64> rid = std::nullopt);
    // The seq of the newest history row (0 for none), and the largest record key: with
    // dataVersion() what a window compares to notice another connection's writes.
    qint64 newestHistorySeq();
    qint64 largestRid();
    // SQLite's data_version: it changes when another connection commits to the file.
    qint64 dataVersion();
    // A page of it, for a view that shows a long history a screenful at a time.
    QVector<HistoryEntry> history(const HistoryQuery &query);
    // Who and what the history names, in the record's history or the workspace's.
    // Only rows after `afterSeq` when it is given: what a batch just added, without reading
    // the whole history again.
    QStringList historyAnnotators(std::optional<qint64> rid = std::nullopt, qint64 afterSeq = 0);
    QStringList historyFields(std::optional<qint64> rid = std::nullopt, qint64 afterSeq = 0);
    // Held entries by default: what still waits for a decision.
    QVector<QuarantineEntry> quarantine(QuarantineScope scope = QuarantineScope::Held);
    // Lets a held entry in: `fixedJson` (its raw text, possibly edited) must be one record
    // object that passes the import rules and whose id is not in the workspace yet. In one
    // transaction it inserts the record, marks the entry accepted by `annotator` and writes a
    // history row for the new record; returns the new record's rid. Throws EditRejected with
    // nothing changed when the text breaks a rule, the id exists, the entry is unknown or
    // already resolved, or the annotator's name is unusable; WorkspaceError when the file
    // cannot be written.
    qint64 acceptQuarantined(qint64 seq, const QString &fixedJson, const QString &annotator);
    // Marks a held entry discarded by `annotator`; the row and its text stay in the file.
    // Throws like acceptQuarantined().
    void discardQuarantined(qint64 seq, const QString &annotator);
    QString note(qint64 rid);
    QHash<qint64, QString> notes();

    // Writes a consistent copy of the workspace to `path` (VACUUM INTO), replacing a file
    // there only once the copy is complete; never the workspace itself. Throws WorkspaceError.
    void saveCopy(const QString &path);

    QString meta(const QString &key);
    void setMeta(const QString &key, const QString &value);

    // The import's single transaction: rows go in through it and become visible on commit().
    // It knows every record id in the workspace (read once under the write lock), so a
    // collision is found without asking SQLite; for a large import into a smaller workspace
    // it drops the id index and builds it again at commit, one sort instead of a million
    // index inserts.
    class ImportTransaction
    {
    public:
        ImportTransaction(Workspace &workspace, qint64 expectedRecords = 0);
        ~ImportTransaction();
        // Inserts the row and returns 0, or returns the rid of the record that already has its id.
        qint64 insert(const StoredRecord &row);
        // Overwrites the record's values, writing a history row for every changed field.
        void replace(qint64 rid, const StoredRecord &incoming, const QString &annotator,
                     const QString &reason);
        void quarantine(const QuarantineEntry &entry);
        void commit();

    private:
        static quint64 key(qint64 model, qint64 number) { return quint64(model) << 32 | quint64(number); }
        // Back to how the connection runs outside an import: foreign keys, cache, WAL.
        void restoreConnection();
        void checkLabels(const StoredRecord &row);
        // New records wait here and go to SQLite many to a statement (see flush()).
        static constexpr size_t PendingRows = 256;
        void flush();

        Workspace &m_workspace;
        std::unique_ptr<Sql::Transaction> m_transaction;
        // The rid of every id in the workspace, for collisions: while the workspace was empty
        // at the start and new keys keep ascending, a plain list of them (a repeat can only be
        // the last one), else a map. A million map nodes cost a large import a tenth.
        qint64 ridOfKey(quint64 k);
        bool m_ascending = false;
        std::vector<std::pair<quint64, qint64>> m_keys; // key -> rid, ascending
        std::unordered_map<quint64, qint64> m_rids; // key(model, number) -> rid
        std::vector<StoredRecord> m_pending; // with their rids given
        qint64 m_nextRid = 1;
        QString m_at;
        bool m_bulk = false;
        bool m_indexDropped = false;
        bool m_rollbackJournal = false; // see the constructor
        quint64 m_lastKey = 0;
        std::vector<bool> m_knownLabels; // by label id: seen in the label table
        std::optional<IndexColumns> m_columns; // the records, for the index snapshot
        std::unique_ptr<Sql::Statement> m_insertMany; // PendingRows rows, every value bound
        bool m_committed = false;
    };

    static QString now();

Q_SIGNALS:
    // After apply(): the records whose labels or notes changed.
    void recordsChanged(const QVector<AppliedEdit> &edits);
    // After an import committed new or replaced records.
    void recordsImported();

private:
    explicit Workspace(std::unique_ptr<Sql::Database> db);
    // Runs `work` in one write transaction with the label table brought up to date first; on
    // any failure the transaction rolls back, the labels it added are forgotten and the error
    // leaves as WorkspaceError (or as the EditRejected `work` threw).
    void writeTransaction(const std::function<void()> &work);
    QStringList distinctInHistory(const char *column, std::optional<qint64> rid, qint64 afterSeq);
    // Returns the row's seq.
    qint64 writeHistory(qint64 rid, const QString &field, const QString &oldValue,
                        const QString &newValue, const QString &annotator, const QString &at,
                        const QString &reason, qint64 *batch);
    // An edit whose `expected` the store no longer holds is not written: it is added to
    // `conflicts` and comes back unchanged (old value = new value).
    AppliedEdit applyOne(const Edit &edit, const QString &value, const EditSet &set,
                         const QString &at, qint64 *batch, QVector<ConflictingEdit> *conflicts);
    ConflictingEdit conflictOf(const Edit &edit, const QString &current, const QString &wanted);
    QString validatedValue(const Edit &edit, const EditSet &set);
    qint64 insertRecord(const StoredRecord &row, const QString &updatedAt);
    QuarantineEntry heldEntry(qint64 seq);
    void writeIndexSnapshot(const IndexColumns &columns, const QByteArray &data);
    std::pair<qint64, qint64> currentShape();
    QString acceptedSource(const QString &entrySource) const;
    void resolveQuarantined(qint64 seq, const QString &resolution, const QString &at,
                            const QString &annotator, qint64 acceptedRid);

    std::unique_ptr<Sql::Database> m_db;
    LabelTable m_labels;
    qint64 m_indexColumnsVersion = -1; // data_version when indexColumns() read them
    std::atomic<bool> m_cancelRequested{false};
};

} // namespace Triage
