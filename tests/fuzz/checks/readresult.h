#pragma once

#include "jsonrecordreader.h"

#include <QString>

#include <string_view>
#include <vector>

namespace Triage::Fuzz {

// Everything one JsonRecordReader::read() reports, kept for comparing the two paths: by
// tst_jsonrecordreader on chosen inputs and by the reader fuzz target on any.
struct ReadResult
{
    bool ok = false;
    JsonRecordReader::Form form = JsonRecordReader::Form::Unknown;
    JsonRecordReader::Error error;
    std::vector<RawRecord> records;
    bool fast = false; // read by the simdjson path
};

ReadResult readText(std::string_view text, bool fastPath,
                    int maxDepth = JsonRecordReader::DefaultMaxDepth);

// Empty when the two agree in every respect; else the first difference, for a failure message.
QString difference(const ReadResult &a, const ReadResult &b);

} // namespace Triage::Fuzz
