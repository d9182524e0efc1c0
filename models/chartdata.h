#pragma once

#include "activefilter.h"
#include "crosstab.h"
#include "recordindex.h"
#include "statistics.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace Triage {

struct HomogeneityFinding;

// One group of bars: a category (or subcategory...) with a count per set of bars.
struct BarGroup
{
    QString label;          // full text; views elide it and show it whole in the tooltip
    QString text;           // what the axis shows (the last part below a drilled-down level)
    FacetValue value;       // what a click on the group filters by
    QVector<qint64> counts; // one per set
};

// What a bar chart shows, computed from the index over the rows the filter selects: groups
// (categories) of bars, one bar per set (the series, the stages, two versions of a model...).
// With one set and no set filter it is a plain bar chart.
struct BarChartData
{
    QStringList sets;              // names of the sets, in the order the bars stand
    QVector<FacetValue> setValues; // what each set filters by (empty value: no filter)
    QVector<BarGroup> groups;      // largest first
    QVector<qint64> setTotals;     // records per set, for shares
    qint64 total = 0;

    // The filter a click on bar (set, group) means.
    QVector<FacetValue> filterFor(int set, int group) const;
    double share(int set, int group) const;
};

// What a heat map shows: a count per cell with its row share, rows and columns ordered by total.
struct HeatMapData
{
    QStringList rows;
    QStringList columns;
    QVector<FacetValue> rowValues;
    QVector<FacetValue> columnValues;
    std::vector<std::vector<double>> values; // counts, or correlations for a matrix of series
    bool isCorrelation = false;               // values in [-1, 1], no filter behind a cell

    double rowTotal(int row) const;
    QVector<FacetValue> filterFor(int row, int column) const;
};

// One pair of model versions the paper compares, older then newer.
struct VersionPair
{
    QString older;
    QString newer;
};
QVector<VersionPair> versionPairs();

namespace ChartData {

// RQ1, RQ2: the labels of a symptom or cause at a level, under a parent path (empty for the
// categories). A label with fewer parts than `level` is left out: it has no children.
BarChartData labelBars(const RecordIndex &index, const RowSet &rows, Field field, int level,
                       const QString &parent);
// RQ3: symptom category x cause category.
HeatMapData divergence(const RecordIndex &index, const RowSet &rows);
// RQ4: the series side by side over symptom or cause categories, and the Pearson matrix
// between them (from the same counts).
BarChartData seriesShares(const RecordIndex &index, const RowSet &rows, Field category);
HeatMapData seriesCorrelation(const RecordIndex &index, const RowSet &rows, Field category);
// The same from a homogeneity finding already computed (it holds both matrices).
HeatMapData seriesCorrelation(const HomogeneityFinding &finding, Field category);
// RQ5: Fine-tuning beside Inference over cause or symptom categories.
BarChartData stageShares(const RecordIndex &index, const RowSet &rows, Field category);
// RQ6: a model version beside its successor over cause categories, in the order of all the
// rows' cause categories so that pairs drawn side by side line up.
BarChartData evolution(const RecordIndex &index, const RowSet &rows, const VersionPair &pair);

} // namespace ChartData
} // namespace Triage
