#include "searchfield.h"

#include "activefilter.h"

#include <QKeyEvent>

namespace Triage {

SearchField::SearchField(ActiveFilter &filter, QWidget *parent)
    : QLineEdit(parent)
    , m_filter(filter)
{
    setObjectName(QStringLiteral("searchField"));
    setPlaceholderText(tr("Search ids, labels, links and notes (Ctrl+F)"));
    setClearButtonEnabled(true);
    m_delay.setSingleShot(true);
    m_delay.setInterval(DelayMs);
    connect(this, &QLineEdit::textEdited, &m_delay, qOverload<>(&QTimer::start));
    connect(this, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty()) // the clear button or Escape: at once
            m_filter.setText(QString());
    });
    connect(&m_delay, &QTimer::timeout, this, [this] { m_filter.setText(text().trimmed()); });
    // A chip removed or "clear all" elsewhere empties the box too.
    connect(&filter, &ActiveFilter::changed, this, [this] {
        if (m_filter.text() != text().trimmed() && !m_delay.isActive())
            setText(m_filter.text());
    });
}

void SearchField::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && !text().isEmpty()) {
        clear();
        return;
    }
    if (event->key() == Qt::Key_Down && event->modifiers() == Qt::NoModifier) {
        if (m_delay.isActive()) { // search now rather than leave the last keystrokes behind
            m_delay.stop();
            m_filter.setText(text().trimmed());
        }
        Q_EMIT leaveDown();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

} // namespace Triage
