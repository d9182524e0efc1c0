// How fast the JSON of an import can be read on one core: the project's reader (nlohmann's SAX
// parser, with byte ranges for positions) against simdjson's On-Demand API pulling the same
// fields. Issue 6 needs the parse to shrink severalfold; this says whether simdjson would.
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
        for (const std::string &t : texts)
            reader.read(t, [&](const RawRecord &) { ++records; });
        const double nlohmann = timer.nsecsElapsed() / 1e9;

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
        std::printf("nlohmann SAX reader: %lld records, %.2f s, %.0f MB/s | simdjson On-Demand: %lld records, %.2f s, "
                    "%.0f MB/s (%zu field bytes)\n",
                    static_cast<long long>(records), nlohmann, bytes / 1e6 / nlohmann, static_cast<long long>(simdRecords),
                    simd, bytes / 1e6 / simd, fieldBytes);
    }
    return 0;
}
