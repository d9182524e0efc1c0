#include "relabelpanel.h"

#include "dialogs/newlabeldialog.h"
#include "editcontroller.h"
#include "labelpicker.h"
#include "plainmessagebox.h"
#include "recordrules.h"
#include "workbenchsession.h"
#include "workspace.h"
#include "wheelguard.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>

namespace Triage {

RelabelPanel::RelabelPanel(WorkbenchSession &session, EditController &edits, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_edits(edits)
    , m_symptom(new LabelPicker(Field::Symptom, this))
    , m_cause(new LabelPicker(Field::Cause, this))
    , m_stage(new QComboBox(this))
    , m_reason(new QLineEdit(this))
    , m_apply(new QPushButton(tr("&Apply"), this))
{
    WheelGuard::install(m_stage);
    setObjectName(QStringLiteral("relabelPanel"));
    m_stage->setObjectName(QStringLiteral("stagePicker"));
    m_stage->addItems({QStringLiteral("Inference"), QStringLiteral("Fine-tuning")});
    m_apply->setObjectName(QStringLiteral("applyRelabel"));
    m_apply->setToolTip(tr("Store the labels shown (Enter in a picker, or Ctrl+Return)"));
    m_apply->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    auto *newLabel = new QPushButton(tr("New label\u2026"), this);
    newLabel->setObjectName(QStringLiteral("newLabel"));

    auto *form = new QFormLayout;
    form->addRow(tr("S&ymptom:"), m_symptom);
    form->addRow(tr("&Cause:"), m_cause);
    form->addRow(tr("S&tage:"), m_stage);
    m_reason->setObjectName(QStringLiteral("relabelReason"));
    m_reason->setPlaceholderText(tr("Why (optional, kept in the history)"));
    form->addRow(tr("&Reason:"), m_reason);
    connect(m_reason, &QLineEdit::returnPressed, this, &RelabelPanel::apply);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(newLabel);
    buttons->addWidget(m_apply);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addLayout(buttons);

    connect(m_apply, &QPushButton::clicked, this, &RelabelPanel::apply);
    connect(newLabel, &QPushButton::clicked, this, &RelabelPanel::newLabel);
    connect(m_symptom, &LabelPicker::committed, this, &RelabelPanel::apply);
    connect(m_cause, &LabelPicker::committed, this, &RelabelPanel::apply);
    connect(&session, &WorkbenchSession::recordsEdited, this, [this](const QVector<AppliedEdit> &edits) {
        // The lists of labels may have grown or shrunk; the choices shown are only replaced
        // when this record's labels changed (a note saved meanwhile must not undo a choice).
        bool mine = false;
        for (const AppliedEdit &edit : edits)
            mine = mine || (edit.rid == m_rid && edit.field != EditField::Note);
        // Changed elsewhere while the user has choices of their own not applied yet: the
        // choices stay, and applying them meets the change as a conflict to resolve.
        if (mine && hasPendingChanges() && !choicesMatchStore())
            mine = false;
        if (mine) {
            reload();
        } else {
            m_symptom->setLabelsInUse(m_session.index().labelsInUse(Field::Symptom));
            m_cause->setLabelsInUse(m_session.index().labelsInUse(Field::Cause));
        }
    });
    connect(&session, &WorkbenchSession::reloaded, this, &RelabelPanel::reload);
    setRecord(0);
}

void RelabelPanel::setRecord(qint64 rid)
{
    m_rid = rid;
    m_confirmed.clear();
    reload();
}

void RelabelPanel::reload()
{
    const RecordIndex &index = m_session.index();
    m_symptom->setLabelsInUse(index.labelsInUse(Field::Symptom));
    m_cause->setLabelsInUse(index.labelsInUse(Field::Cause));
    const std::optional<quint32> row = index.rowOf(m_rid);
    setEnabled(row.has_value());
    if (!row) { // nothing selected: show nothing rather than the last record's labels
        m_seen = {};
        m_symptom->setLabel(QString());
        m_cause->setLabel(QString());
        return;
    }
    m_seen = {index.text({Field::Symptom, 3}, *row), index.text({Field::Cause, 2}, *row),
              index.text({Field::Stage, 1}, *row)};
    m_symptom->setLabel(m_seen.symptom);
    m_cause->setLabel(m_seen.cause);
    m_stage->setCurrentText(m_seen.stage);
}

bool RelabelPanel::choicesMatchStore() const
{
    const RecordIndex &index = m_session.index();
    const std::optional<quint32> row = index.rowOf(m_rid);
    return row && m_symptom->label() == index.text({Field::Symptom, 3}, *row)
        && m_cause->label() == index.text({Field::Cause, 2}, *row)
        && m_stage->currentText() == index.text({Field::Stage, 1}, *row);
}

bool RelabelPanel::confirmNewLabels(const QStringList &newLabels)
{
    QStringList ask;
    for (const QString &label : newLabels) {
        if (!m_confirmed.contains(label))
            ask.append(label);
    }
    if (ask.isEmpty())
        return true;
    const auto answer = showPlainMessage(
        this, QMessageBox::Question, tr("New label"),
        tr("No record has this label yet:\n\n%1\n\nAdd it to the taxonomy?").arg(ask.join(QLatin1Char('\n'))),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return false;
    m_confirmed += ask;
    return true;
}

bool RelabelPanel::apply()
{
    if (!m_rid)
        return false;
    for (LabelPicker *picker : {m_symptom, m_cause}) {
        if (const QString missing = picker->incompleteMessage(); !missing.isEmpty()) {
            showPlainMessage(this, QMessageBox::Information, tr("Label not complete"), missing);
            return false;
        }
    }
    const QString symptom = m_symptom->label();
    const QString cause = m_cause->label();
    for (const auto &[key, label] : {std::pair{RecordKey::Symptom, symptom}, std::pair{RecordKey::Cause, cause}}) {
        const QString problem = labelProblem(key, label);
        if (!problem.isEmpty()) {
            showPlainMessage(this, QMessageBox::Warning, tr("Label not usable"), problem);
            return false;
        }
    }
    QStringList newLabels;
    if (m_edits.isNewLabel(EditField::Symptom, symptom))
        newLabels.append(symptom);
    if (m_edits.isNewLabel(EditField::Cause, cause))
        newLabels.append(cause);
    if (!confirmNewLabels(newLabels))
        return false;
    if (!m_edits.relabel(m_rid, symptom, cause, m_stage->currentText(), !newLabels.isEmpty(),
                         m_reason->text().trimmed(), m_seen))
        return false;
    m_reason->clear();
    reload(); // what the store holds now: these choices, or another window's the user kept
    Q_EMIT applied();
    return true;
}

bool RelabelPanel::hasPendingChanges() const
{
    if (!m_session.index().rowOf(m_rid))
        return false;
    return m_symptom->label() != m_seen.symptom || m_cause->label() != m_seen.cause
        || m_stage->currentText() != m_seen.stage;
}

void RelabelPanel::newLabel()
{
    NewLabelDialog dialog(m_session.index().labelsInUse(Field::Symptom),
                          m_session.index().labelsInUse(Field::Cause), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_confirmed.append(dialog.label()); // typed in full and confirmed in the dialog
    (dialog.field() == Field::Symptom ? m_symptom : m_cause)->setLabel(dialog.label());
}

} // namespace Triage
