#pragma once

#include "findingstracker.h"

#include <QFrame>

class QLabel;

namespace Triage {

// One of the paper's findings on a card: its name, whether it holds now (in words and a mark,
// not colour alone), the finding in a sentence with its current numbers, the rule it is judged
// by with each check's result, and the edit that last flipped it.
class FindingCard final : public QFrame
{
    Q_OBJECT

public:
    FindingCard(FindingsTracker::Which which, QWidget *parent = nullptr);

    void setFindings(const FindingsTracker &tracker);
    FindingsTracker::Which which() const { return m_which; }
    QString verdictText() const;
    QString statementText() const;
    QString flipText() const;
    void setPresentationMode(bool on);

private:
    void applyFonts(double scale);
    FindingsTracker::Which m_which;
    QLabel *m_title;
    QLabel *m_verdict;
    QLabel *m_statement;
    QLabel *m_rule;
    QLabel *m_flip;
    QLabel *m_scope; // on a slide, beside a chart that may be filtered
};

} // namespace Triage
