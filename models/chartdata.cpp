#include "chartdata.h"

#include "findings.h"
#include "labelpath.h"

#include <algorithm>

namespace Triage {

QVector<FacetValue> BarChartData::filterFor(int set, int group) const
{
    QVector<FacetValue> values{groups.value(group).value};
    const FacetValue setValue = setValues.value(set);
    if (!setValue.value.isEmpty())
        values.append(setValue);
    return values;
}

double BarChartData::share(int set, int group) const
{
    return Statistics::share(double(groups.value(group).counts.value(set)), double(setTotals.value(set)));
}

double HeatMapData::rowTotal(int row) const
{
    double sum = 0;
    for (double v : values[size_t(row)])
        sum += v;
    return sum;
}

QVector<FacetValue> HeatMapData::filterFor(int row, int column) const
{
    if (isCorrelation)
        return {};
    return {rowValues.value(row), columnValues.value(column)};
}

QVector<VersionPair> versionPairs()
{
    return {{QStringLiteral("Qwen"), QStringLiteral("Qwen2.5")},
            {QStringLiteral("llama"), QStringLiteral("llama3")},
            {QStringLiteral("DeepSeek-V3"), QStringLiteral("DeepSeek-R1")}};
}

namespace ChartData {

namespace {

// Bars from a crosstab: its rows are the groups, its columns the sets (in `sets` order when
// given, so the series or stages always stand in the same place).
BarChartData fromCrosstab(const Crosstab &table, FieldLevel groupField, FieldLevel setField,
                          const QStringList &sets)
{
    BarChartData data;
    data.sets = sets;
    for (const QString &set : sets) {
        data.setValues.append({setField.field, setField.level, set});
        const int column = table.columnOf(set);
        data.setTotals.append(column < 0 ? 0 : table.columnTotal(column));
    }
    for (int i = 0; i < table.rowCount(); ++i) {
        BarGroup group{table.rowLabels()[i], table.rowLabels()[i],
                       {groupField.field, groupField.level, table.rowLabels()[i]}, {}};
        for (const QString &set : sets) {
            const int column = table.columnOf(set);
            group.counts.append(column < 0 ? 0 : table.count(i, column));
        }
        data.groups.append(group);
    }
    data.total = table.total();
    return data;
}

QStringList sortedColumns(const Crosstab &table)
{
    QStringList columns = table.columnLabels();
    columns.sort();
    return columns;
}

} // namespace

BarChartData labelBars(const RecordIndex &index, const RowSet &rows, Field field, int level,
                       const QString &parent)
{
    RowSet under;
    if (parent.isEmpty()) {
        under = rows;
    } else {
        const RecordIndex::LevelView view = index.view({field, level - 1});
        for (quint32 row : rows) {
            if (view.labels[qsizetype(view(row))] == parent)
                under.push_back(row);
        }
    }
    const Crosstab table = Crosstab::compute(index, under, {field, level});
    BarChartData data;
    data.sets = {fieldTitle(field)};
    data.setValues = {FacetValue{field, level, QString()}};
    data.setTotals = {qint64(under.size())};
    data.total = qint64(under.size());
    for (int i = 0; i < table.rowCount(); ++i) {
        const QString &label = table.rowLabels()[i];
        if (LabelPath::depth(label) < level)
            continue; // "Crash - Assertion Failure" at level 3: no manifestation below it
        data.groups.append({label, LabelPath::parts(label).value(level - 1), {field, level, label}, {table.count(i, 0)}});
    }
    return data;
}

HeatMapData divergence(const RecordIndex &index, const RowSet &rows)
{
    const Crosstab table = Crosstab::compute(index, rows, {Field::Symptom, 1}, FieldLevel{Field::Cause, 1});
    HeatMapData data;
    data.rows = table.rowLabels();
    data.columns = table.columnLabels();
    for (const QString &row : data.rows)
        data.rowValues.append({Field::Symptom, 1, row});
    for (const QString &column : data.columns)
        data.columnValues.append({Field::Cause, 1, column});
    for (int i = 0; i < table.rowCount(); ++i)
        data.values.push_back(table.rowVector(i));
    return data;
}

BarChartData seriesShares(const RecordIndex &index, const RowSet &rows, Field category)
{
    const Crosstab table = Crosstab::compute(index, rows, {category, 1}, FieldLevel{Field::Series, 1});
    return fromCrosstab(table, {category, 1}, {Field::Series, 1}, sortedColumns(table));
}

HeatMapData seriesCorrelation(const RecordIndex &index, const RowSet &rows, Field category)
{
    return seriesCorrelation(Findings::computeHomogeneity(index, rows), category);
}

// The same matrix the homogeneity finding judges, so the picture and the rule agree.
HeatMapData seriesCorrelation(const HomogeneityFinding &h, Field category)
{
    HeatMapData data;
    data.rows = h.series;
    data.columns = h.series;
    data.values = category == Field::Symptom ? h.symptomPearson : h.causePearson;
    data.isCorrelation = true;
    return data;
}

BarChartData stageShares(const RecordIndex &index, const RowSet &rows, Field category)
{
    const Crosstab table = Crosstab::compute(index, rows, {category, 1}, FieldLevel{Field::Stage, 1});
    return fromCrosstab(table, {category, 1}, {Field::Stage, 1},
                        {QStringLiteral("Fine-tuning"), QStringLiteral("Inference")});
}

BarChartData evolution(const RecordIndex &index, const RowSet &rows, const VersionPair &pair)
{
    RowSet both;
    const RecordIndex::LevelView model = index.view({Field::Model, 1});
    for (quint32 row : rows) {
        const QString &name = model.labels[qsizetype(model(row))];
        if (name == pair.older || name == pair.newer)
            both.push_back(row);
    }
    const Crosstab table = Crosstab::compute(index, both, {Field::Cause, 1}, FieldLevel{Field::Model, 1});
    const BarChartData pairData = fromCrosstab(table, {Field::Cause, 1}, {Field::Model, 1}, {pair.older, pair.newer});
    // The pairs stand side by side, so every pair lists every cause category in one order (that
    // of all the filtered records), zeros included: the eye reads across at the same height.
    const Crosstab overall = Crosstab::compute(index, rows, {Field::Cause, 1});
    BarChartData data = pairData;
    data.groups.clear();
    for (const QString &label : overall.rowLabels()) {
        auto found = std::find_if(pairData.groups.begin(), pairData.groups.end(),
                                  [&](const BarGroup &g) { return g.label == label; });
        data.groups.append(found != pairData.groups.end()
                               ? *found
                               : BarGroup{label, label, {Field::Cause, 1, label}, {0, 0}});
    }
    return data;
}

} // namespace ChartData
} // namespace Triage
