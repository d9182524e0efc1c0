#include "filterchipbar.h"

#include "activefilter.h"
#include "plaintext.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QResizeEvent>
#include <QLabel>
#include <QMenu>
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
    , m_more(new QToolButton(m_row))
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
    m_layout->addWidget(m_none);
    // Filters that do not fit are behind "+N", a menu of them: squeezed, chips were clipped
    // to unreadable slivers.
    m_more->setObjectName(QStringLiteral("moreFilterChips"));
    m_more->setPopupMode(QToolButton::InstantPopup);
    m_more->setMenu(new QMenu(m_more));
    m_more->hide();
    m_layout->addWidget(m_more);
    m_layout->addStretch(1);
    m_clearAll->setObjectName(QStringLiteral("clearFilters"));
    m_clearAll->setText(tr("Clear all"));
    m_clearAll->setToolTip(tr("Remove every filter and the search (Ctrl+Shift+R)"));
    m_clearAll->setAutoRaise(true);
    m_layout->addWidget(m_clearAll);
    connect(m_clearAll, &QToolButton::clicked, &m_filter, &ActiveFilter::clear);
    connect(&m_filter, &ActiveFilter::changed, this, &FilterChipBar::rebuild);
    rebuild();
    fitSize();
}

// One row high, and at least as wide as "no filter" and "Clear all": the room the table's
// column keeps in a narrow window (the bar used to hold it open).
void FilterChipBar::fitSize()
{
    setFixedHeight(m_row->sizeHint().height());
    setMinimumWidth(m_row->minimumSizeHint().width());
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
        fitSize();
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
        connect(chip, &QToolButton::clicked, this, [this, index] { remove(index); });
        m_layout->insertWidget(m_layout->count() - 3, chip); // before "+N", the stretch and "Clear all"
        m_chips.append(chip);
    }
    return m_chips[i];
}

void FilterChipBar::remove(qsizetype chip)
{
    if (chip >= m_removals.size())
        return;
    // A copy: the removal changes the filter, which rebuilds the chips and their removals
    // while it runs.
    const std::function<void()> removal = m_removals[chip];
    removal();
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
    }
    for (qsizetype i = texts.size(); i < m_chips.size(); ++i)
        m_chips[i]->setVisible(false);
    m_none->setVisible(texts.isEmpty());
    m_clearAll->setEnabled(!texts.isEmpty());
    fitTexts();
}

// The chips share the bar: short ones get what they need, the long ones split the rest, and a
// label longer than its share is cut in the middle (its tooltip has it whole). Chips that would
// get less than MinChipChars go behind "+N". Shown as plain text: labels come from files
// strangers wrote.
void FilterChipBar::fitTexts()
{
    const QFontMetrics metrics = fontMetrics();
    const QString close = QStringLiteral("  \u2715");
    const QMargins margins = m_layout->contentsMargins();
    const int spacing = m_layout->spacing();
    const int available = width() - margins.left() - margins.right() - m_clearAll->sizeHint().width() - spacing;
    const int least = metrics.averageCharWidth() * MinChipChars;
    // What a chip takes besides its text: its frame and the close mark.
    const qsizetype inUse = m_removals.size(); // the chips in use, the first of m_chips
    std::vector<int> frame(static_cast<size_t>(inUse));
    std::vector<int> need(static_cast<size_t>(inUse));
    for (qsizetype i = 0; i < inUse; ++i) {
        m_chips[i]->setText(close);
        frame[size_t(i)] = m_chips[i]->sizeHint().width() + spacing;
        need[size_t(i)] = metrics.horizontalAdvance(m_chips[i]->property("chipText").toString());
    }
    // As many chips, in order, as fit at their least; the rest behind "+N".
    qsizetype fitting = inUse;
    const auto moreWidth = [&](qsizetype hidden) {
        m_more->setText(tr("+%1").arg(hidden));
        return m_more->sizeHint().width() + spacing;
    };
    for (;;) {
        int used = fitting < inUse ? moreWidth(inUse - fitting) : 0;
        for (qsizetype i = 0; i < fitting; ++i)
            used += frame[size_t(i)] + std::min(need[size_t(i)], least);
        if (used <= available || fitting == 0)
            break;
        --fitting;
    }
    int room = available - (fitting < inUse ? moreWidth(inUse - fitting) : 0);
    for (qsizetype i = 0; i < fitting; ++i)
        room -= frame[size_t(i)];
    std::vector<std::pair<int, qsizetype>> byNeed;
    for (qsizetype i = 0; i < fitting; ++i)
        byNeed.push_back({need[size_t(i)], i});
    std::sort(byNeed.begin(), byNeed.end());
    std::vector<int> share(static_cast<size_t>(inUse), 0);
    for (size_t k = 0; k < byNeed.size(); ++k) {
        const int fair = std::max(room / int(byNeed.size() - k), least);
        share[size_t(byNeed[k].second)] = std::min(byNeed[k].first, fair);
        room -= share[size_t(byNeed[k].second)];
    }
    QMenu *menu = m_more->menu();
    menu->clear();
    for (qsizetype i = 0; i < inUse; ++i) {
        QToolButton *button = m_chips[i];
        const QString text = button->property("chipText").toString();
        if (i >= fitting) {
            button->setVisible(false);
            QAction *remove = menu->addAction(tr("Remove %1").arg(QString(text).replace(QLatin1Char('&'), QStringLiteral("&&"))));
            connect(remove, &QAction::triggered, this, [this, i] { this->remove(i); });
            continue;
        }
        // (Measured whole, a text that fits is kept as it is: elidedText() measures in
        // fractions of a pixel and could cut a text that fits to the rounded pixel.)
        const QString shown = share[size_t(i)] >= need[size_t(i)]
            ? text : metrics.elidedText(text, Qt::ElideMiddle, share[size_t(i)]);
        button->setText(QString(shown).replace(QLatin1Char('&'), QStringLiteral("&&")) + close);
        button->setToolTip(shown == text ? tr("Remove this filter")
                                         : plainTextTooltip(tr("Remove this filter: %1").arg(text)));
        button->setVisible(true);
    }
    m_more->setVisible(fitting < inUse);
    if (fitting < inUse) {
        m_more->setText(tr("+%1").arg(inUse - fitting));
        m_more->setToolTip(tr("%n more filter(s)", nullptr, int(inUse - fitting)));
    }
}

} // namespace Triage
