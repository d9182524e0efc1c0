#include "taxonomychart.h"

#include "charttext.h"
#include "crosstab.h"
#include "taxonomy.h"
#include "treemapview.h"
#include "workbenchsession.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>

namespace Triage {

TaxonomyChart::TaxonomyChart(WorkbenchSession &session, QWidget *parent)
    : ChartPanel(session, QStringLiteral("taxonomy"), tr("The failure taxonomy: symptoms and root causes"), parent)
    , m_symptoms(new TreemapView(this))
    , m_causes(new TreemapView(this))
{
    auto *grid = new QGridLayout;
    grid->addWidget(subtitle(tr("Symptoms")), 0, 0);
    grid->addWidget(subtitle(tr("Root causes")), 0, 1);
    grid->addWidget(m_symptoms, 1, 0);
    grid->addWidget(m_causes, 1, 1);
    body()->addLayout(grid, 1);
    connect(&session, &WorkbenchSession::reloaded, this, [this] { m_colourOrder.clear(); });
    for (TreemapView *map : {m_symptoms, m_causes})
        connect(map, &TreemapView::tileClicked, this, [this](const FacetValue &value) { Q_EMIT filterRequested({value}); });
    refreshNow();
}

QStringList TaxonomyChart::colourOrder(Field field)
{
    auto found = m_colourOrder.find(int(field));
    if (found == m_colourOrder.end()) {
        const RecordIndex &index = session().index();
        found = m_colourOrder.insert(int(field), Crosstab::compute(index, index.allRows(), {field, 1}).rowLabels());
    }
    return *found;
}

void TaxonomyChart::rebuild()
{
    const RecordIndex &index = session().index();
    const RowSet &rows = session().rows();
    m_symptoms->setTree(buildTaxonomy(index, rows, Field::Symptom), Field::Symptom, colourOrder(Field::Symptom));
    m_causes->setTree(buildTaxonomy(index, rows, Field::Cause), Field::Cause, colourOrder(Field::Cause));
    QHash<QString, qint64> symptoms;
    QHash<QString, qint64> causes;
    if (!selection().empty()) {
        const RecordIndex::LevelView s = index.view({Field::Symptom, 3});
        const RecordIndex::LevelView c = index.view({Field::Cause, 2});
        for (quint32 row : selection()) {
            ++symptoms[s.labels[qsizetype(s(row))]];
            ++causes[c.labels[qsizetype(c(row))]];
        }
    }
    m_symptoms->setHighlight(symptoms);
    m_causes->setHighlight(causes);
    setCaption(tr("%1. Tile area is the number of records; categories keep their colour. "
                  "Click a tile to filter to it.")
                   .arg(ChartText::records(qint64(rows.size()))));
}

void TaxonomyChart::setPresentationMode(bool on)
{
    ChartPanel::setPresentationMode(on);
    for (TreemapView *map : {m_symptoms, m_causes})
        map->setFontScale(on ? 1.6 : 1.0);
}

} // namespace Triage
