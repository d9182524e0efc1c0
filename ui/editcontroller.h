#pragma once

#include "dialogs/conflictdialog.h"
#include "workspace.h"

#include <QObject>
#include <QVector>

#include <optional>

class QUndoStack;
class QWidget;

namespace Triage {

class AnnotatorIdentity;
class EditCommand;
class WorkbenchSession;

// Every edit the window makes goes through here: it asks who is editing (first time), turns the
// request into an undo command, and shows why an edit was refused. One QUndoStack per
// workspace; the commands write the store through the session.
class EditController final : public QObject
{
    Q_OBJECT

public:
    EditController(WorkbenchSession &session, QUndoStack &undoStack, AnnotatorIdentity &annotator,
                   QWidget *window, QObject *parent = nullptr);

    // What an editor showed before the user changed it: an edit writes only what differs
    // from it, and only over it (another window's change meanwhile is a conflict to resolve).
    struct SeenLabels
    {
        QString symptom;
        QString cause;
        QString stage;
    };

    // One record's labels; unchanged values may be passed too. `allowNewLabels` is the user's
    // explicit "yes, a new label". True when the store now holds the change (or the user kept
    // another window's values over it).
    bool relabel(qint64 rid, const QString &symptom, const QString &cause, const QString &stage,
                 bool allowNewLabels, const QString &reason = QString(),
                 const std::optional<SeenLabels> &seen = std::nullopt);
    bool batchRelabel(const QVector<qint64> &rids, EditField field, const QString &value,
                      bool allowNewLabels);
    bool setNote(qint64 rid, const QString &text, const std::optional<QString> &seen = std::nullopt);

    // Relabels the store could not take (busy, full, read-only), kept on the undo stack
    // marked "not saved" until retried; the first one's error.
    int unwrittenCount() const;
    QString unwrittenError() const;
    // Writes them in order, stopping at the first that still fails. True when none is left.
    bool retryUnwritten();

    // Whether a symptom or cause is new to the taxonomy (no record has it now).
    bool isNewLabel(EditField field, const QString &label) const;

Q_SIGNALS:
    // An edit could not be written and waits, or waiting edits were retried.
    void unwrittenChanged();

private:
    QVector<EditCommand *> unwrittenCommands() const;
    template <typename Command>
    bool push(EditSet set);
    // Both values side by side; the user chooses.
    ConflictDialog::Choice resolve(const QVector<ConflictingEdit> &conflicts);

    WorkbenchSession &m_session;
    QUndoStack &m_undoStack;
    AnnotatorIdentity &m_annotator;
    QWidget *m_window;
};

} // namespace Triage
