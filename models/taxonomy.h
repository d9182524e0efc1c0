#pragma once

#include "field.h"
#include "recordindex.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <vector>

namespace Triage {

// A node of the symptom or cause tree: a label part, its full path, and how many records fall
// under it. Children are ordered by count, largest first.
struct TaxonomyNode
{
    QString name;
    QString path;
    int level = 0; // 0 for the root
    qint64 count = 0;
    std::vector<TaxonomyNode> children;

    const TaxonomyNode *child(const QString &name) const;
};

// The tree of a label field (symptom: 3 levels, cause: 2) as the data has it, over some rows.
TaxonomyNode buildTaxonomy(const RecordIndex &index, const RowSet &rows, Field field);

// What a careful annotator would want to know about the labels in use.
struct LintIssue
{
    enum class Kind {
        NearDuplicate,       // sibling labels that differ only in whitespace or case
        IrregularWhitespace, // a part with leading, trailing or doubled spaces
        Singleton            // a label only one record uses
    };
    Kind kind = Kind::Singleton;
    FieldLevel on;
    QStringList labels;
    QVector<qint64> counts;

    QString toString() const;
};

QVector<LintIssue> lintLabels(const RecordIndex &index);

// Labels in use that a new label is probably a misspelling of: equal once white space and case
// are folded, or at most two letters apart (an edit distance of 2). For "New label…".
QStringList similarLabels(const QStringList &inUse, const QString &label);

} // namespace Triage
