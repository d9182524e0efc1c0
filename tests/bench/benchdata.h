#pragma once

#include <QString>

// Shared by the benchmarks: generated data sets kept between runs, and resident memory.
namespace Bench {

// A folder holding `records` synthetic records (seed 1), generated on first use and kept in
// $LLMTRIAGE_BENCH_DIR (default /tmp/llmtriage-bench) for later runs.
QString dataset(qint64 records);

// A workspace with that data set imported, made on first use and kept likewise.
QString workspace(qint64 records);

// The process's resident set size in bytes (Linux /proc).
qint64 residentBytes();

} // namespace Bench
