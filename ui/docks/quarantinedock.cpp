#include "quarantinedock.h"

#include "quarantinemodel.h"
#include "workbenchsession.h"
#include "workspace.h"
#include "workspaceerror.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Triage {

QuarantineDock::QuarantineDock(
    WorkbenchSession &session, std::function<QString()> annotator, QWidget *parent)
    : QDockWidget(tr("Quarantine"), parent)
    , m_session(session)
    , m_annotator(std::move(annotator))
{
    setObjectName(QStringLiteral("quarantineDock"));

    m_model = new QuarantineModel(session, this);
    m_view = new QTableView;
    m_view->setObjectName(QStringLiteral("quarantineView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // The place and the reason matter; "conflicts with" is usually empty.
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(QuarantineModel::Reason, QHeaderView::Stretch);
    m_view->horizontalHeader()->resizeSection(QuarantineModel::Place, 260);
    m_view->horizontalHeader()->setSectionResizeMode(QuarantineModel::ConflictsWith, QHeaderView::ResizeToContents);

    m_reason = new QLabel;
    m_reason->setObjectName(QStringLiteral("quarantineReason"));
    m_reason->setTextFormat(Qt::PlainText); // reasons quote the file's text
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_editor = new QPlainTextEdit;
    m_editor->setObjectName(QStringLiteral("quarantineEditor"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setPlaceholderText(tr("Select a held record to see and fix its text."));
    m_editor->setAccessibleName(tr("Record text"));

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("quarantineError"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    m_accept = new QPushButton(tr("Accept"));
    m_accept->setObjectName(QStringLiteral("quarantineAccept"));
    m_accept->setToolTip(tr("Import the text above as a record"));
    m_discard = new QPushButton(tr("Discard"));
    m_discard->setObjectName(QStringLiteral("quarantineDiscard"));
    m_discard->setToolTip(tr("Do not import this record; the entry is kept, marked discarded"));

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_discard);
    buttons->addWidget(m_accept);

    auto *detail = new QWidget;
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_reason);
    detailLayout->addWidget(m_editor, 1);
    detailLayout->addWidget(m_error);
    detailLayout->addLayout(buttons);

    // Side by side: the dock sits in the low bottom area, where stacked parts get a line each.
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(m_view);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    setWidget(splitter);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { onCurrentRowChanged(current.row()); });
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
        &QuarantineDock::onModelAboutToBeReset);
    connect(m_model, &QAbstractItemModel::modelReset, this, &QuarantineDock::onModelReset);
    connect(m_accept, &QPushButton::clicked, this, &QuarantineDock::accept);
    connect(m_discard, &QPushButton::clicked, this, &QuarantineDock::discard);
    showRow(-1);
}

void QuarantineDock::onCurrentRowChanged(int row)
{
    stashDraft();
    showRow(row);
}

void QuarantineDock::onModelAboutToBeReset()
{
    stashDraft();
}

// A reset clears the selection without a signal; the entry shown stays shown while it is held.
void QuarantineDock::onModelReset()
{
    for (auto it = m_drafts.begin(); it != m_drafts.end();) {
        if (m_model->rowOfSeq(it.key()) < 0)
            it = m_drafts.erase(it); // accepted or discarded: nothing left to fix
        else
            ++it;
    }
    const int row = m_model->rowOfSeq(m_seq);
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row, 0)); // shows it through currentRowChanged
    else
        showRow(-1);
}

void QuarantineDock::stashDraft()
{
    if (m_seq == 0)
        return;
    const QString text = m_editor->toPlainText();
    if (text != m_raw)
        m_drafts.insert(m_seq, text);
    else
        m_drafts.remove(m_seq);
}

void QuarantineDock::showRow(int row)
{
    clearError();
    const bool shown = row >= 0 && row < m_model->rowCount();
    m_editor->setEnabled(shown);
    m_accept->setEnabled(shown);
    m_discard->setEnabled(shown);
    if (!shown) {
        m_seq = 0;
        m_raw.clear();
        m_editor->clear();
        m_reason->clear();
        return;
    }
    const QuarantineEntry &entry = m_model->entryAt(row);
    m_seq = entry.seq;
    m_raw = entry.raw;
    m_editor->setPlainText(m_drafts.value(entry.seq, entry.raw));
    m_reason->setText(entry.reason);
}

void QuarantineDock::accept()
{
    if (m_seq == 0)
        return;
    const QString annotator = m_annotator ? m_annotator() : QString();
    if (annotator.isEmpty())
        return;
    const qint64 seq = m_seq;
    qint64 rid = 0;
    try {
        rid = m_session.acceptQuarantined(seq, m_editor->toPlainText(), annotator);
    } catch (const EditRejected &rejected) {
        showError(tr("Not accepted: %1").arg(rejected.message()));
        return;
    } catch (const WorkspaceError &error) {
        showError(tr("Not accepted: %1").arg(error.message()));
        return;
    }
    m_drafts.remove(seq);
    Q_EMIT recordAccepted(rid);
}

void QuarantineDock::discard()
{
    if (m_seq == 0)
        return;
    const qint64 seq = m_seq;
    // The question names the entry by its number only: nothing from the file goes into a
    // message box, which would read it as rich text.
    const auto answer = QMessageBox::question(this, tr("Discard quarantined record"),
        tr("Discard quarantine entry #%1? It will not be imported; its text stays in the "
           "workspace file, marked as discarded.")
            .arg(seq));
    if (answer != QMessageBox::Yes)
        return;
    const QString annotator = m_annotator ? m_annotator() : QString();
    if (annotator.isEmpty())
        return;
    try {
        m_session.discardQuarantined(seq, annotator);
    } catch (const EditRejected &rejected) {
        showError(tr("Not discarded: %1").arg(rejected.message()));
        return;
    } catch (const WorkspaceError &error) {
        showError(tr("Not discarded: %1").arg(error.message()));
        return;
    }
    m_drafts.remove(seq);
}

void QuarantineDock::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

void QuarantineDock::clearError()
{
    m_error->clear();
    m_error->hide();
}

} // namespace Triage
