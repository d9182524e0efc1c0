#include "filterchipbar.h"

#include "activefilter.h"
#include "plaintext.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace Triage {

FilterChipBar::FilterChipBar(ActiveFilter &filter, QWidget *parent)
    : QWidget(parent)
    , m_filter(filter)
    , m_row(new QWidget(this))
    , m_layout(new QHBoxLayout(m_row))
    , m_none(new QLabel(tr("No filter: every record is shown."), m_row))
    , m_clearAll(new QToolButton(m_row))
{
    setObjectName(QStringLiteral("filterChips"));
    // However long the chips' labels, the bar takes the room the window gives it: a long chip
    // that widened it squeezed the docks, and the whole window was laid out and painted again.
    // The chips are laid out in a row widget sized by hand (resizeEvent), not in a layout of the
    // bar: Qt passes every layout's activation up to the window, and a chip's new text laid the
    // whole window out again a frame after the click.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_layout->setContentsMargins(4, 2, 4, 2);
    m_layout->setSpacing(4);
    m_none->setEnabled(false);
    m_none->setMinimumWidth(0);
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
    setFixedHeight(m_row->sizeHint().height());
}

void FilterChipBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_row->setGeometry(rect());
}

void FilterChipBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        setFixedHeight(m_row->sizeHint().height());
}

QStringList FilterChipBar::chipTexts() const
{
    QStringList texts;
    for (qsizetype i = 0; i < m_removals.size(); ++i)
        texts.append(m_chips[i]->property("chipText").toString());
    return texts;
}

QToolButton *FilterChipBar::chip(qsizetype i)
{
    // Chips are kept and given new texts: a chip made anew at each click was laid out and
    // painted a frame after the rest (and the one clicked cannot be deleted in its own click).
    while (m_chips.size() <= i) {
        auto *chip = new QToolButton(m_row);
        chip->setObjectName(QStringLiteral("filterChip"));
        chip->setToolTip(tr("Remove this filter"));
        chip->setAutoRaise(false);
        const qsizetype index = m_chips.size();
        connect(chip, &QToolButton::clicked, this, [this, index] {
            if (index < m_removals.size())
                m_removals[index]();
        });
        m_layout->insertWidget(m_layout->count() - 2, chip);
        m_chips.append(chip);
    }
    return m_chips[i];
}

void FilterChipBar::rebuild()
{
    m_removals.clear();
    QStringList texts;
    for (const FacetValue &value : m_filter.values()) {
        texts.append(value.displayText());
        m_removals.append([this, value] { m_filter.remove(value); });
    }
    if (!m_filter.text().isEmpty()) {
        texts.append(tr("Search: %1").arg(m_filter.text()));
        m_removals.append([this] { m_filter.setText(QString()); });
    }
    const int widest = fontMetrics().averageCharWidth() * MaxChipChars;
    for (qsizetype i = 0; i < texts.size(); ++i) {
        QToolButton *button = chip(i);
        button->setProperty("chipText", texts[i]);
        // Shown as plain text: labels come from files strangers wrote. A long one is cut in
        // the middle; its tooltip has it whole.
        const QString shown = fontMetrics().elidedText(texts[i], Qt::ElideMiddle, widest);
        button->setText(QString(shown).replace(QLatin1Char('&'), QStringLiteral("&&")) + QStringLiteral("  \u2715"));
        button->setToolTip(shown == texts[i] ? tr("Remove this filter")
                                             : plainTextTooltip(tr("Remove this filter: %1").arg(texts[i])));
        button->setVisible(true);
    }
    for (qsizetype i = texts.size(); i < m_chips.size(); ++i)
        m_chips[i]->setVisible(false);
    m_none->setVisible(texts.isEmpty());
    m_clearAll->setEnabled(!texts.isEmpty());
}

} // namespace Triage
