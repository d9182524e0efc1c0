#include "labelpath.h"

namespace Triage::LabelPath {

namespace {
constexpr QStringView QSeparator = u" - ";
}

QStringList parts(QStringView label)
{
    QStringList result;
    for (QStringView part : label.split(QSeparator))
        result.append(part.toString());
    return result;
}

int depth(QStringView label)
{
    return int(label.count(QSeparator)) + 1;
}

int depth(std::string_view utf8Label)
{
    int n = 1;
    for (size_t at = utf8Label.find(Separator); at != std::string_view::npos;
         at = utf8Label.find(Separator, at + Separator.size()))
        ++n;
    return n;
}

QString cut(const QString &label, int level)
{
    qsizetype at = -qsizetype(Separator.size());
    for (int i = 0; i < level; ++i) {
        at = label.indexOf(QSeparator, at + qsizetype(Separator.size()));
        if (at < 0)
            return label;
    }
    return label.left(at);
}

} // namespace Triage::LabelPath
