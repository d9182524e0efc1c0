#include "taxonomy.h"

#include "crosstab.h"
#include "labelpath.h"

#include <QHash>

#include <algorithm>
#include <map>

namespace Triage {

const TaxonomyNode *TaxonomyNode::child(const QString &childName) const
{
    for (const TaxonomyNode &c : children) {
        if (c.name == childName)
            return &c;
    }
    return nullptr;
}

namespace {

void sortTree(TaxonomyNode &node)
{
    std::sort(node.children.begin(), node.children.end(),
              [](const TaxonomyNode &a, const TaxonomyNode &b) {
                  return a.count != b.count ? a.count > b.count : a.name < b.name;
              });
    for (TaxonomyNode &c : node.children)
        sortTree(c);
}

// Collapses runs of white space and folds case: labels equal under this are near-duplicates.
QString normalised(const QString &label)
{
    return label.simplified().toCaseFolded();
}

bool hasIrregularWhitespace(const QString &part)
{
    return part != part.simplified();
}

} // namespace

TaxonomyNode buildTaxonomy(const RecordIndex &index, const RowSet &rows, Field field)
{
    TaxonomyNode root;
    root.name = fieldName(field);
    root.count = qint64(rows.size());
    const Crosstab leaves = Crosstab::compute(index, rows, {field, maxLevel(field)});
    for (int i = 0; i < leaves.rowCount(); ++i) {
        const QString &label = leaves.rowLabels()[i];
        const qint64 count = leaves.count(i, 0);
        TaxonomyNode *node = &root;
        const QStringList parts = LabelPath::parts(label);
        for (int level = 1; level <= int(parts.size()); ++level) {
            const QString &part = parts[level - 1];
            auto it = std::find_if(node->children.begin(), node->children.end(),
                                   [&](const TaxonomyNode &c) { return c.name == part; });
            if (it == node->children.end()) {
                node->children.push_back({part, LabelPath::cut(label, level), level, 0, {}});
                it = node->children.end() - 1;
            }
            it->count += count;
            node = &*it;
        }
    }
    sortTree(root);
    return root;
}

QString LintIssue::toString() const
{
    QStringList quotedLabels;
    for (qsizetype i = 0; i < labels.size(); ++i)
        quotedLabels.append(QStringLiteral("'%1' (%2)").arg(labels[i]).arg(counts.value(i)));
    switch (kind) {
    case Kind::NearDuplicate:
        return QStringLiteral("%1: near-duplicate labels, differing only in white space or case: %2")
            .arg(on.toString(), quotedLabels.join(QStringLiteral(", ")));
    case Kind::IrregularWhitespace:
        return QStringLiteral("%1: label with leading, trailing or doubled spaces: %2; "
                              "normalised it reads '%3'")
            .arg(on.toString(), quotedLabels.join(QStringLiteral(", ")),
                 LabelPath::parts(labels.value(0)).join(QStringLiteral(" - ")).simplified());
    case Kind::Singleton:
        return QStringLiteral("%1: label used by one record only: %2")
            .arg(on.toString(), quotedLabels.join(QStringLiteral(", ")));
    }
    return {};
}

namespace {

// Levenshtein distance, giving up (returning limit + 1) once every path exceeds `limit`.
int editDistance(const QString &a, const QString &b, int limit)
{
    if (std::abs(int(a.size() - b.size())) > limit)
        return limit + 1;
    std::vector<int> previous(size_t(b.size()) + 1);
    std::vector<int> current(size_t(b.size()) + 1);
    for (size_t j = 0; j < previous.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        int best = current[0];
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[size_t(j - 1)] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[size_t(j)] = std::min({previous[size_t(j)] + 1, current[size_t(j - 1)] + 1, substitution});
            best = std::min(best, current[size_t(j)]);
        }
        if (best > limit)
            return limit + 1;
        std::swap(previous, current);
    }
    return previous.back();
}

} // namespace

QStringList similarLabels(const QStringList &inUse, const QString &label)
{
    const QString wanted = normalised(label);
    QStringList similar;
    for (const QString &candidate : inUse) {
        if (candidate == label)
            continue;
        if (editDistance(normalised(candidate), wanted, 2) <= 2)
            similar.append(candidate);
    }
    return similar;
}

QVector<LintIssue> lintLabels(const RecordIndex &index)
{
    QVector<LintIssue> issues;
    const RowSet all = index.allRows();
    for (Field field : {Field::Symptom, Field::Cause, Field::Model, Field::Architecture,
                        Field::Status}) {
        for (int level = 1; level <= maxLevel(field); ++level) {
            const FieldLevel on{field, level};
            const Crosstab counts = Crosstab::compute(index, all, on);
            // Siblings: same parent path, last part equal once normalised.
            std::map<std::pair<QString, QString>, QVector<int>> groups;
            for (int i = 0; i < counts.rowCount(); ++i) {
                const QString &label = counts.rowLabels()[i];
                // Only symptom and cause are paths: a model is one value even with " - " in it.
                const QStringList parts
                    = maxLevel(field) > 1 ? LabelPath::parts(label) : QStringList{label};
                if (int(parts.size()) < level)
                    continue; // a shorter label, already seen at its own level
                const QString parent = level > 1 ? LabelPath::cut(label, level - 1) : QString();
                groups[{parent, normalised(parts.back())}].append(i);
                if (hasIrregularWhitespace(parts.back()))
                    issues.append({LintIssue::Kind::IrregularWhitespace, on, {label},
                                   {counts.count(i, 0)}});
            }
            for (const auto &[key, members] : groups) {
                if (members.size() < 2)
                    continue;
                LintIssue issue{LintIssue::Kind::NearDuplicate, on, {}, {}};
                for (int i : members) {
                    issue.labels.append(counts.rowLabels()[i]);
                    issue.counts.append(counts.count(i, 0));
                }
                issues.append(issue);
            }
            if (level == maxLevel(field)) {
                for (int i = 0; i < counts.rowCount(); ++i) {
                    if (counts.count(i, 0) == 1)
                        issues.append({LintIssue::Kind::Singleton, on, {counts.rowLabels()[i]}, {1}});
                }
            }
        }
    }
    return issues;
}

} // namespace Triage
