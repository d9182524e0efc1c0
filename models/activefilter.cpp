#include "activefilter.h"

#include "labelpath.h"
#include "recordindex.h"

namespace Triage {


QString FacetValue::displayText() const
{
    return fieldTitle(field) + QStringLiteral(": ") + value;
}

bool FacetValue::covers(const FacetValue &other) const
{
    if (field != other.field || level > other.level)
        return false;
    if (maxLevel(field) == 1) // a model or status is one value, " - " or not
        return value == other.value;
    // A label with fewer parts than `level` stays whole when cut, so a two-level symptom
    // picked at level 2 covers itself at level 3 too.
    return LabelPath::cut(other.value, level) == value;
}

ActiveFilter::ActiveFilter(QObject *parent)
    : QObject(parent)
{
}

QVector<FacetValue> ActiveFilter::values(Field field) const
{
    QVector<FacetValue> result;
    for (const FacetValue &value : m_values) {
        if (value.field == field)
            result.append(value);
    }
    return result;
}

bool ActiveFilter::covers(const FacetValue &value) const
{
    for (const FacetValue &picked : m_values) {
        if (picked.covers(value))
            return true;
    }
    return false;
}

void ActiveFilter::add(const FacetValue &value)
{
    if (covers(value))
        return;
    m_values.erase(std::remove_if(m_values.begin(), m_values.end(),
                                  [&](const FacetValue &picked) { return value.covers(picked); }),
                   m_values.end());
    m_values.append(value);
    Q_EMIT changed();
}

void ActiveFilter::focus(const QVector<FacetValue> &values)
{
    QVector<FacetValue> next;
    for (const FacetValue &picked : std::as_const(m_values)) {
        const bool replaced = std::any_of(values.begin(), values.end(),
                                          [&](const FacetValue &v) { return v.field == picked.field; });
        if (!replaced)
            next.append(picked);
    }
    for (const FacetValue &value : values) {
        if (!value.value.isEmpty() && !next.contains(value))
            next.append(value);
    }
    setValues(next);
}

void ActiveFilter::narrow(const QVector<FacetValue> &values)
{
    QVector<FacetValue> next;
    for (const FacetValue &picked : std::as_const(m_values)) {
        bool clickedField = false;
        bool finer = false;
        for (const FacetValue &v : values) {
            clickedField = clickedField || v.field == picked.field;
            finer = finer || v.covers(picked);
        }
        if (!clickedField || finer)
            next.append(picked);
    }
    for (const FacetValue &value : values) {
        const bool refined = std::any_of(m_values.begin(), m_values.end(),
                                         [&](const FacetValue &picked) { return value.covers(picked); });
        if (!value.value.isEmpty() && !refined && !next.contains(value))
            next.append(value);
    }
    setValues(next);
}

void ActiveFilter::remove(const FacetValue &value)
{
    if (m_values.removeAll(value) > 0)
        Q_EMIT changed();
}

void ActiveFilter::setValues(const QVector<FacetValue> &values)
{
    if (values == m_values)
        return;
    m_values = values;
    Q_EMIT changed();
}

void ActiveFilter::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    Q_EMIT changed();
}

void ActiveFilter::clear()
{
    if (isEmpty())
        return;
    m_values.clear();
    m_text.clear();
    Q_EMIT changed();
}

Filter ActiveFilter::toFilter(const RecordIndex &index) const
{
    Filter filter;
    filter.text = m_text;
    for (Field field : AllFields) {
        const QVector<FacetValue> picked = values(field);
        if (picked.isEmpty())
            continue;
        const LabelColumn &column = index.column(field);
        const int deepest = column.levels();
        Condition condition{{field, deepest}, {}};
        for (const QString &label : column.levelLabels(deepest)) {
            for (const FacetValue &value : picked) {
                if (value.covers({field, deepest, label})) {
                    condition.values.append(label);
                    break;
                }
            }
        }
        // A picked value no record has keeps its field's condition, matching nothing.
        filter.conditions.append(condition);
    }
    return filter;
}

QString ActiveFilter::serializeOne(const FacetValue &value)
{
    return fieldName(value.field) + QLatin1Char('\t') + QString::number(value.level)
        + QLatin1Char('\t') + value.value;
}

std::optional<FacetValue> ActiveFilter::deserializeOne(const QString &line)
{
    const qsizetype first = line.indexOf(QLatin1Char('\t'));
    const qsizetype second = line.indexOf(QLatin1Char('\t'), first + 1);
    if (first < 0 || second < 0)
        return std::nullopt;
    const std::optional<Field> field = fieldFromName(QStringView(line).left(first));
    bool ok = false;
    const int level = QStringView(line).mid(first + 1, second - first - 1).toInt(&ok);
    if (!field || !ok || level < 1 || level > maxLevel(*field))
        return std::nullopt;
    return FacetValue{*field, level, line.mid(second + 1)};
}

QStringList ActiveFilter::serialize() const
{
    QStringList lines;
    for (const FacetValue &value : m_values)
        lines.append(serializeOne(value));
    return lines;
}

QVector<FacetValue> ActiveFilter::deserialize(const QStringList &lines)
{
    QVector<FacetValue> values;
    for (const QString &line : lines) {
        if (const std::optional<FacetValue> value = deserializeOne(line))
            values.append(*value);
    }
    return values;
}

} // namespace Triage
