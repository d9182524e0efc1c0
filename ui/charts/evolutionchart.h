#pragma once

#include "chartpanel.h"

class QLabel;

namespace Triage {

class BarChartView;

// RQ6, version evolution: for each pair of versions the data has (Qwen to Qwen2.5, llama to
// llama3, DeepSeek-V3 to DeepSeek-R1), the older and the newer side by side as shares of their
// records over cause categories, and the largest shift in the caption.
class EvolutionChart final : public ChartPanel
{
    Q_OBJECT

public:
    explicit EvolutionChart(WorkbenchSession &session, QWidget *parent = nullptr);

    QList<BarChartView *> pairBars() const { return m_pairs; }
    void setPresentationMode(bool on) override;

protected:
    void rebuild() override;

private:
    QList<BarChartView *> m_pairs;
    QList<QLabel *> m_headings;
};

} // namespace Triage
