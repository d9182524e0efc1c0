#pragma once

#include "chartpanel.h"

namespace Triage {

class HeatMapView;

// RQ3, diagnostic divergence: symptom category against cause category as a heat map, with the
// chi-squared test of independence and Cramér's V in the caption. A click on a cell filters to
// its records.
class DivergenceChart final : public ChartPanel
{
    Q_OBJECT

public:
    explicit DivergenceChart(WorkbenchSession &session, QWidget *parent = nullptr);

    HeatMapView *heatMap() const { return m_heatMap; }
    void setPresentationMode(bool on) override;

protected:
    void rebuild() override;

private:
    HeatMapView *m_heatMap;
};

} // namespace Triage
