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
// Bytes the heap has handed out and not taken back (glibc mallinfo2): unlike the resident
// size it drops when memory is freed, so a before/after difference is exact in any order.
qint64 heapBytesInUse();

} // namespace Bench
