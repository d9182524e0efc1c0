#pragma once

#include <QLineEdit>
#include <QTimer>

namespace Triage {

class ActiveFilter;

// The search box: sets the filter's text once typing pauses, so a million records are not
// searched for every keystroke. Escape clears it.
class SearchField final : public QLineEdit
{
    Q_OBJECT

public:
    explicit SearchField(ActiveFilter &filter, QWidget *parent = nullptr);
    static constexpr int DelayMs = 250;

Q_SIGNALS:
    // Down arrow: the user wants to go to the results.
    void leaveDown();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    ActiveFilter &m_filter;
    QTimer m_delay;
};

} // namespace Triage
