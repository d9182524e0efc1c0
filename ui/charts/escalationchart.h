#pragma once

#include "chartpanel.h"

class QLabel;

namespace Triage {

class BarChartView;

// RQ5, lifecycle escalation: Fine-tuning beside Inference as shares of each stage's records over
// cause categories and over symptom categories, and each stage's most frequent causes.
class EscalationChart final : public ChartPanel
{
    Q_OBJECT

public:
    explicit EscalationChart(WorkbenchSession &session, QWidget *parent = nullptr);

    BarChartView *causeBars() const { return m_causes; }
    BarChartView *symptomBars() const { return m_symptoms; }
    QString topCausesText() const;
    void setPresentationMode(bool on) override;

protected:
    void rebuild() override;

private:
    BarChartView *m_causes;
    BarChartView *m_symptoms;
    QLabel *m_topCauses;
};

} // namespace Triage
