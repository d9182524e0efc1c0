// The data core at 100k and 1M records: import, index build, crosstab, filter, search, the
// charts' data and the findings, and the index's resident memory per record. Run through tests/bench/run.

#include "facetcounts.h"
#include "indexcolumns.h"
#include "benchdata.h"

#include "chartdata.h"
#include "crosstab.h"
#include "findings.h"
#include "filter.h"
#include "importer.h"
#include "recordindex.h"
#include "selection.h"
#include "workspace.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <memory>
#include <random>

using namespace Triage;

namespace {

// Import into a fresh workspace: records per second, with the files already in the page cache.
void BM_Import(benchmark::State &state)
{
    const qint64 n = state.range(0);
    const QString data = Bench::dataset(n);
    for (auto _ : state) {
        state.PauseTiming();
        QTemporaryDir dir(QDir(qEnvironmentVariable("LLMTRIAGE_BENCH_DIR", QStringLiteral("/tmp"))).filePath(QStringLiteral("import-XXXXXX")));
        auto workspace = Workspace::open(dir.filePath(QStringLiteral("w.llmtriage")),
                                         Workspace::OpenMode::CreateIfMissing);
        state.ResumeTiming();
        const ImportReport report = Importer(*workspace).run({data});
        if (report.imported != n)
            state.SkipWithError("import did not take every record");
    }
    state.counters["records/s"] = benchmark::Counter(double(n), benchmark::Counter::kIsIterationInvariantRate);
}

// Building the index from the store: what opening a workspace costs before the first paint.
void BM_IndexBuild(benchmark::State &state)
{
    const qint64 n = state.range(0);
    auto workspace = Workspace::open(Bench::workspace(n), Workspace::OpenMode::OpenExisting);
    for (auto _ : state) {
        RecordIndex index;
        index.build(*workspace);
        benchmark::DoNotOptimize(index.size());
    }
}

// Memory the index holds per record (its dictionaries are a few hundred strings), with the
// facet combinations the window's index keeps: heap bytes in use, and the growth of the
// resident set when this benchmark runs first in its process.
void BM_IndexMemory(benchmark::State &state)
{
    const qint64 n = state.range(0);
    auto workspace = Workspace::open(Bench::workspace(n), Workspace::OpenMode::OpenExisting);
    double heapPerRecord = 0;
    double residentPerRecord = 0;
    for (auto _ : state) {
        const qint64 heapBefore = Bench::heapBytesInUse();
        const qint64 residentBefore = Bench::residentBytes();
        auto index = std::make_unique<RecordIndex>();
        index->build(*workspace);
        index->buildCombinations();
        heapPerRecord = double(Bench::heapBytesInUse() - heapBefore) / double(n);
        residentPerRecord = double(Bench::residentBytes() - residentBefore) / double(n);
        benchmark::DoNotOptimize(index->size());
    }
    state.counters["heap B/record"] = heapPerRecord;
    state.counters["RSS B/record"] = residentPerRecord;
}

struct IndexFixture
{
    std::unique_ptr<Workspace> workspace;
    RecordIndex index;
    RowSet all;
};

IndexFixture &fixture(qint64 n)
{
    static std::map<qint64, std::unique_ptr<IndexFixture>> fixtures;
    auto &f = fixtures[n];
    if (!f) {
        f = std::make_unique<IndexFixture>();
        f->workspace = Workspace::open(Bench::workspace(n), Workspace::OpenMode::OpenExisting);
        f->index.build(*f->workspace);
        f->index.buildCombinations(); // as the window's session has it
        f->all = f->index.allRows();
    }
    return *f;
}

// The index snapshot's bytes, as the first import writes them at its commit and the open
// reads them back.
void BM_SnapshotEncode(benchmark::State &state)
{
    IndexFixture &f = fixture(state.range(0));
    IndexColumns columns;
    f.workspace->readSnapshot([&] { columns = f.workspace->indexColumns(); });
    for (auto _ : state)
        benchmark::DoNotOptimize(columns.encode().size());
}

void BM_SnapshotDecode(benchmark::State &state)
{
    IndexFixture &f = fixture(state.range(0));
    IndexColumns columns;
    f.workspace->readSnapshot([&] { columns = f.workspace->indexColumns(); });
    const QByteArray bytes = columns.encode();
    for (auto _ : state)
        benchmark::DoNotOptimize(IndexColumns::decode(bytes, columns.size())->size());
}

void BM_CrosstabSymptomBySeries(benchmark::State &state)
{
    IndexFixture &f = fixture(state.range(0));
    for (auto _ : state)
        benchmark::DoNotOptimize(
            Crosstab::compute(f.index, f.all, {Field::Symptom, 3}, FieldLevel{Field::Series, 1}).total());
}

// The table tests/bench/compare asks of pandas and sqlite3: model x stage.
void BM_CrosstabModelByStage(benchmark::State &state)
{
    IndexFixture &f = fixture(state.range(0));
    for (auto _ : state)
        benchmark::DoNotOptimize(
            Crosstab::compute(f.index, f.all, {Field::Model, 1}, FieldLevel{Field::Stage, 1}).total());
}

void BM_CrosstabCauseByStage(benchmark::State &state)
{
    IndexFixture &f = fixture(state.range(0));
    for (auto _ : state)
        benchmark::DoNotOptimize(
            Crosstab::compute(f.index, f.all, {Field::Cause, 2}, FieldLevel{Field::Stage, 1}).total());
}

// A facet filter: one random symptom category and one random series, as a click would make.
void BM_FacetFilter(benchmark::State &state)
{
    IndexFixture &f = fixture(state.range(0));
    const QStringList symptoms = f.index.view({Field::Symptom, 1}).labels;
    const QStringList series = f.index.view({Field::Series, 1}).labels;
    std::mt19937 random(7);
    for (auto _ : state) {
        Filter filter;
        filter.conditions.append({{Field::Symptom, 1}, {symptoms[qsizetype(random() % symptoms.size())]}});
        filter.conditions.append({{Field::Series, 1}, {series[qsizetype(random() % series.size())]}});
        benchmark::DoNotOptimize(select(f.index, filter).size());
    }
}

// What a facet click computes in the window: the rows and every facet's counts. Without a
// search text this is decided per combination of facet values, and only the passing rows
// are gathered per record.
void BM_FacetCounts(benchmark::State &state)
{
    IndexFixture &f = fixture(state.range(0));
    const QStringList symptoms = f.index.view({Field::Symptom, 1}).labels;
    const QStringList series = f.index.view({Field::Series, 1}).labels;
    std::mt19937 random(7);
    RowSet rows;
    for (auto _ : state) {
        Filter filter;
        filter.conditions.append({{Field::Symptom, 1}, {symptoms[qsizetype(random() % symptoms.size())]}});
        filter.conditions.append({{Field::Series, 1}, {series[qsizetype(random() % series.size())]}});
        benchmark::DoNotOptimize(FacetCounts::compute(f.index, filter, &rows).matching());
    }
}

// One click, by the second argument:
// 0: stage Inference, about 80% of the records: the most rows to gather;
// 1: symptom Crash, about 42%: records pass or fail as if at random, where a pass branching
//    on each record's outcome mispredicted on nearly every other one (1 to 10 ms a half);
// 2 and 3: symptom Crash and the search text "cuda", matched record by record, in one part
//    (2) or split over the cores as the window does (3).
void BM_FacetCountsOne(benchmark::State &state)
{
    IndexFixture &f = fixture(state.range(0));
    Filter filter;
    if (state.range(1) == 0)
        filter.conditions.append({{Field::Stage, 1}, {QStringLiteral("Inference")}});
    else
        filter.conditions.append({{Field::Symptom, 1}, {QStringLiteral("Crash")}});
    if (state.range(1) >= 2)
        filter.text = QStringLiteral("cuda");
    const int parts = state.range(1) == 2 ? 1 : 0;
    RowSet rows;
    for (auto _ : state)
        benchmark::DoNotOptimize(FacetCounts::compute(f.index, filter, &rows, parts).matching());
}

void BM_Search(benchmark::State &state)
{
    IndexFixture &f = fixture(state.range(0));
    Filter filter;
    filter.text = QStringLiteral("issues/1234");
    for (auto _ : state)
        benchmark::DoNotOptimize(select(f.index, filter).size());
}

// The data of every chart of the Charts area for all rows: what a refresh after a relabel
// computes before drawing (drawing itself is measured in the window, issue 6).
void BM_AllChartData(benchmark::State &state)
{
    IndexFixture &f = fixture(state.range(0));
    for (auto _ : state) {
        benchmark::DoNotOptimize(ChartData::labelBars(f.index, f.all, Field::Symptom, 1, {}).total);
        benchmark::DoNotOptimize(ChartData::labelBars(f.index, f.all, Field::Cause, 1, {}).total);
        benchmark::DoNotOptimize(ChartData::divergence(f.index, f.all).rows.size());
        for (Field category : {Field::Symptom, Field::Cause}) {
            benchmark::DoNotOptimize(ChartData::seriesShares(f.index, f.all, category).total);
            benchmark::DoNotOptimize(ChartData::seriesCorrelation(f.index, f.all, category).rows.size());
            benchmark::DoNotOptimize(ChartData::stageShares(f.index, f.all, category).total);
        }
        for (const VersionPair &pair : versionPairs())
            benchmark::DoNotOptimize(ChartData::evolution(f.index, f.all, pair).total);
    }
}

// The findings board after an edit: the three findings over every record.
void BM_Findings(benchmark::State &state)
{
    IndexFixture &f = fixture(state.range(0));
    for (auto _ : state)
        benchmark::DoNotOptimize(Findings::compute(f.index, f.all).divergence.checks.size());
}

} // namespace

BENCHMARK(BM_IndexMemory)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_Import)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_IndexBuild)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_CrosstabSymptomBySeries)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CrosstabModelByStage)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CrosstabCauseByStage)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FacetFilter)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SnapshotEncode)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SnapshotDecode)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FacetCounts)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FacetCountsOne)->Args({1000000, 0})->Args({1000000, 1})->Args({1000000, 2})->Args({1000000, 3})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Search)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

BENCHMARK(BM_AllChartData)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Findings)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
