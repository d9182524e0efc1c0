#pragma once

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace Triage {
class Crosstab;
struct Findings;
} // namespace Triage

namespace Triage::Cli {

using Json = nlohmann::ordered_json;

std::string utf8(const QString &text);
Json toJson(const QStringList &list);
// {"rows": [labels], "cols": [labels], "counts": [[ints]], "total": int}
Json toJson(const Crosstab &table);
Json toJson(const Findings &findings);
// One line of compact JSON and a newline, UTF-8, NaN as null.
QString dumpLine(const Json &json);

} // namespace Triage::Cli
