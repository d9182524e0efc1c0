#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace Triage {

class EditController;

// Above the table while edits wait to be written: how many, why, and Retry. The edits are on
// the undo stack marked "not saved" (EditController::unwrittenCount); this bar is how the user
// sees that nothing was lost and gets them written once the file can be.
class UnsavedEditsBar final : public QFrame
{
    Q_OBJECT

public:
    explicit UnsavedEditsBar(EditController &edits, QWidget *parent = nullptr);

    QPushButton *retryButton() const { return m_retry; }
    QString message() const;

private:
    void refresh();

    EditController &m_edits;
    QLabel *m_text;
    QPushButton *m_retry;
};

} // namespace Triage
