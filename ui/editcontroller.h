#pragma once

#include "workspace.h"

#include <QObject>
#include <QVector>

#include <optional>

class QUndoStack;
class QWidget;

namespace Triage {

class AnnotatorIdentity;
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

    // One record's labels; unchanged values may be passed too. `allowNewLabels` is the user's
    // explicit "yes, a new label". True when the store now holds the change.
    bool relabel(qint64 rid, const QString &symptom, const QString &cause, const QString &stage,
                 bool allowNewLabels, const QString &reason = QString());
    bool batchRelabel(const QVector<qint64> &rids, EditField field, const QString &value,
                      bool allowNewLabels);
    bool setNote(qint64 rid, const QString &text);

    // Whether a symptom or cause is new to the taxonomy (no record has it now).
    bool isNewLabel(EditField field, const QString &label) const;

private:
    template <typename Command>
    bool push(EditSet set);

    WorkbenchSession &m_session;
    QUndoStack &m_undoStack;
    AnnotatorIdentity &m_annotator;
    QWidget *m_window;
};

} // namespace Triage
