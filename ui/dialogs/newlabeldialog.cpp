#include "newlabeldialog.h"

#include "recordrules.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace Triage {

NewLabelDialog::NewLabelDialog(QWidget *parent)
    : QDialog(parent)
    , m_field(new QComboBox(this))
    , m_label(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
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
    m_problem->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!label().isEmpty() && problem.isEmpty());
}

} // namespace Triage
