#pragma once

// The two parse paths (simdjson fast path, nlohmann) read the same text and compared: the fuzz
// checks' implementation (tests/fuzz/checks/readresult.h), used by the reader's tests and the
// bad-input corpus too, so one comparison serves all three.

#include "readresult.h"

#include <QByteArray>

#include <string_view>

namespace TestSupport {

using Triage::Fuzz::difference;
using Triage::Fuzz::ReadResult;
using Triage::Fuzz::readText;

inline std::string_view view(const QByteArray &bytes)
{
    return std::string_view(bytes.constData(), size_t(bytes.size()));
}

} // namespace TestSupport
