#include "chartcatalog.h"

#include "divergencechart.h"
#include "drilldownchart.h"
#include "escalationchart.h"
#include "evolutionchart.h"
#include "homogeneitychart.h"
#include "taxonomychart.h"

namespace Triage::ChartCatalog {

QStringList names()
{
    return {QStringLiteral("symptoms"),    QStringLiteral("causes"),     QStringLiteral("taxonomy"),
            QStringLiteral("divergence"),  QStringLiteral("homogeneity"), QStringLiteral("escalation"),
            QStringLiteral("evolution")};
}

ChartPanel *create(const QString &name, WorkbenchSession &session, QWidget *parent)
{
    if (name == QLatin1String("symptoms"))
        return new DrillDownChart(session, Field::Symptom, parent);
    if (name == QLatin1String("causes"))
        return new DrillDownChart(session, Field::Cause, parent);
    if (name == QLatin1String("taxonomy"))
        return new TaxonomyChart(session, parent);
    if (name == QLatin1String("divergence"))
        return new DivergenceChart(session, parent);
    if (name == QLatin1String("homogeneity"))
        return new HomogeneityChart(session, parent);
    if (name == QLatin1String("escalation"))
        return new EscalationChart(session, parent);
    if (name == QLatin1String("evolution"))
        return new EvolutionChart(session, parent);
    return nullptr;
}

} // namespace Triage::ChartCatalog
