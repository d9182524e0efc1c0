#include "findingcard.h"

#include <QApplication>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace Triage {

namespace {
QLabel *textLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText); // the numbers quote labels from files
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

FindingCard::FindingCard(FindingsTracker::Which which, QWidget *parent)
    : QFrame(parent)
    , m_which(which)
    , m_title(textLabel(this, QStringLiteral("findingTitle")))
    , m_verdict(textLabel(this, QStringLiteral("findingVerdict")))
    , m_statement(textLabel(this, QStringLiteral("findingStatement")))
    , m_rule(textLabel(this, QStringLiteral("findingRule")))
    , m_flip(textLabel(this, QStringLiteral("findingFlip")))
    , m_scope(textLabel(this, QStringLiteral("findingScope")))
{
    setObjectName(QStringLiteral("findingCard%1").arg(int(which)));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_title->setText(FindingsTracker::name(which));
    applyFonts(1.0);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_verdict);
    layout->addWidget(m_statement);
    layout->addWidget(m_rule);
    layout->addWidget(m_flip);
    layout->addWidget(m_scope);
    m_scope->hide(); // the board says it once for all three cards
    layout->addStretch(1);
}

void FindingCard::setFindings(const FindingsTracker &tracker)
{
    const bool holds = tracker.holds(m_which);
    m_verdict->setText(holds ? tr("\u2714 Holds") : tr("\u2718 Does not hold"));
    // Okabe-Ito bluish green and vermillion, and the mark says it for anyone who cannot tell.
    QPalette pal = m_verdict->palette();
    pal.setColor(QPalette::WindowText, holds ? QColor(0x009E73) : QColor(0xD55E00));
    m_verdict->setPalette(pal);
    m_statement->setText(tracker.statement(m_which));
    QStringList rule{tr("Rule (docs/findings.md):")};
    for (const FindingCheck &check : tracker.checks(m_which))
        rule.append((check.passed ? QStringLiteral("\u2714 ") : QStringLiteral("\u2718 ")) + check.description);
    m_rule->setText(rule.join(QLatin1Char('\n')));
    m_flip->setText(tracker.flipNote(m_which));
    m_flip->setVisible(!m_flip->text().isEmpty());
    m_scope->setText(tr("Judged over all %1 records of the workspace, whatever the filter.")
                         .arg(QLocale().toString(tracker.recordCount())));
}

// Each label has its own font (bold title, small rule), so a scale is applied to each.
void FindingCard::applyFonts(double scale)
{
    const QFont base = QApplication::font();
    auto scaled = [&](double factor, bool bold, bool italic) {
        QFont f = base;
        f.setPointSizeF(base.pointSizeF() * factor * scale);
        f.setBold(bold);
        f.setItalic(italic);
        return f;
    };
    m_title->setFont(scaled(1.2, true, false));
    m_verdict->setFont(scaled(1.0, true, false));
    m_statement->setFont(scaled(1.0, false, false));
    m_rule->setFont(scaled(0.9, false, false));
    m_flip->setFont(scaled(1.0, false, true));
    m_scope->setFont(scaled(0.9, false, true));
}

QString FindingCard::verdictText() const
{
    return m_verdict->text();
}

QString FindingCard::statementText() const
{
    return m_statement->text();
}

QString FindingCard::flipText() const
{
    return m_flip->text();
}

void FindingCard::setPresentationMode(bool on)
{
    // The rule stays: a class asks how "holds" is decided.
    applyFonts(on ? 1.6 : 1.0);
    m_scope->setVisible(on);
}

} // namespace Triage
