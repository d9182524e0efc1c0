#pragma once

#include "importreport.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QTableView;

namespace Triage {

class ImportProblemsModel;

// What an import did: the counts in one line, then every problem the report kept with its
// place (FILE:LINE:COLUMN), sortable by kind and place, and the selected problem in full
// below. Everything that comes from the files is shown as plain text.
class ImportReportDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ImportReportDialog(const ImportReport &report, QWidget *parent = nullptr);

private:
    void showSelectedProblem();
    void copyProblems();

    ImportProblemsModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QPlainTextEdit *m_detail = nullptr;
};

} // namespace Triage
