#include "filter.h"

namespace Triage {

std::optional<Condition> parseWhere(QStringView expression, QString *error)
{
    const qsizetype equals = expression.indexOf(QLatin1Char('='));
    if (equals < 0) {
        if (error)
            *error = QStringLiteral("'%1' is not FIELD[:LEVEL]=VALUE").arg(expression);
        return std::nullopt;
    }
    const std::optional<FieldLevel> on = FieldLevel::parse(expression.left(equals), error);
    if (!on)
        return std::nullopt;
    const QStringView value = expression.mid(equals + 1);
    if (value.isEmpty()) {
        if (error)
            *error = QStringLiteral("'%1' has no value after '='").arg(expression);
        return std::nullopt;
    }
    return Condition{*on, {value.toString()}};
}

} // namespace Triage
