#pragma once

#include "record.h"

#include <QByteArray>
#include <QByteArrayView>

#include <array>
#include <optional>
#include <vector>

namespace Triage {

struct StoredRecord;

// The records as RecordIndex needs them, one array per column, labels as label-table ids:
// what a scan of the record table gives, and what the workspace keeps as a snapshot so that
// opening a large workspace reads one blob instead of a million rows (Workspace::indexColumns).
struct IndexColumns
{
    // Workspaces of at least this many records keep a snapshot: below it, reading the records
    // takes a few milliseconds anyway.
    static constexpr qint64 SnapshotFrom = 50000;

    std::vector<qint64> rids;
    std::vector<quint32> numbers;
    std::vector<quint32> issues;
    std::array<std::vector<quint32>, RecordLabelCount> labels; // by LabelKind, Model .. Repo
    std::vector<quint32> updatedBy; // 0: never edited

    size_t size() const { return rids.size(); }
    void reserve(size_t rows);
    // Appends one row; false when a value does not fit the columns (a label id or number
    // beyond 32 bits), and the columns then cannot stand for the records.
    bool append(const StoredRecord &row);

    // A compact, versioned byte form: each column as narrow as its largest value needs, rids
    // that run 1, 2, 3... as their first value alone. About 20 bytes a record for the paper's
    // taxonomy, against 48 in memory.
    QByteArray encode() const;
    // The columns of encode()'s bytes; nothing when they are not a snapshot of this format
    // (another version, truncated, damaged) or not of `expectedRows` rows.
    static std::optional<IndexColumns> decode(QByteArrayView bytes, quint64 expectedRows);
};

} // namespace Triage
