#pragma once

#include <string_view>

namespace Triage::Fuzz {

// One file's bytes through what an import does before the store: JsonRecordReader on both
// paths (the simdjson fast path must deliver exactly what the nlohmann path does, or decline),
// RecordValidator on every element, and the line and column and raw text of every element and
// error, as the importer's messages and quarantine take them. Throws CheckFailed.
void checkReader(std::string_view text);

} // namespace Triage::Fuzz
