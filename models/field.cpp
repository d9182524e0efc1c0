#include "field.h"

namespace Triage {

int maxLevel(Field field)
{
    switch (field) {
    case Field::Symptom:
        return 3;
    case Field::Cause:
        return 2;
    default:
        return 1;
    }
}

QString fieldName(Field field)
{
    switch (field) {
    case Field::Symptom:
        return QStringLiteral("symptom");
    case Field::Cause:
        return QStringLiteral("cause");
    case Field::Stage:
        return QStringLiteral("stage");
    case Field::Series:
        return QStringLiteral("series");
    case Field::Model:
        return QStringLiteral("model");
    case Field::Architecture:
        return QStringLiteral("architecture");
    case Field::Status:
        return QStringLiteral("status");
    }
    return {};
}

QString fieldTitle(Field field)
{
    if (field == Field::Cause)
        return QStringLiteral("Root cause");
    QString name = fieldName(field);
    name[0] = name[0].toUpper();
    return name;
}

std::optional<Field> fieldFromName(QStringView name)
{
    for (Field field : AllFields) {
        if (name.compare(fieldName(field), Qt::CaseInsensitive) == 0)
            return field;
    }
    return std::nullopt;
}

QString FieldLevel::toString() const
{
    if (maxLevel(field) == 1)
        return fieldName(field);
    return fieldName(field) + QLatin1Char(':') + QString::number(level);
}

std::optional<FieldLevel> FieldLevel::parse(QStringView text, QString *error)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    const QStringView name = colon < 0 ? text : text.left(colon);
    const std::optional<Field> field = fieldFromName(name.trimmed());
    if (!field) {
        if (error)
            *error = QStringLiteral("unknown field '%1' (fields: symptom, cause, stage, series, "
                                    "model, architecture, status)")
                         .arg(name);
        return std::nullopt;
    }
    FieldLevel result{*field, 1};
    if (colon >= 0) {
        bool ok = false;
        result.level = text.mid(colon + 1).trimmed().toInt(&ok);
        if (!ok || result.level < 1 || result.level > maxLevel(*field)) {
            if (error)
                *error = QStringLiteral("%1 has levels 1 to %2, not '%3'")
                             .arg(fieldName(*field))
                             .arg(maxLevel(*field))
                             .arg(text.mid(colon + 1));
            return std::nullopt;
        }
    }
    return result;
}

} // namespace Triage
