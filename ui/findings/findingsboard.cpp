#include "findingsboard.h"

#include "findingcard.h"
#include "widgets/dockscrollarea.h"
#include "workbenchsession.h"
#include "workspace.h"

#include <QBoxLayout>
#include <QLabel>
#include <QScrollArea>

namespace Triage {

FindingsBoard::FindingsBoard(WorkbenchSession &session, QWidget *parent)
    : QDockWidget(tr("Findings"), parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("findingsDock"));
    auto *content = new QWidget;
    auto *layout = new QBoxLayout(QBoxLayout::TopToBottom, content);
    auto *scope = new QLabel(tr("Judged over every record of the workspace, whatever the filter."), content);
    scope->setWordWrap(true);
    scope->setEnabled(false);
    layout->addWidget(scope);
    m_cardLayout = new QBoxLayout(QBoxLayout::TopToBottom);
    for (int w = 0; w < FindingsTracker::Count; ++w) {
        auto *card = new FindingCard(FindingsTracker::Which(w), content);
        m_cardLayout->addWidget(card, 1, Qt::AlignTop);
        m_cards.append(card);
    }
    layout->addLayout(m_cardLayout);
    layout->addStretch(1);
    setWidget(dockScrollArea(content, this));
    connect(&session, &WorkbenchSession::recordsEdited, this, &FindingsBoard::refresh);
    connect(&session, &WorkbenchSession::reloaded, this, [this] { refresh({}); });
    refresh({});
}

// Wide (docked at the bottom, or floated wide) the cards stand side by side; narrow, stacked.
void FindingsBoard::resizeEvent(QResizeEvent *event)
{
    QDockWidget::resizeEvent(event);
    const int cardWidth = 320; // below this the rule lines wrap word by word
    m_cardLayout->setDirection(width() >= FindingsTracker::Count * cardWidth ? QBoxLayout::LeftToRight
                                                                           : QBoxLayout::TopToBottom);
}

void FindingsBoard::refresh(const QVector<AppliedEdit> &edits)
{
    m_tracker.update(m_session.index(), edits);
    for (FindingCard *card : std::as_const(m_cards))
        card->setFindings(m_tracker);
    Q_EMIT findingsChanged();
}

} // namespace Triage
