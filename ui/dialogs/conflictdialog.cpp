#include "conflictdialog.h"

#include "conflictmodel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Triage {

ConflictDialog::ConflictDialog(const QVector<ConflictingEdit> &conflicts, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowTitle(tr("Changed by someone else"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("While you were editing, %n value(s) you changed were changed in the workspace by "
           "another window or the command line. Nothing has been written yet.",
           nullptr, int(conflicts.size())),
        this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    layout->addWidget(intro);

    auto *table = new QTableView(this);
    table->setObjectName(QStringLiteral("conflicts"));
    table->setModel(new ConflictModel(conflicts, table));
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->resizeColumnsToContents();
    layout->addWidget(table);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *mine = buttons->addButton(tr("Use &mine"), QDialogButtonBox::AcceptRole);
    mine->setObjectName(QStringLiteral("useMine"));
    mine->setToolTip(tr("Write your values over theirs (their change stays in the history)"));
    QPushButton *theirs = buttons->addButton(tr("Keep &theirs"), QDialogButtonBox::RejectRole);
    theirs->setObjectName(QStringLiteral("keepTheirs"));
    theirs->setToolTip(tr("Leave their values; the rest of your edit, if any, is still written"));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancel"));
    theirs->setDefault(true); // the safe choice: nothing of theirs is overwritten by Enter
    layout->addWidget(buttons);
    connect(mine, &QPushButton::clicked, this, [this] {
        m_choice = Choice::UseMine;
        accept();
    });
    connect(theirs, &QPushButton::clicked, this, [this] {
        m_choice = Choice::KeepTheirs;
        accept();
    });
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    resize(720, 280);
}

ConflictDialog::Choice ConflictDialog::ask(QWidget *parent, const QVector<ConflictingEdit> &conflicts)
{
    ConflictDialog dialog(conflicts, parent);
    dialog.exec();
    return dialog.choice();
}

} // namespace Triage
