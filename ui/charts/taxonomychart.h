#pragma once

#include "chartpanel.h"

namespace Triage {

class TreemapView;

// The taxonomy: the symptom tree and the cause tree as treemaps, each tile sized by its records
// under the current filter. A click on a tile filters to it.
class TaxonomyChart final : public ChartPanel
{
    Q_OBJECT

public:
    explicit TaxonomyChart(WorkbenchSession &session, QWidget *parent = nullptr);

    TreemapView *symptoms() const { return m_symptoms; }
    TreemapView *causes() const { return m_causes; }
    void setPresentationMode(bool on) override;

protected:
    void rebuild() override;

private:
    TreemapView *m_symptoms;
    TreemapView *m_causes;
    // Categories by their frequency over every record, taken once per workspace load: a filter
    // or a relabel never recolours a category.
    QStringList colourOrder(Field field);
    QHash<int, QStringList> m_colourOrder;
};

} // namespace Triage
