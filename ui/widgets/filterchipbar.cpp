#include "filterchipbar.h"

#include "activefilter.h"
#include "plaintext.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QResizeEvent>
#include <QLabel>
#include <QToolButton>

#include <algorithm>
#include <vector>

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
    if (event->size().width() != event->oldSize().width())
        fitTexts();
}

void FilterChipBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        setFixedHeight(m_row->sizeHint().height());
        fitTexts();
    }
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
    for (qsizetype i = 0; i < texts.size(); ++i) {
        QToolButton *button = chip(i);
        button->setProperty("chipText", texts[i]);
        button->setVisible(true);
    }
    m_shown = texts.size();
    for (qsizetype i = texts.size(); i < m_chips.size(); ++i)
        m_chips[i]->setVisible(false);
    m_none->setVisible(texts.isEmpty());
    m_clearAll->setEnabled(!texts.isEmpty());
    fitTexts();
}

// The chips share the bar: short ones get what they need, the long ones split the rest, and a
// label longer than its share is cut in the middle (its tooltip has it whole). Shown as plain
// text: labels come from files strangers wrote.
void FilterChipBar::fitTexts()
{
    if (m_shown == 0)
        return;
    const QFontMetrics metrics = fontMetrics();
    const QString close = QStringLiteral("  \u2715");
    const QMargins margins = m_layout->contentsMargins();
    int room = width() - margins.left() - margins.right() - m_clearAll->sizeHint().width()
        - int(m_shown + 1) * m_layout->spacing();
    std::vector<std::pair<int, qsizetype>> needs; // text width, chip
    for (qsizetype i = 0; i < m_shown; ++i) {
        // What the button adds around its text: its own size hint, less the text's width.
        QToolButton *button = m_chips[i];
        button->setText(close);
        room -= button->sizeHint().width(); // its frame and the close mark
        needs.push_back({metrics.horizontalAdvance(button->property("chipText").toString()), i});
    }
    std::sort(needs.begin(), needs.end());
    std::vector<int> share(size_t(m_shown), 0);
    for (size_t k = 0; k < needs.size(); ++k) {
        const int fair = std::max(room / int(needs.size() - k), metrics.averageCharWidth() * MinChipChars);
        share[size_t(needs[k].second)] = std::min(needs[k].first, fair);
        room -= share[size_t(needs[k].second)];
    }
    for (qsizetype i = 0; i < m_shown; ++i) {
        QToolButton *button = m_chips[i];
        const QString text = button->property("chipText").toString();
        // (Measured whole, a text that fits is kept as it is: elidedText() measures in
        // fractions of a pixel and could cut a text that fits to the rounded pixel.)
        const QString shown = share[size_t(i)] >= metrics.horizontalAdvance(text)
            ? text : metrics.elidedText(text, Qt::ElideMiddle, share[size_t(i)]);
        button->setText(QString(shown).replace(QLatin1Char('&'), QStringLiteral("&&")) + close);
        button->setToolTip(shown == text ? tr("Remove this filter")
                                         : plainTextTooltip(tr("Remove this filter: %1").arg(text)));
    }
}

} // namespace Triage
