#pragma once

#include "editcontroller.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPushButton;

namespace Triage {

class EditController;
class LabelPicker;
class WorkbenchSession;

// The detail dock's relabelling: a picker for symptom and for cause, a stage choice, Apply and
// "New label…". Enter in any picker applies. A label that is not in the taxonomy yet is only
// used after the user confirms it.
class RelabelPanel final : public QWidget
{
    Q_OBJECT

public:
    RelabelPanel(WorkbenchSession &session, EditController &edits, QWidget *parent = nullptr);

    void setRecord(qint64 rid);
    qint64 record() const { return m_rid; }
    // The pickers show something else than the record has, not applied yet.
    bool hasPendingChanges() const;
    // The choices are what the store holds now (applied here, or the same change made elsewhere).
    bool choicesMatchStore() const;
    LabelPicker *symptomPicker() const { return m_symptom; }
    LabelPicker *causePicker() const { return m_cause; }
    QComboBox *stageCombo() const { return m_stage; }
    QLineEdit *reasonField() const { return m_reason; }

public Q_SLOTS:
    // Applies what the pickers show to the record; asks before using a new label.
    bool apply();
    void newLabel();

Q_SIGNALS:
    // After a change was stored: the window moves on when the user asked for it.
    void applied();

private:
    void reload();
    bool confirmNewLabels(const QStringList &newLabels);

    WorkbenchSession &m_session;
    EditController &m_edits;
    qint64 m_rid = 0;
    LabelPicker *m_symptom;
    LabelPicker *m_cause;
    QComboBox *m_stage;
    QLineEdit *m_reason;
    QPushButton *m_apply;
    QStringList m_confirmed; // new labels the user already said yes to
    // The record's labels as last shown: what the user changes, and what an edit expects the
    // store still to hold (another window may change it meanwhile).
    EditController::SeenLabels m_seen;
};

} // namespace Triage
