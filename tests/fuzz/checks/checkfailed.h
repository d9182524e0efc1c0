#pragma once

#include <stdexcept>
#include <string>

namespace Triage::Fuzz {

// An invariant a fuzz input broke. Thrown rather than aborted on, so the regression test can
// report it as a failure; in a harness it escapes and libFuzzer records the input as a crash.
class CheckFailed : public std::logic_error
{
public:
    explicit CheckFailed(const std::string &what)
        : std::logic_error(what)
    {
    }
};

inline void require(bool condition, const std::string &what)
{
    if (!condition)
        throw CheckFailed(what);
}

} // namespace Triage::Fuzz
