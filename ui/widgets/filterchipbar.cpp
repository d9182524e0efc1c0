#include "filterchipbar.h"

#include "activefilter.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace Triage {

FilterChipBar::FilterChipBar(ActiveFilter &filter, QWidget *parent)
    : QWidget(parent)
    , m_filter(filter)
    , m_layout(new QHBoxLayout(this))
    , m_none(new QLabel(tr("No filter: every record is shown."), this))
    , m_clearAll(new QToolButton(this))
{
    setObjectName(QStringLiteral("filterChips"));
    m_layout->setContentsMargins(4, 2, 4, 2);
    m_layout->setSpacing(4);
    m_none->setEnabled(false);
    m_layout->addWidget(m_none);
    m_layout->addStretch(1);
    m_clearAll->setObjectName(QStringLiteral("clearFilters"));
    m_clearAll->setText(tr("Clear all"));
    m_clearAll->setToolTip(tr("Remove every filter and the search (Ctrl+Shift+R)"));
    m_clearAll->setAutoRaise(true);
    m_layout->addWidget(m_clearAll);
    connect(m_clearAll, &QToolButton::clicked, &m_filter, &ActiveFilter::clear);
    connect(&m_filter, &ActiveFilter::changed, this, &FilterChipBar::rebuild);
    rebuild();
}

QStringList FilterChipBar::chipTexts() const
{
    QStringList texts;
    for (const QToolButton *chip : m_chips)
        texts.append(chip->property("chipText").toString());
    return texts;
}

void FilterChipBar::rebuild()
{
    // A chip may be the sender of the click that got here: let it finish before it goes.
    for (QToolButton *chip : std::as_const(m_chips)) {
        chip->hide();
        chip->deleteLater();
    }
    m_chips.clear();
    const auto addChip = [this](const QString &text, auto remove) {
        auto *chip = new QToolButton(this);
        chip->setObjectName(QStringLiteral("filterChip"));
        chip->setProperty("chipText", text);
        // Shown as plain text: labels come from files strangers wrote.
        chip->setText(QString(text).replace(QLatin1Char('&'), QStringLiteral("&&")) + QStringLiteral("  \u2715"));
        chip->setToolTip(tr("Remove this filter"));
        chip->setAutoRaise(false);
        connect(chip, &QToolButton::clicked, this, remove);
        m_layout->insertWidget(m_layout->count() - 2, chip);
        m_chips.append(chip);
    };
    for (const FacetValue &value : m_filter.values())
        addChip(value.displayText(), [this, value] { m_filter.remove(value); });
    if (!m_filter.text().isEmpty())
        addChip(tr("Search: %1").arg(m_filter.text()), [this] { m_filter.setText(QString()); });
    m_none->setVisible(m_chips.isEmpty());
    m_clearAll->setEnabled(!m_chips.isEmpty());
}

} // namespace Triage
