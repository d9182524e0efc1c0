#pragma once

#include <QString>

namespace Triage::ChartText {

// "1 record", "1,234 records": charts often show one or two records under a narrow filter,
// where "1 records" reads as a fault.
QString records(qint64 count);
// What an empty chart says instead of drawing an empty frame.
QString noRecords();

} // namespace Triage::ChartText
