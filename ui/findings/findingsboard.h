#pragma once

#include "findingstracker.h"

#include <QDockWidget>

QT_BEGIN_NAMESPACE
class QBoxLayout;
QT_END_NAMESPACE

namespace Triage {

class FindingCard;
class WorkbenchSession;

// The three findings on cards, judged over every record of the workspace by the rules of
// docs/findings.md (the same rules as `llmtriage findings`), updated after every edit, and
// naming the edit when one flips a finding.
class FindingsBoard final : public QDockWidget
{
    Q_OBJECT

public:
    explicit FindingsBoard(WorkbenchSession &session, QWidget *parent = nullptr);

    FindingCard *card(FindingsTracker::Which which) const { return m_cards.value(which); }
    const FindingsTracker &tracker() const { return m_tracker; }

Q_SIGNALS:
    // After every recomputation (each edit, undo and reload).
    void findingsChanged();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void refresh(const QVector<AppliedEdit> &edits);

    WorkbenchSession &m_session;
    FindingsTracker m_tracker;
    QList<FindingCard *> m_cards;
    QBoxLayout *m_cardLayout = nullptr;
};

} // namespace Triage
