#include "batchrelabeldialog.h"

#include "batchpreviewmodel.h"
#include "editcontroller.h"
#include "recordrules.h"
#include "widgets/labelpicker.h"
#include "widgets/plainmessagebox.h"
#include "workbenchsession.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Triage {

BatchRelabelDialog::BatchRelabelDialog(WorkbenchSession &session, EditController &edits,
                                       const QVector<qint64> &selectedRids, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_edits(edits)
    , m_selected(selectedRids)
    , m_selectedOnly(new QRadioButton(this))
    , m_allFiltered(new QRadioButton(this))
    , m_field(new QComboBox(this))
    , m_values(new QStackedWidget(this))
    , m_symptom(new LabelPicker(Field::Symptom, this))
    , m_cause(new LabelPicker(Field::Cause, this))
    , m_stage(new QComboBox(this))
    , m_preview(new BatchPreviewModel(session.index(), this))
    , m_previewView(new QTableView(this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("batchRelabelDialog"));
    setWindowTitle(tr("Relabel records"));
    m_selectedOnly->setText(tr("The %n selected record(s)", nullptr, int(selectedRids.size())));
    m_allFiltered->setText(tr("All %n record(s) the filter shows", nullptr, int(session.rows().size())));
    m_allFiltered->setObjectName(QStringLiteral("batchAllFiltered"));
    m_selectedOnly->setEnabled(!selectedRids.isEmpty());
    (selectedRids.isEmpty() ? m_allFiltered : m_selectedOnly)->setChecked(true);

    m_field->setObjectName(QStringLiteral("batchField"));
    m_field->addItem(tr("Symptom"), int(EditField::Symptom));
    m_field->addItem(tr("Root cause"), int(EditField::Cause));
    m_field->addItem(tr("Stage"), int(EditField::Stage));
    m_symptom->setLabelsInUse(session.index().labelsInUse(Field::Symptom));
    m_cause->setLabelsInUse(session.index().labelsInUse(Field::Cause));
    m_stage->setObjectName(QStringLiteral("batchStage"));
    m_stage->addItems({QStringLiteral("Inference"), QStringLiteral("Fine-tuning")});
    m_values->addWidget(m_symptom);
    m_values->addWidget(m_cause);
    m_values->addWidget(m_stage);

    m_previewView->setObjectName(QStringLiteral("batchPreview"));
    m_previewView->setModel(m_preview);
    m_previewView->verticalHeader()->hide();
    m_previewView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_previewView->horizontalHeader()->setSectionResizeMode(BatchPreviewModel::Before, QHeaderView::Stretch);
    m_previewView->horizontalHeader()->setSectionResizeMode(BatchPreviewModel::After, QHeaderView::Stretch);
    m_summary->setObjectName(QStringLiteral("batchSummary"));
    m_summary->setTextFormat(Qt::PlainText);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    m_applyButton = buttons->button(QDialogButtonBox::Apply);
    m_applyButton->setObjectName(QStringLiteral("batchApply"));
    // Enter applies, as everywhere else in the window; Escape cancels.
    m_applyButton->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    auto *form = new QFormLayout;
    auto *scope = new QVBoxLayout;
    scope->addWidget(m_selectedOnly);
    scope->addWidget(m_allFiltered);
    form->addRow(tr("Records:"), scope);
    form->addRow(tr("Field:"), m_field);
    form->addRow(tr("New value:"), m_values);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("What changes:"), this));
    layout->addWidget(m_previewView, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    resize(760, 480);

    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &BatchRelabelDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_field, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_values->setCurrentIndex(index);
        updatePreview();
    });
    connect(m_selectedOnly, &QRadioButton::toggled, this, &BatchRelabelDialog::updateScope);
    connect(m_symptom, &LabelPicker::labelChanged, this, &BatchRelabelDialog::updatePreview);
    connect(m_cause, &LabelPicker::labelChanged, this, &BatchRelabelDialog::updatePreview);
    connect(m_stage, &QComboBox::currentTextChanged, this, &BatchRelabelDialog::updatePreview);
    updateScope();
}

LabelPicker *BatchRelabelDialog::picker(EditField field) const
{
    return field == EditField::Symptom ? m_symptom : m_cause;
}

EditField BatchRelabelDialog::field() const
{
    return EditField(m_field->currentData().toInt());
}

QString BatchRelabelDialog::value() const
{
    switch (field()) {
    case EditField::Symptom:
        return m_symptom->label();
    case EditField::Cause:
        return m_cause->label();
    default:
        return m_stage->currentText();
    }
}

QVector<qint64> BatchRelabelDialog::targetRids() const
{
    if (m_selectedOnly->isChecked())
        return m_selected;
    QVector<qint64> rids;
    rids.reserve(qsizetype(m_session.rows().size()));
    for (quint32 row : m_session.rows())
        rids.append(m_session.index().rid(row));
    return rids;
}

void BatchRelabelDialog::updateScope()
{
    // Once per choice of records, not per keystroke in the pickers.
    if (m_selectedOnly->isChecked()) {
        RowSet rows;
        for (qint64 rid : std::as_const(m_selected)) {
            if (const std::optional<quint32> row = m_session.index().rowOf(rid))
                rows.push_back(*row);
        }
        m_preview->setRows(rows);
    } else {
        m_preview->setRows(m_session.rows());
    }
    updatePreview();
}

void BatchRelabelDialog::updatePreview()
{
    m_preview->setChange(field(), value());
    const bool chosen = !value().isEmpty();
    m_applyButton->setEnabled(chosen && m_preview->changing() > 0);
    m_summary->setText(chosen ? tr("%n record(s) will change.", nullptr, int(m_preview->changing()))
                              : tr("Choose the new value."));
}

void BatchRelabelDialog::accept()
{
    const QString newValue = value();
    if (field() != EditField::Stage) {
        const QString problem = labelProblem(field() == EditField::Symptom ? RecordKey::Symptom : RecordKey::Cause, newValue);
        if (!problem.isEmpty()) {
            showPlainMessage(this, QMessageBox::Warning, tr("Label not usable"), problem);
            return;
        }
    }
    const bool isNew = m_edits.isNewLabel(field(), newValue);
    if (isNew
        && showPlainMessage(this, QMessageBox::Question, tr("New label"),
                            tr("No record has this label yet:\n\n%1\n\nAdd it to the taxonomy?").arg(newValue),
                            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Yes)
        return;
    if (m_edits.batchRelabel(targetRids(), field(), newValue, isNew))
        QDialog::accept();
}

} // namespace Triage
