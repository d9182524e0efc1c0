#include "importreportdialog.h"

#include "importproblemsmodel.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace Triage {

namespace {

QLabel *plainLabel(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText); // never rich text: parts of it may come from a file
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setText(text);
    return label;
}

} // namespace

ImportReportDialog::ImportReportDialog(const ImportReport &report, QWidget *parent)
    : QDialog(parent)
    , m_model(new ImportProblemsModel(this))
{
    setObjectName(QStringLiteral("importReport"));
    setWindowTitle(tr("Import report"));
    auto *layout = new QVBoxLayout(this);

    QLabel *summary
        = plainLabel(report.summary(report.replaced > 0), QStringLiteral("importSummary"), this);
    QFont bold = summary->font();
    bold.setBold(true);
    summary->setFont(bold);
    layout->addWidget(summary);

    // Counts after a colon read right in English for one and many, without plural forms
    // (there is no English translation to supply them).
    QString details = tr("Files read: %L1. Warnings: %L2.").arg(report.files).arg(report.warnings);
    if (report.quarantined + report.conflicts > 0)
        details += QLatin1Char(' ')
            + tr("Quarantined records and conflicts are kept in the workspace's quarantine.");
    layout->addWidget(plainLabel(details, QStringLiteral("importDetails"), this));

    m_model->setProblems(report.problems);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("importProblems"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false); // one line a problem; the tooltip and the pane below hold all
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(ImportProblemsModel::Kind, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ImportProblemsModel::Message, QHeaderView::Stretch);
    // No indicator at first: the problems in file order, as the importer met them. A third
    // click on a header goes back to that order.
    header->setSortIndicator(-1, Qt::AscendingOrder);
    header->setSortIndicatorClearable(true);
    m_table->setSortingEnabled(true);
    // Wide enough for the usual path, not so wide that a deep one squeezes the message out.
    m_table->resizeColumnToContents(ImportProblemsModel::Place);
    header->resizeSection(
        ImportProblemsModel::Place, std::min(header->sectionSize(ImportProblemsModel::Place), 420));
    layout->addWidget(m_table, 1);

    if (report.problems.isEmpty()) {
        m_table->hide();
        layout->addWidget(plainLabel(tr("No problems: every file was read and every record "
                                        "accepted."),
            QStringLiteral("importNoProblems"), this));
    }
    if (report.problemsLeftOut > 0) {
        layout->addWidget(plainLabel(
            tr("Problems not listed here: %L1. Every quarantined record and conflict is in "
               "the workspace's quarantine all the same.")
                .arg(report.problemsLeftOut),
            QStringLiteral("importProblemsLeftOut"), this));
    }

    m_detail = new QPlainTextEdit(this);
    m_detail->setObjectName(QStringLiteral("importProblemDetail"));
    m_detail->setReadOnly(true);
    m_detail->setMaximumHeight(m_detail->fontMetrics().lineSpacing() * 6);
    m_detail->setVisible(!report.problems.isEmpty());
    layout->addWidget(m_detail);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &ImportReportDialog::showSelectedProblem);
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy problems"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyProblems"));
    copy->setEnabled(!report.problems.isEmpty());
    connect(copy, &QPushButton::clicked, this, &ImportReportDialog::copyProblems);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    resize(860, report.problems.isEmpty() ? 200 : 520);
}

void ImportReportDialog::showSelectedProblem()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    const ImportProblem &problem = m_model->problem(current.row());
    m_detail->setPlainText(ImportProblemsModel::placeText(problem) + QLatin1Char('\n')
        + ImportProblemsModel::kindText(problem.kind) + QLatin1Char('\n')
        + ImportProblemsModel::messageText(problem));
}

void ImportReportDialog::copyProblems()
{
    // One problem a line in the table's order, as a compiler prints them: editors and grep
    // read "FILE:LINE:COLUMN: ..." directly.
    QStringList lines;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const ImportProblem &problem = m_model->problem(row);
        lines.append(ImportProblemsModel::placeText(problem) + QStringLiteral(": ")
            + ImportProblemsModel::kindText(problem.kind) + QStringLiteral(": ")
            + ImportProblemsModel::messageText(problem));
    }
    QGuiApplication::clipboard()->setText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
}

} // namespace Triage
