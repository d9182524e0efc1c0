#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <string_view>

namespace Triage::LabelPath {

// Labels are paths "Category - Subcategory - Manifestation". The separator is exactly " - ":
// the real data has a cause "Environment Compatibility Issues -  Architecture Compatibility"
// whose second part starts with a space, and it is kept as it is.
inline constexpr std::string_view Separator = " - ";

QStringList parts(QStringView label);
int depth(QStringView label);
int depth(std::string_view utf8Label);
// The first `level` parts joined by " - "; a label with fewer parts stays whole. The result is
// a prefix of the label, so the text between parts is never rewritten.
QString cut(const QString &label, int level);

} // namespace Triage::LabelPath
