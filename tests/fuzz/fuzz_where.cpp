// libFuzzer target: --where expressions (one per line) parsed and run over the embedded
// dataset's index.
#include "wherecheck.h"

#include <cstddef>
#include <cstdint>
#include <memory>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const auto check = std::make_unique<Triage::Fuzz::WhereCheck>();
    check->check(std::string_view(reinterpret_cast<const char *>(data), size));
    return 0;
}
