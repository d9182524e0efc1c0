#include "presentationwindow.h"

#include "charts/chartcatalog.h"
#include "charts/chartpanel.h"
#include "findings/findingcard.h"
#include "findings/findingsboard.h"
#include "workbenchsession.h"

#include <QApplication>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QScreen>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Triage {

PresentationWindow::PresentationWindow(WorkbenchSession &session, const FindingsBoard &board, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_slides(new QStackedWidget(this))
    , m_position(new QLabel(this))
{
    setObjectName(QStringLiteral("presentation"));
    setWindowTitle(tr("llmtriage \u2014 presentation"));
    setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 24, 32, 16);
    layout->addWidget(m_slides, 1);
    m_position->setAlignment(Qt::AlignRight);
    // In the text colour, not greyed out: a projector washes out anything paler.
    QFont hint = m_position->font();
    hint.setPointSizeF(QApplication::font().pointSizeF() * 1.2);
    m_position->setFont(hint);
    layout->addWidget(m_position);

    // Slides are panels on the window's session: they draw what its table shows, with the filter
    // written under each title, and a click on a slide filters like one in the window.
    ChartPanel *taxonomy = ChartCatalog::create(QStringLiteral("taxonomy"), session, m_slides);
    taxonomy->setPresentationMode(true);
    m_slides->addWidget(taxonomy);
    m_titles.append(taxonomy->title());
    m_names.append(taxonomy->chartName());

    const std::pair<FindingsTracker::Which, const char *> findings[] = {
        {FindingsTracker::Divergence, "divergence"},
        {FindingsTracker::Homogeneity, "homogeneity"},
        {FindingsTracker::Escalation, "escalation"}};
    for (const auto &[which, chartName] : findings) {
        auto *slide = new QWidget(m_slides);
        auto *row = new QHBoxLayout(slide);
        auto *card = new FindingCard(which, slide);
        card->setFindings(board.tracker());
        connect(&board, &FindingsBoard::findingsChanged, card, [card, &board] { card->setFindings(board.tracker()); });
        card->setPresentationMode(true);
        ChartPanel *chart = ChartCatalog::create(QString::fromLatin1(chartName), session, slide);
        chart->setPresentationMode(true);
        row->addWidget(card, 2); // the card's text wraps; the chart's names need the width
        row->addWidget(chart, 5);
        m_slides->addWidget(slide);
        m_titles.append(FindingsTracker::name(which));
        m_names.append(chart->chartName());
    }
    // The slides are to be looked at: a chart that took the focus (a click on a bar does) would
    // keep the arrow and page keys for its own scrolling, and the teacher's clicker would stop.
    for (QWidget *child : m_slides->findChildren<QWidget *>())
        child->setFocusPolicy(Qt::NoFocus);
    setFocusPolicy(Qt::StrongFocus);
    goTo(0);
}

void PresentationWindow::start()
{
    // Without a window manager (a bare X server at a projector, or Xvfb) the full-screen request
    // is only a hint nobody reads: take the screen's size ourselves as well.
    QScreen *screen = parentWidget() ? parentWidget()->screen() : QGuiApplication::primaryScreen();
    if (screen)
        setGeometry(screen->geometry());
    showFullScreen();
    activateWindow();
    setFocus();
}

int PresentationWindow::slideCount() const
{
    return m_slides->count();
}

int PresentationWindow::currentSlide() const
{
    return m_slides->currentIndex();
}

int PresentationWindow::slideOf(const QString &chartName) const
{
    // The findings board has no slide of its own: its cards start at the first finding.
    if (chartName == QLatin1String("findings"))
        return 1;
    return int(m_names.indexOf(chartName));
}

QStringList PresentationWindow::slideNames() const
{
    return m_names + QStringList{QStringLiteral("findings")};
}

QString PresentationWindow::slideTitle(int slide) const
{
    return m_titles.value(slide);
}

void PresentationWindow::goTo(int slide)
{
    slide = std::clamp(slide, 0, slideCount() - 1);
    m_slides->setCurrentIndex(slide);
    m_position->setText(tr("%1 / %2 \u2014 arrows to move, Esc to leave").arg(slide + 1).arg(slideCount()));
}

void PresentationWindow::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_Down:
    case Qt::Key_PageDown:
    case Qt::Key_Space:
        goTo(currentSlide() + 1);
        return;
    case Qt::Key_Left:
    case Qt::Key_Up:
    case Qt::Key_PageUp:
    case Qt::Key_Backspace:
        goTo(currentSlide() - 1);
        return;
    case Qt::Key_Home:
        goTo(0);
        return;
    case Qt::Key_End:
        goTo(slideCount() - 1);
        return;
    case Qt::Key_Escape:
    case Qt::Key_F11:
        close();
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

} // namespace Triage
