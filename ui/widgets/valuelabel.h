#pragma once

#include <QLabel>

namespace Triage {

// A value shown in the record dock: plain text (labels come from files strangers wrote),
// wrapped, and selectable with the mouse or the keyboard as a selectable QLabel is. Such a label
// keeps its text in a QTextDocument laid out again at every new text; at a million records each
// facet click moves to another record, and the dock's documents took about 1 ms of it. So the
// text is drawn as a plain label until the user reaches for it (a press, a context menu, the
// focus), and goes back to plain at the next record unless it still has the focus.
class ValueLabel final : public QLabel
{
    Q_OBJECT

public:
    explicit ValueLabel(QWidget *parent = nullptr);

    // Use this rather than setText(): it lets go of the selection machinery first.
    void setValue(const QString &text);
    bool isSelectable() const;

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;

private:
    void setSelectable(bool selectable);
};

} // namespace Triage
