#include "historydock.h"

#include "historymodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

namespace Triage {

HistoryDock::HistoryDock(WorkbenchSession &session, QWidget *parent)
    : QDockWidget(tr("History"), parent)
    , m_model(new HistoryModel(session, this))
{
    setObjectName(QStringLiteral("historyDock"));
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    auto *bar = new QHBoxLayout;
    m_currentOnly = new QCheckBox(tr("Current record only"), content);
    m_currentOnly->setObjectName(QStringLiteral("historyCurrentOnly"));
    m_annotator = new QComboBox(content);
    m_annotator->setObjectName(QStringLiteral("historyAnnotator"));
    m_field = new QComboBox(content);
    m_field->setObjectName(QStringLiteral("historyField"));
    bar->addWidget(m_currentOnly);
    bar->addStretch(1);
    bar->addWidget(m_annotator);
    bar->addWidget(m_field);
    layout->addLayout(bar);

    m_view = new QTableView(content);
    m_view->setObjectName(QStringLiteral("historyTable"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    // Room for what is read most: the record and the two values.
    const int widths[] = {130, 90, 170, 70, 300, 300};
    for (int column = 0; column < int(std::size(widths)); ++column)
        m_view->setColumnWidth(column, widths[column]);
    layout->addWidget(m_view);
    setWidget(content);

    connect(m_currentOnly, &QCheckBox::toggled, this, &HistoryDock::applyScope);
    connect(m_annotator, &QComboBox::activated, this,
            [this] { m_model->setAnnotator(m_annotator->currentData().toString()); });
    connect(m_field, &QComboBox::activated, this, [this] { m_model->setField(m_field->currentData().toString()); });
    connect(m_model, &HistoryModel::choicesChanged, this, &HistoryDock::refillFilters);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT recordRequested(index.data(HistoryModel::RidRole).toLongLong());
    });
    refillFilters();
}

void HistoryDock::setRecord(qint64 rid)
{
    m_rid = rid;
    applyScope();
}

void HistoryDock::applyScope()
{
    m_model->setRecord(m_currentOnly->isChecked() ? std::optional<qint64>(m_rid) : std::nullopt);
}

// The choices follow what the history holds; the current choice stays when it still applies.
void HistoryDock::refillFilters()
{
    const auto refill = [](QComboBox *combo, const QString &all, const QStringList &values) {
        const QString current = combo->currentData().toString();
        combo->clear();
        combo->addItem(all, QString());
        for (const QString &value : values)
            combo->addItem(value, value);
        combo->setCurrentIndex(std::max(0, combo->findData(current)));
    };
    refill(m_annotator, tr("All annotators"), m_model->annotators());
    refill(m_field, tr("All fields"), m_model->fields());
}

} // namespace Triage
