#include "findings.h"

#include <cmath>

namespace Triage {

namespace {

const FieldLevel SymptomCategory{Field::Symptom, 1};
const FieldLevel CauseCategory{Field::Cause, 1};

TopLabel topOfRow(const Crosstab &table, int row)
{
    TopLabel top{table.rowLabels()[row], QString(), 0, 0};
    // Columns are ordered by total, so on a tie the overall more frequent label wins.
    for (int j = 0; j < table.columnCount(); ++j) {
        if (table.count(row, j) > top.count) {
            top.count = table.count(row, j);
            top.label = table.columnLabels()[j];
        }
    }
    top.share = Statistics::share(double(top.count), double(table.rowTotal(row)));
    return top;
}

TopLabel topOfRow(const Crosstab &table, const QString &rowLabel)
{
    const int row = table.rowOf(rowLabel);
    return row < 0 ? TopLabel{rowLabel, QString(), 0, 0} : topOfRow(table, row);
}

FindingCheck significance(const Statistics::ChiSquare &test, const QString &what, double alpha)
{
    return {QStringLiteral("%1 are not independent: chi-squared p < %2 (p = %3)")
                .arg(what)
                .arg(alpha)
                .arg(std::isnan(test.p) ? QStringLiteral("n/a") : QString::number(test.p, 'g', 3)),
            !std::isnan(test.p) && test.p < alpha};
}

FindingCheck isTop(const TopLabel &top, const QString &expected, const QString &subject)
{
    return {QStringLiteral("the most frequent cause category of %1 is %2 (now: %3, %4 of %1)")
                .arg(subject, expected, top.label.isEmpty() ? QStringLiteral("none") : top.label,
                     Statistics::formatShare(top.share)),
            top.label == expected};
}

Crosstab seriesTable(const RecordIndex &index, const RowSet &rows, FieldLevel category)
{
    return Crosstab::compute(index, rows, {Field::Series, 1}, category);
}

FindingCheck minimumPearson(const std::vector<std::vector<double>> &matrix,
                            const QStringList &series, const QString &over, double threshold)
{
    double lowest = 0;
    QString pair;
    bool defined = matrix.size() >= 2;
    for (size_t a = 0; a < matrix.size(); ++a) {
        for (size_t b = a + 1; b < matrix.size(); ++b) {
            const double r = matrix[a][b];
            if (std::isnan(r)) {
                defined = false; // a series with no variance: no correlation to speak of
            } else if (pair.isEmpty() || r < lowest) {
                lowest = r;
                pair = series[qsizetype(a)] + QLatin1Char('-') + series[qsizetype(b)];
            }
        }
    }
    const QString now = pair.isEmpty() ? QStringLiteral("lowest: n/a, fewer than two series")
                                       : QStringLiteral("lowest: %1 at %2").arg(QString::number(lowest, 'f', 3), pair);
    return {QStringLiteral("every pair of series correlates over %1 with Pearson r >= %2 (%3)")
                .arg(over)
                .arg(threshold)
                .arg(now),
            defined && lowest >= threshold};
}

DivergenceFinding computeDivergence(const RecordIndex &index, const RowSet &rows, const FindingRules &rules)
{
    DivergenceFinding f;
    f.table = Crosstab::compute(index, rows, SymptomCategory, CauseCategory);
    f.test = Statistics::chiSquare(f.table);
    for (int i = 0; i < f.table.rowCount(); ++i)
        f.topCauses.append(topOfRow(f.table, i));

    f.tokenizerTopSymptom = TopLabel{rules.tokenizer, QString(), 0, 0};
    if (const int column = f.table.columnOf(rules.tokenizer); column >= 0) {
        for (int i = 0; i < f.table.rowCount(); ++i) {
            if (f.table.count(i, column) > f.tokenizerTopSymptom.count) {
                f.tokenizerTopSymptom.count = f.table.count(i, column);
                f.tokenizerTopSymptom.label = f.table.rowLabels()[i];
            }
        }
        f.tokenizerTopSymptom.share = Statistics::share(double(f.tokenizerTopSymptom.count),
                                                        double(f.table.columnTotal(column)));
    }
    f.checks.append(significance(f.test, QStringLiteral("symptom and cause categories"), rules.alpha));
    f.checks.append(isTop(topOfRow(f.table, rules.crash), rules.environment, rules.crash));
    f.checks.append(
        {QStringLiteral("%1 causes show most often as %2 (now: %3, %4 of them)")
             .arg(rules.tokenizer, rules.wrongOutput,
                  f.tokenizerTopSymptom.label.isEmpty() ? QStringLiteral("none")
                                                        : f.tokenizerTopSymptom.label,
                  Statistics::formatShare(f.tokenizerTopSymptom.share)),
         f.tokenizerTopSymptom.label == rules.wrongOutput});
    return f;
}

HomogeneityFinding computeHomogeneity(const RecordIndex &index, const RowSet &rows, const FindingRules &rules)
{
    HomogeneityFinding f;
    Crosstab symptoms = seriesTable(index, rows, SymptomCategory);
    Crosstab causes = seriesTable(index, rows, CauseCategory);
    f.series = symptoms.rowLabels();
    f.series.sort();
    // Re-order both tables' rows to the sorted series.
    const auto reorder = [&](const Crosstab &table) {
        std::vector<std::vector<double>> ordered;
        for (const QString &s : std::as_const(f.series))
            ordered.push_back(table.rowVector(table.rowOf(s)));
        return ordered;
    };
    const auto matrixOf = [](const std::vector<std::vector<double>> &vectors) {
        std::vector<std::vector<double>> m(vectors.size(), std::vector<double>(vectors.size(), 1.0));
        for (size_t a = 0; a < vectors.size(); ++a) {
            for (size_t b = 0; b < vectors.size(); ++b) {
                if (a != b)
                    m[a][b] = Statistics::pearson(vectors[a], vectors[b]);
            }
        }
        return m;
    };
    f.symptomPearson = matrixOf(reorder(symptoms));
    f.causePearson = matrixOf(reorder(causes));
    for (const QString &s : std::as_const(f.series))
        f.topCauses.append(topOfRow(causes, s));

    f.checks.append({QStringLiteral("at least two series are present (now: %1)").arg(f.series.size()),
                     f.series.size() >= 2});
    f.checks.append(minimumPearson(f.symptomPearson, f.series, QStringLiteral("symptom categories"),
                                   rules.minPearson));
    f.checks.append(minimumPearson(f.causePearson, f.series, QStringLiteral("cause categories"),
                                   rules.minPearson));
    QStringList tops;
    bool same = !f.topCauses.isEmpty();
    for (const TopLabel &top : std::as_const(f.topCauses)) {
        tops.append(top.of + QStringLiteral(": ") + top.label);
        same = same && top.label == f.topCauses.front().label;
    }
    f.checks.append({QStringLiteral("every series has the same most frequent cause category (now: %1)")
                         .arg(tops.join(QStringLiteral("; "))),
                     same});
    return f;
}

EscalationFinding computeEscalation(const RecordIndex &index, const RowSet &rows, const FindingRules &rules)
{
    EscalationFinding f;
    f.table = Crosstab::compute(index, rows, {Field::Stage, 1}, CauseCategory);
    f.test = Statistics::chiSquare(f.table);
    for (int i = 0; i < f.table.rowCount(); ++i)
        f.topCauses.append(topOfRow(f.table, i));
    f.checks.append(significance(f.test, QStringLiteral("stage and cause category"), rules.alpha));
    f.checks.append(isTop(topOfRow(f.table, rules.fineTuning), rules.configuration, rules.fineTuning));
    f.checks.append(isTop(topOfRow(f.table, rules.inference), rules.environment, rules.inference));
    return f;
}

} // namespace

bool holds(const QVector<FindingCheck> &checks)
{
    for (const FindingCheck &check : checks) {
        if (!check.passed)
            return false;
    }
    return !checks.isEmpty();
}

HomogeneityFinding Findings::computeHomogeneity(const RecordIndex &index, const RowSet &rows, const FindingRules &rules)
{
    return Triage::computeHomogeneity(index, rows, rules);
}

Findings Findings::compute(const RecordIndex &index, const RowSet &rows, const FindingRules &rules)
{
    return {computeDivergence(index, rows, rules), computeHomogeneity(index, rows, rules),
            computeEscalation(index, rows, rules)};
}

} // namespace Triage
