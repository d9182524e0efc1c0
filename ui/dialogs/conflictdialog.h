#pragma once

#include "workspaceerror.h"

#include <QDialog>

namespace Triage {

// Shown when an edit meets a record that another window or the command line changed since
// this window read it: both values side by side, and the user decides. Nothing is written
// until they do.
class ConflictDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Choice { KeepTheirs, UseMine, Cancel };

    ConflictDialog(const QVector<ConflictingEdit> &conflicts, QWidget *parent = nullptr);

    Choice choice() const { return m_choice; }
    static Choice ask(QWidget *parent, const QVector<ConflictingEdit> &conflicts);

private:
    Choice m_choice = Choice::Cancel;
};

} // namespace Triage
