#pragma once

#include "jsonrecordreader.h"

#include <string_view>

namespace Triage {

// JsonRecordReader's fast path: simdjson's On-Demand parser over the form every upstream and
// generated file has, a JSON array (no byte order mark) of objects whose keys are the eight
// known ones, each at most once, with strings or integers that fit 64 bits as values.
//
// On such a file it delivers exactly the RawRecords the nlohmann path would, and returns true.
// On anything else (another form, an unknown or repeated key, another kind of value, a key
// with escapes, any simdjson error) it returns false having delivered nothing, since records
// are collected first and handed over only once the whole file has been read: the caller then
// reads the file the nlohmann way, for its positions and messages. `onFinal`, when given, is
// called between the two: what follows will all be delivered.
bool readPlainRecordArray(std::string_view text, const JsonRecordReader::RecordHandler &onRecord,
                          const std::function<void()> &onFinal = {});

} // namespace Triage
