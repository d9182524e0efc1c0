#pragma once

#include "recordindex.h"

#include <QTemporaryDir>

#include <string_view>

namespace Triage::Fuzz {

// The command line's --where: each line of the input is one --where expression (as argv
// gives it, UTF-8), parsed as CommandLine::filter() does; the conditions that parse are ANDed
// into a filter run over the embedded dataset's index, with the unknown-value warning's
// lookups and a crosstab by the first condition's field. A line starting with '?' is the
// window's search text instead, which goes through the same select(). Throws CheckFailed.
class WhereCheck
{
public:
    WhereCheck();
    void check(std::string_view bytes);

private:
    QTemporaryDir m_dir;
    RecordIndex m_index;
};

} // namespace Triage::Fuzz
