// libFuzzer target: a file's bytes imported as `llmtriage import FILE` does, into a fresh copy
// of a small workspace. Slower than fuzz_reader (a file and a SQLite transaction per input).
#include "importcheck.h"

#include <cstddef>
#include <cstdint>
#include <memory>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Made once, on the first input, and kept for the process's life.
    static const auto check = std::make_unique<Triage::Fuzz::ImportCheck>();
    check->check(std::string_view(reinterpret_cast<const char *>(data), size));
    return 0;
}
