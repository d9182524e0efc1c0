#pragma once

#include <QWidget>

class QLabel;
class QStackedWidget;

namespace Triage {

class FindingsBoard;
class WorkbenchSession;

// Presentation mode (F11) for a teacher at a projector: full screen, large text, one slide at a
// time: the taxonomy, then each finding as its card beside its chart. Arrow keys (or Page
// Up/Down, Space) step through; Escape or F11 ends it. The cards follow the board, so a relabel
// made during the lesson shows on the slide, flip note included.
class PresentationWindow final : public QWidget
{
    Q_OBJECT

public:
    PresentationWindow(WorkbenchSession &session, const FindingsBoard &board, QWidget *parent = nullptr);

    // Shows it full screen on the screen of the window that opened it.
    void start();
    int slideCount() const;
    int currentSlide() const;
    QString slideTitle(int slide) const;
    // The slide that shows a chart ("taxonomy", "divergence", ...; "findings": the first
    // finding), or -1.
    int slideOf(const QString &chartName) const;
    // The names slideOf() knows.
    QStringList slideNames() const;
    void goTo(int slide);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    QStackedWidget *m_slides;
    QLabel *m_position;
    QStringList m_titles;
    QStringList m_names;
};

} // namespace Triage
