#pragma once

#include "chartpanel.h"

namespace Triage {

class BarChartView;
class HeatMapView;

// RQ4, systemic homogeneity: the series side by side as shares of their records over symptom
// categories and over cause categories, with the Pearson correlation between the series'
// profiles as two small matrices. A click on a bar filters to that series and category.
class HomogeneityChart final : public ChartPanel
{
    Q_OBJECT

public:
    explicit HomogeneityChart(WorkbenchSession &session, QWidget *parent = nullptr);

    BarChartView *symptomBars() const { return m_symptoms; }
    BarChartView *causeBars() const { return m_causes; }
    HeatMapView *symptomMatrix() const { return m_symptomMatrix; }
    HeatMapView *causeMatrix() const { return m_causeMatrix; }
    void setPresentationMode(bool on) override;

protected:
    void rebuild() override;

private:
    BarChartView *m_symptoms;
    BarChartView *m_causes;
    HeatMapView *m_symptomMatrix;
    HeatMapView *m_causeMatrix;
};

} // namespace Triage
