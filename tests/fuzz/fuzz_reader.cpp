// libFuzzer target: a file's bytes through JsonRecordReader (both paths, compared) and
// RecordValidator, as an import parses them. Fast: no file, no workspace.
#include "readercheck.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Triage::Fuzz::checkReader(std::string_view(reinterpret_cast<const char *>(data), size));
    return 0;
}
