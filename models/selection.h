#pragma once

#include "filter.h"
#include "recordindex.h"

namespace Triage {

// Evaluates a filter over the index: the matching rows, in index order. Each condition becomes
// a yes/no table over its column's value codes, so the scan does a lookup per active field.
RowSet select(const RecordIndex &index, const Filter &filter);

} // namespace Triage
