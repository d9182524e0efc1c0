#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <optional>

namespace Triage {

// The fields a researcher counts and filters by. Symptom and cause are label paths with levels;
// series is derived from the link's owner; the others are plain values.
enum class Field { Symptom, Cause, Stage, Series, Model, Architecture, Status };

inline constexpr std::array<Field, 7> AllFields = {Field::Symptom,      Field::Cause, Field::Stage,
                                                   Field::Series,       Field::Model,
                                                   Field::Architecture, Field::Status};

// How many label levels a field has: symptom 3, cause 2, the others 1.
int maxLevel(Field field);
// The name used on the command line and in the store: "symptom", "cause", ...
QString fieldName(Field field);
// The name as a heading or a chip shows it: "Symptom", "Root cause", ...
QString fieldTitle(Field field);
std::optional<Field> fieldFromName(QStringView name);

// A field cut at a label level, e.g. symptom:2. Level 1 is the category.
struct FieldLevel
{
    Field field = Field::Symptom;
    int level = 1;

    // "symptom:2"; for one-level fields just "stage".
    QString toString() const;
    // Parses FIELD or FIELD:LEVEL; on failure returns nullopt and says why in *error.
    static std::optional<FieldLevel> parse(QStringView text, QString *error);

    friend bool operator==(const FieldLevel &a, const FieldLevel &b)
    {
        return a.field == b.field && a.level == b.level;
    }
};

} // namespace Triage
