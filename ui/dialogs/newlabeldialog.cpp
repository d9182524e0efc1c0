#include "newlabeldialog.h"

#include "recordrules.h"
#include "taxonomy.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace Triage {

NewLabelDialog::NewLabelDialog(const QStringList &symptomsInUse, const QStringList &causesInUse,
                               QWidget *parent)
    : QDialog(parent)
    , m_field(new QComboBox(this))
    , m_label(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_symptoms(symptomsInUse)
    , m_causes(causesInUse)
{
    setObjectName(QStringLiteral("newLabelDialog"));
    setWindowTitle(tr("New label"));
    m_field->addItem(tr("Symptom (Category - Subcategory - Manifestation, or 2 levels)"));
    m_field->addItem(tr("Root cause (Category - Cause)"));
    m_label->setObjectName(QStringLiteral("newLabelText"));
    m_label->setPlaceholderText(tr("Parts separated by \" - \""));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add label"));

    auto *form = new QFormLayout(this);
    form->addRow(tr("Field:"), m_field);
    form->addRow(tr("Label:"), m_label);
    form->addRow(m_problem);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_label, &QLineEdit::textChanged, this, &NewLabelDialog::check);
    connect(m_field, &QComboBox::currentIndexChanged, this, &NewLabelDialog::check);
    check();
}

Field NewLabelDialog::field() const
{
    return m_field->currentIndex() == 0 ? Field::Symptom : Field::Cause;
}

QString NewLabelDialog::label() const
{
    return m_label->text().trimmed();
}

void NewLabelDialog::check()
{
    const QString problem = label().isEmpty()
        ? QString()
        : labelProblem(field() == Field::Symptom ? RecordKey::Symptom : RecordKey::Cause, label());
    const QStringList inUse = field() == Field::Symptom ? m_symptoms : m_causes;
    QString text = problem;
    if (problem.isEmpty() && inUse.contains(label()))
        text = tr("This label is in use already: pick it in the pickers instead.");
    else if (problem.isEmpty() && !label().isEmpty()) {
        const QStringList similar = similarLabels(inUse, label());
        if (!similar.isEmpty())
            text = tr("Check the spelling; labels in use that look alike:\n%1").arg(similar.join(QLatin1Char('\n')));
    }
    m_problem->setText(text);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!label().isEmpty() && problem.isEmpty()
                                                        && !inUse.contains(label()));
}

} // namespace Triage
