#pragma once

#include "facetcombinations.h"
#include "field.h"
#include "indexcolumns.h"
#include "labelcolumn.h"
#include "ridcolumn.h"

#include <QHash>
#include <QString>
#include <QVector>

#include <optional>
#include <vector>

namespace Triage {

class Workspace;
struct AppliedEdit;
enum class EditField;

// Row numbers into a RecordIndex, in increasing order.
using RowSet = std::vector<quint32>;

// The records in memory, column by column: a small integer code per record for every field,
// with a dictionary per column and level views (see LabelColumn). Filters, counts, charts and
// the table read this, never SQL. Built from the store on open; an edit updates it in place.
class RecordIndex
{
public:
    RecordIndex();

    // A workspace of at least `snapshotFrom` records read from its rows keeps the columns as
    // a snapshot for the next open (IndexColumns).
    void build(Workspace &workspace, qint64 snapshotFrom = IndexColumns::SnapshotFrom);
    // Whether the last build() read the workspace's snapshot rather than its records.
    bool builtFromSnapshot() const { return m_fromSnapshot; }
    // Applies committed edits (Workspace::recordsChanged) to the codes in place.
    void applyEdits(const QVector<AppliedEdit> &edits);
    // What a record holds in a field an edit can change (its note: empty when it has none);
    // nullopt for a record not in the index.
    std::optional<QString> editableValue(qint64 rid, EditField field) const;

    int size() const { return int(m_rids.size()); }
    RowSet allRows() const;

    // A field's column: the repository column stands for series, whose level 1 is the series.
    const LabelColumn &column(Field field) const;
    const LabelColumn &editors() const { return m_editor; }
    // Which combination of facet values each record holds, for FacetCounts: built on request
    // (20 ms at a million records, which a command line answer does not need), kept up to
    // date by applyEdits() from then on, and dropped by build(), or when the records hold
    // more than FacetCombinations::Limit of them.
    void buildCombinations();
    bool hasCombinations() const { return m_combinations.rowCount() == m_rids.size() && !m_rids.empty(); }
    const FacetCombinations &combinations() const { return m_combinations; }

    // The codes of a field at a level, read as level(row).
    struct LevelView
    {
        const std::vector<quint32> &codes;
        const std::vector<quint32> &map;
        const QStringList &labels;
        quint32 operator()(quint32 row) const { return map[codes[row]]; }
    };
    LevelView view(FieldLevel fieldLevel) const;
    // The labels at the field's deepest level that some record has now, in natural order
    // (case-insensitive, numbers by value): the taxonomy as the data has it.
    QStringList labelsInUse(Field field) const;
    // Whether some record has this value (a whole label, not a level) now.
    bool isInUse(Field field, const QString &label) const;
    QString text(FieldLevel fieldLevel, quint32 row) const;

    qint64 rid(quint32 row) const { return m_rids[row]; }
    std::optional<quint32> rowOf(qint64 rid) const;
    qint64 number(quint32 row) const { return m_numbers[row]; }
    qint64 issue(quint32 row) const { return m_issues[row]; }
    QString id(quint32 row) const;
    QString link(quint32 row) const;
    QString repo(quint32 row) const;
    QString note(quint32 row) const;
    const QHash<qint64, QString> &notes() const { return m_notes; }

private:
    void buildFrom(Workspace &workspace, IndexColumns columns);
    LabelColumn &mutableColumn(Field field);

    RidColumn m_rids;
    std::vector<quint32> m_numbers;
    std::vector<quint32> m_issues;
    LabelColumn m_symptom;
    LabelColumn m_cause;
    LabelColumn m_stage;
    LabelColumn m_model;
    LabelColumn m_architecture;
    LabelColumn m_status;
    LabelColumn m_repo; // level 1: the series
    LabelColumn m_editor;
    FacetCombinations m_combinations;
    QHash<qint64, QString> m_notes; // by rid; few records have one
    bool m_fromSnapshot = false;
};

} // namespace Triage
