#pragma once

#include "field.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Triage {

// "New label…": a whole new symptom or cause typed out, checked by the same rules as an
// imported one while typing, and added only with an explicit OK.
class NewLabelDialog final : public QDialog
{
    Q_OBJECT

public:
    // The labels in use, to warn about a new label that looks like a misspelling of one.
    NewLabelDialog(const QStringList &symptomsInUse, const QStringList &causesInUse,
                   QWidget *parent = nullptr);

    Field field() const;
    QString label() const;

private:
    void check();

    QComboBox *m_field;
    QLineEdit *m_label;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    QStringList m_symptoms;
    QStringList m_causes;
};

} // namespace Triage
