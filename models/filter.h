#pragma once

#include "field.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace Triage {

// Records whose label at `on` is one of `values`.
struct Condition
{
    FieldLevel on;
    QStringList values;
};

// What the table shows: conditions combined with AND (values within one condition with OR),
// and a text to search, case-insensitive, in ids, labels, links and notes.
struct Filter
{
    QVector<Condition> conditions;
    QString text;

    bool isEmpty() const { return conditions.isEmpty() && text.isEmpty(); }
};

// Parses the command line's FIELD[:LEVEL]=VALUE. The value is taken as written (labels may
// hold inner spaces); on failure returns nullopt and says why in *error.
std::optional<Condition> parseWhere(QStringView expression, QString *error);

} // namespace Triage
