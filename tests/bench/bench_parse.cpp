// How fast the JSON of an import can be read on one core: the project's reader on its nlohmann
// path (SAX parser, with byte ranges for positions) and on its simdjson fast path, against
// simdjson's On-Demand API pulling the same fields bare, and what the copy to simdjson's padded
// buffer would cost if the reader always made it. Issue 6 needs the parse to shrink severalfold.
// Run: build/release/tests/bench/bench_parse [DIR] (default: the 1M data of tests/bench/compare)

#include "jsonrecordreader.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>

#include <simdjson.h>

#include <cstdio>
#include <string>
#include <vector>

using namespace Triage;

namespace {

std::vector<std::string> readFiles(const QString &dir)
{
    std::vector<std::string> texts;
    QDirIterator it(dir, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            texts.push_back(f.readAll().toStdString());
    }
    return texts;
}

// The known keys of a record, by the text the files use.
constexpr std::string_view Keys[] = {"number", "link", "status", "SYMPTOM", "ROOT CAUSE", "STAGE", "model", "architecture"};

} // namespace

int main(int argc, char **argv)
{
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("/tmp/llmtriage-bench/compare-data-1000000");
    const std::vector<std::string> texts = readFiles(dir);
    size_t bytes = 0;
    for (const std::string &t : texts)
        bytes += t.size();
    std::printf("%zu files, %.0f MB\n", texts.size(), bytes / 1e6);

    for (int round = 0; round < 3; ++round) {
        QElapsedTimer timer;
        timer.start();
        qint64 records = 0;
        JsonRecordReader reader;
        reader.setFastPath(false);
        for (const std::string &t : texts)
            reader.read(t, [&](const RawRecord &) { ++records; });
        const double nlohmann = timer.nsecsElapsed() / 1e9;

        timer.restart();
        qint64 fastRecords = 0;
        int fastFiles = 0;
        JsonRecordReader fastReader;
        for (const std::string &t : texts) {
            fastReader.read(t, [&](const RawRecord &) { ++fastRecords; });
            fastFiles += fastReader.lastReadWasFast() ? 1 : 0;
        }
        const double fast = timer.nsecsElapsed() / 1e9;

        timer.restart();
        size_t copied = 0;
        for (const std::string &t : texts) {
            simdjson::padded_string padded(t.data(), t.size());
            copied += size_t(padded.data()[t.size() / 2]); // a use, so the copy stays
        }
        const double copy = timer.nsecsElapsed() / 1e9;

        timer.restart();
        qint64 simdRecords = 0;
        size_t fieldBytes = 0;
        simdjson::ondemand::parser parser;
        for (const std::string &t : texts) {
            simdjson::padded_string padded(t);
            simdjson::ondemand::document doc = parser.iterate(padded);
            for (simdjson::ondemand::object record : doc.get_array()) {
                for (simdjson::ondemand::field field : record) {
                    const std::string_view key = field.unescaped_key().value();
                    for (std::string_view known : Keys) {
                        if (key == known) {
                            simdjson::ondemand::value v = field.value();
                            if (v.type() == simdjson::ondemand::json_type::string)
                                fieldBytes += std::string_view(v.get_string().value()).size();
                            else
                                fieldBytes += size_t(int64_t(v.get_int64().value()) & 1);
                            break;
                        }
                    }
                }
                ++simdRecords;
            }
        }
        const double simd = timer.nsecsElapsed() / 1e9;
        std::printf("reader, nlohmann path: %lld records, %.2f s, %.0f MB/s | reader, fast path: %lld records (%d/%zu "
                    "files fast), %.2f s, %.0f MB/s\n",
                    static_cast<long long>(records), nlohmann, bytes / 1e6 / nlohmann, static_cast<long long>(fastRecords),
                    fastFiles, texts.size(), fast, bytes / 1e6 / fast);
        std::printf("  simdjson On-Demand bare: %lld records, %.2f s, %.0f MB/s (%zu field bytes) | padded copy of every "
                    "file: %.3f s (%zu)\n",
                    static_cast<long long>(simdRecords), simd, bytes / 1e6 / simd, fieldBytes, copy, copied % 10);
    }
    return 0;
}
