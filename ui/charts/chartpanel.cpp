#include "chartpanel.h"

#include "chartexporter.h"
#include "workbenchsession.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QStyle>
#include <QVBoxLayout>

namespace Triage {

ChartPanel::ChartPanel(WorkbenchSession &session, const QString &name, const QString &title,
                       QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_name(name)
    , m_title(new QLabel(title, this))
    , m_content(new QWidget(this))
    , m_body(new QVBoxLayout)
    , m_caption(new QLabel(this))
    , m_scope(new QLabel(this))
    , m_refresh([this] { refreshNow(); })
{
    setObjectName(name + QStringLiteral("Chart"));
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_title->setFont(bold);
    m_title->setTextFormat(Qt::PlainText);
    m_caption->setObjectName(QStringLiteral("chartCaption"));
    m_caption->setTextFormat(Qt::PlainText);
    // An exported picture or a slide carries no chips: the filter is said on the chart itself.
    m_scope->setObjectName(QStringLiteral("chartScope"));
    m_scope->setTextFormat(Qt::PlainText);
    m_scope->setWordWrap(true);
    m_scope->hide();
    m_caption->setWordWrap(true);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(m_content);
    layout->addWidget(m_title);
    layout->addWidget(m_scope);
    layout->addLayout(m_body, 1);
    layout->addWidget(m_caption);

    connect(&session, &WorkbenchSession::rowsChanged, this, &ChartPanel::scheduleRefresh);
    connect(&session, &WorkbenchSession::reloaded, this, &ChartPanel::scheduleRefresh);
    connect(this, &ChartPanel::filterRequested, &session.filter(), &ActiveFilter::narrow);
    connect(this, &ChartPanel::filterReplaced, &session.filter(), &ActiveFilter::focus);
}

QString ChartPanel::title() const
{
    return m_title->text();
}

QString ChartPanel::caption() const
{
    return m_caption->text();
}

void ChartPanel::setCaption(const QString &text)
{
    m_caption->setText(text);
    m_caption->setVisible(!text.isEmpty());
}

// A hidden tab is only marked: seven charts redrawn for every click would cost time at a
// million records for pictures nobody sees. A visible one waits for the frame that shows the
// table and the facets, which its refresh (about 2 ms a click at a million records, traced)
// would otherwise delay; the chart follows on the next turn of the event loop.
void ChartPanel::scheduleRefresh()
{
    if (isVisible())
        m_refresh.schedule(window());
    else
        m_stale = true;
}

void ChartPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        m_refresh.schedule(window());
}

void ChartPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // The margins a layout on the panel itself would have: wider when the panel is drawn on
    // its own (an export) than inside the window.
    const int margin = style()->pixelMetric(QStyle::PM_LayoutLeftMargin, nullptr, this);
    if (m_content->layout()->contentsMargins() != QMargins(margin, margin, margin, margin))
        m_content->layout()->setContentsMargins(margin, margin, margin, margin);
    m_content->setGeometry(rect());
}

QSize ChartPanel::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    return {metrics.averageCharWidth() * 120, metrics.height() * 24};
}

QSize ChartPanel::minimumSizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    return {metrics.averageCharWidth() * 40, metrics.height() * 12};
}

QLabel *ChartPanel::subtitle(const QString &text)
{
    auto *label = new QLabel(text, this);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

void ChartPanel::refreshNow()
{
    m_refresh.cancel();
    m_stale = false;
    const QString filter = m_session.filterDescription();
    m_scope->setText(filter.isEmpty() ? QString()
                                      : tr("Filter: %1 \u2014 %2 of %3 records")
                                            .arg(filter, QLocale().toString(qint64(m_session.rows().size())),
                                                 QLocale().toString(qint64(m_session.index().size()))));
    m_scope->setVisible(!filter.isEmpty());
    rebuild();
    Q_EMIT refreshed();
}

void ChartPanel::setStill(bool still)
{
    m_still = still;
}

bool ChartPanel::animationsWanted() const
{
    constexpr int LargeData = 50000; // records; above this a frame of animation costs
    return !m_still && m_session.index().size() < LargeData;
}

void ChartPanel::setSelection(const RowSet &selected)
{
    if (selected == m_selection) // the cursor moving through the table selects one row: no change
        return;
    m_selection = selected;
    scheduleRefresh();
}

void ChartPanel::setPresentationMode(bool on)
{
    QFont f = font();
    f.setPointSizeF(QApplication::font().pointSizeF() * (on ? 1.8 : 1.0));
    setFont(f);
    QFont bold = f;
    bold.setBold(true);
    bold.setPointSizeF(f.pointSizeF() * 1.15);
    m_title->setFont(bold);
    scheduleRefresh();
}

void ChartPanel::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    for (const auto &[format, text] : {std::pair{ChartExporter::Png, tr("Export as PNG\u2026")},
                                       std::pair{ChartExporter::Svg, tr("Export as SVG\u2026")},
                                       std::pair{ChartExporter::Pdf, tr("Export as PDF\u2026")}}) {
        const ChartExporter::Format f = format;
        menu.addAction(text, this, [this, f] { ChartExporter::exportInteractively(this, f); });
    }
    menu.exec(event->globalPos());
}

} // namespace Triage
