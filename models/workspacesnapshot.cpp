// The index snapshot (schema step 3): RecordIndex's columns kept in the workspace, so that a
// later open or `llmtriage stats` reads one blob instead of every record row.

#include "workspace.h"

#include "workspace_p.h"

#include "indexcolumns.h"
#include "sqlite/database.h"
#include "sqlite/statement.h"
#include "sqlite/transaction.h"

#include <sqlite3.h>

namespace Triage {

using namespace WorkspaceDetail;

namespace {

qint64 maxRidOf(const IndexColumns &columns)
{
    qint64 maxRid = 0;
    for (const qint64 rid : columns.rids)
        maxRid = std::max(maxRid, rid);
    return maxRid;
}

} // namespace

// The record count and the largest rid: what a snapshot is checked against. Two statements:
// a lone count(*) is SQLite's page-by-page count (5 ms at 1M records), a max(rid) one seek;
// asked together they read every row (55 ms).
std::pair<qint64, qint64> Workspace::currentShape()
{
    Sql::CachedStatement count = m_db->cached("SELECT count(*) FROM record");
    count->step();
    Sql::CachedStatement maxRid = m_db->cached("SELECT coalesce(max(rid), 0) FROM record");
    maxRid->step();
    return {count->int64(0), maxRid->int64(0)};
}

IndexColumns Workspace::indexColumns(bool *fromSnapshot)
{
    const auto [records, maxRid] = currentShape();
    m_indexColumnsVersion = dataVersion();
    {
        // Updates and deletes clear the mark (triggers); an insert changes the count.
        Sql::CachedStatement st = m_db->cached(
            "SELECT s.data FROM index_snapshot s JOIN index_snapshot_mark m ON m.id = s.id "
            "WHERE m.record_count = ?1 AND m.max_rid = ?2");
        st->bind(1, records).bind(2, maxRid);
        if (st->step()) {
            if (std::optional<IndexColumns> columns
                = IndexColumns::decode(st->blobView(0), quint64(records))) {
                if (fromSnapshot)
                    *fromSnapshot = true;
                return std::move(*columns);
            }
        }
    }
    if (fromSnapshot)
        *fromSnapshot = false;
    IndexColumns columns;
    columns.reserve(size_t(records));
    bool fits = true;
    scanRecords([&](const StoredRecord &row) {
        if (!columns.append(row))
            fits = false;
    });
    if (!fits)
        throw WorkspaceError(QStringLiteral("%1: a record has a number, issue or label id beyond "
                                            "32 bits, which llmtriage does not write; the file "
                                            "was changed by another program")
                                 .arg(path()));
    return columns;
}

bool Workspace::storeIndexColumns(const IndexColumns &columns)
{
    const QByteArray data = columns.encode();
    if (data.isEmpty() && !columns.rids.empty())
        return false;
    sqlite3 *handle = m_db->handle();
    // Only worth it when free: another writer holding the file is not waited for.
    sqlite3_busy_timeout(handle, 0);
    bool stored = false;
    try {
        Sql::Transaction transaction(*m_db);
        // Written only if nobody committed since the columns were read.
        if (currentShape() == std::make_pair(qint64(columns.size()), maxRidOf(columns)) && dataVersion() == m_indexColumnsVersion) {
            writeIndexSnapshot(columns, data);
            transaction.commit();
            stored = true;
        }
    } catch (const Sql::Error &) {
        // Busy, read-only or full: the next open reads the records again.
    }
    sqlite3_busy_timeout(handle, Sql::Database::BusyTimeoutMs);
    return stored;
}

void Workspace::writeIndexSnapshot(const IndexColumns &columns, const QByteArray &data)
{
    const qint64 count = qint64(columns.size());
    const qint64 maxRid = maxRidOf(columns);
    Sql::Statement blob = m_db->prepare(
        "INSERT OR REPLACE INTO index_snapshot(id, record_count, max_rid, data) "
        "VALUES(1, ?1, ?2, ?3)");
    blob.bind(1, count).bind(2, maxRid).bindBlob(3, data).run();
    Sql::Statement mark = m_db->prepare(
        "INSERT OR REPLACE INTO index_snapshot_mark(id, record_count, max_rid) VALUES(1, ?1, ?2)");
    mark.bind(1, count).bind(2, maxRid).run();
}

} // namespace Triage
