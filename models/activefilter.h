#pragma once

#include "field.h"
#include "filter.h"

#include <QObject>
#include <QString>
#include <QVector>

#include <optional>

namespace Triage {

class RecordIndex;

// One value a user picked to filter by: a facet entry, a chart bar, a chip. For symptom and
// cause it is a node of the tree (a category, a subcategory or a full label).
struct FacetValue
{
    Field field = Field::Symptom;
    int level = 1;
    QString value;

    // "Symptom: Crash - CUDA Error", as a chip shows it.
    QString displayText() const;
    // True when this node is `other` or one of its ancestors.
    bool covers(const FacetValue &other) const;

    friend bool operator==(const FacetValue &a, const FacetValue &b)
    {
        return a.field == b.field && a.level == b.level && a.value == b.value;
    }
    friend bool operator!=(const FacetValue &a, const FacetValue &b) { return !(a == b); }
};

// What the window filters by now: picked values (OR within a field, AND across fields) and a
// search text. The facets, the chips, the charts and the search box all read and change this
// one object; it says changed() once per change.
class ActiveFilter : public QObject
{
    Q_OBJECT

public:
    explicit ActiveFilter(QObject *parent = nullptr);

    const QVector<FacetValue> &values() const { return m_values; }
    QVector<FacetValue> values(Field field) const;
    const QString &text() const { return m_text; }
    bool isEmpty() const { return m_values.isEmpty() && m_text.isEmpty(); }
    bool contains(const FacetValue &value) const { return m_values.contains(value); }
    // True when the value or an ancestor of it is picked.
    bool covers(const FacetValue &value) const;

    // Adds a value; picked descendants are dropped (the value implies them).
    void add(const FacetValue &value);
    // Sets these values for their fields (a chart's breadcrumb going back up): the fields' other
    // values are dropped, other fields keep theirs; an empty value clears its field.
    void focus(const QVector<FacetValue> &values);
    // What a click on a bar, cell or tile means: the records it counted, which are the records
    // under both the filter and the clicked values. A picked value finer than a clicked one
    // stays (the bar of "Crash" under a "Crash - CUDA Error" filter counted only CUDA errors);
    // a coarser one gives way to the clicked value.
    void narrow(const QVector<FacetValue> &values);
    void remove(const FacetValue &value);
    void setValues(const QVector<FacetValue> &values);
    void setText(const QString &text);
    void clear();

    // The conditions the index evaluates: per field, one condition at the field's deepest level
    // listing every label under a picked node.
    Filter toFilter(const RecordIndex &index) const;

    // For QSettings and drag data: one line per value, "field<TAB>level<TAB>value".
    QStringList serialize() const;
    static QVector<FacetValue> deserialize(const QStringList &lines);
    static QString serializeOne(const FacetValue &value);
    static std::optional<FacetValue> deserializeOne(const QString &line);

Q_SIGNALS:
    void changed();

private:
    QVector<FacetValue> m_values;
    QString m_text;
};

} // namespace Triage
