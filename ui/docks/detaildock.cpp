#include "detaildock.h"

#include "editcontroller.h"
#include "record.h"
#include "relatedrecordsmodel.h"
#include "widgets/afternextframe.h"
#include "widgets/dockscrollarea.h"
#include "widgets/plainmessagebox.h"
#include "widgets/placeholderlistview.h"
#include "widgets/relabelpanel.h"
#include "widgets/valuelabel.h"
#include "workbenchsession.h"
#include "workspace.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QUrl>
#include <QVBoxLayout>

namespace Triage {

DetailDock::DetailDock(WorkbenchSession &session, EditController &edits, QWidget *parent)
    : QDockWidget(tr("Record"), parent)
    , m_session(session)
    , m_edits(edits)
    , m_openUrl([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    setObjectName(QStringLiteral("detailDock"));
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);

    m_title = new ValueLabel(content);
    m_title->setObjectName(QStringLiteral("recordTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_title->setFont(bold);
    layout->addWidget(m_title);

    auto *fieldsBox = new QWidget(content);
    m_fields = new QFormLayout(fieldsBox);
    m_fields->setContentsMargins(0, 0, 0, 0);
    // The rows are made once and given each record's texts: new labels for every record made
    // a filter click at a million records lay out ten fresh text documents (about 2 ms).
    const QString names[] = {tr("Series:"), tr("Model:"), tr("Architecture:"), tr("Stage:"),
                             tr("Symptom:"), tr("Root cause:"), tr("Status:"), tr("Source:"),
                             tr("Other fields:"), tr("Last edited:")};
    static_assert(std::size(names) == FieldRows);
    for (int row = 0; row < FieldRows; ++row) {
        m_fieldValues[size_t(row)] = new ValueLabel(fieldsBox);
        m_fields->addRow(names[row], m_fieldValues[size_t(row)]);
    }
    layout->addWidget(fieldsBox);

    auto *linkRow = new QHBoxLayout;
    m_link = new ValueLabel(content);
    m_link->setObjectName(QStringLiteral("recordLink"));
    m_openLink = new QPushButton(tr("Open issue"), content);
    m_openLink->setObjectName(QStringLiteral("openLink"));
    m_openLink->setToolTip(tr("Open the GitHub issue in the browser"));
    linkRow->addWidget(m_link, 1);
    linkRow->addWidget(m_openLink);
    layout->addLayout(linkRow);
    connect(m_openLink, &QPushButton::clicked, this, &DetailDock::openLink);

    auto *relabelBox = new QGroupBox(tr("Relabel"), content);
    auto *relabelLayout = new QVBoxLayout(relabelBox);
    m_relabel = new RelabelPanel(session, edits, relabelBox);
    relabelLayout->addWidget(m_relabel);
    layout->addWidget(relabelBox);

    auto *relatedBox = new QGroupBox(tr("Other records of this issue"), content);
    auto *relatedLayout = new QVBoxLayout(relatedBox);
    m_related = new RelatedRecordsModel(session, this);
    m_relatedView = new PlaceholderListView(relatedBox);
    m_relatedView->setObjectName(QStringLiteral("relatedRecords"));
    m_relatedView->setModel(m_related);
    m_relatedView->setPlaceholderText(tr("None: this is the only record of its issue."));
    // Of one height, with its scroll bar always there: a list whose size followed its records
    // laid the dock out again at every move to another record.
    m_relatedView->setFixedHeight(m_relatedView->fontMetrics().height() * 4);
    m_relatedView->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    relatedLayout->addWidget(m_relatedView);
    layout->addWidget(relatedBox);
    connect(m_relatedView, &QListView::activated, this, [this](const QModelIndex &index) {
        if (m_relatedRefresh->isPending()) { // the list still shows the last record's
            m_relatedRefresh->cancel();
            m_related->setRecord(m_rid);
            return;
        }
        Q_EMIT recordRequested(index.data(RelatedRecordsModel::RidRole).toLongLong());
    });
    // Finding the other records of an issue scans the index (0.5 to 0.8 ms at a million): it
    // comes after the frame that shows the new record, as the charts do.
    m_relatedRefresh = new AfterNextFrame([this] { m_related->setRecord(m_rid); }, this);

    auto *noteBox = new QGroupBox(tr("Note"), content);
    auto *noteLayout = new QVBoxLayout(noteBox);
    m_note = new QPlainTextEdit(noteBox);
    m_note->setObjectName(QStringLiteral("noteEditor"));
    m_note->setPlaceholderText(tr("Your notes on this record, saved as you type"));
    m_note->setTabChangesFocus(true);
    noteLayout->addWidget(m_note);
    layout->addWidget(noteBox, 1);

    m_noteDelay.setSingleShot(true);
    m_noteDelay.setInterval(1000);
    connect(&m_noteDelay, &QTimer::timeout, this, &DetailDock::flushNote);
    connect(m_note, &QPlainTextEdit::textChanged, this, [this] {
        if (m_noteRid)
            m_noteDelay.start();
    });
    connect(&session, &WorkbenchSession::recordsEdited, this, &DetailDock::onRecordsEdited);
    connect(&session, &WorkbenchSession::reloaded, this, &DetailDock::showFields);

    setWidget(dockScrollArea(content, this));
    setRecord(0);
}

bool DetailDock::flushNote()
{
    m_noteDelay.stop();
    if (!m_noteRid || m_note->toPlainText() == m_savedNote)
        return true;
    const QString text = m_note->toPlainText();
    if (!m_edits.setNote(m_noteRid, text, m_savedNote)) {
        // Not written (the file busy, no annotator, a conflict left open): the text stays as a
        // draft of this record.
        m_drafts.insert(m_noteRid, text);
        return false;
    }
    // Ours, or another window's note when the user chose to keep theirs over ours.
    m_savedNote = m_session.index().notes().value(m_noteRid);
    m_drafts.remove(m_noteRid);
    if (m_savedNote != text)
        loadNote(m_savedNote);
    return true;
}

void DetailDock::onRecordsEdited(const QVector<AppliedEdit> &edits)
{
    for (const AppliedEdit &edit : edits) {
        // Undo, redo or another view changed this record's note: show what the store holds,
        // unless the annotator is typing over it right now.
        if (edit.rid == m_noteRid && edit.field == EditField::Note && edit.newValue != m_savedNote
            && m_note->toPlainText() == m_savedNote) {
            loadNote(edit.newValue);
        }
    }
    showFields();
}

void DetailDock::loadNote(const QString &text)
{
    const qint64 rid = m_noteRid;
    m_noteRid = 0; // loading the note is not typing it
    m_note->setPlainText(text);
    m_noteRid = rid;
}

void DetailDock::settle()
{
    flushNote();
    if (!m_relabel->hasPendingChanges())
        return;
    const std::optional<Record> record = m_session.workspace().record(m_rid);
    const auto answer = showPlainMessage( // the id holds the model's name, from a file
        this, QMessageBox::Question, tr("Labels not applied"),
        tr("The labels chosen for %1 have not been applied. Apply them now?")
            .arg(record ? record->id() : QString()),
        QMessageBox::Apply | QMessageBox::Discard, QMessageBox::Apply);
    if (answer == QMessageBox::Apply)
        m_relabel->apply();
}

void DetailDock::setRecord(qint64 rid)
{
    if (rid == m_rid)
        return;
    settle();
    m_rid = rid;
    if (isVisible())
        m_relatedRefresh->schedule(window());
    else
        m_related->setRecord(rid);
    m_relabel->setRecord(rid);
    m_noteRid = rid;
    m_savedNote = rid ? m_session.workspace().note(rid) : QString();
    // A note that could not be saved comes back as it was typed, still to be saved.
    loadNote(m_drafts.value(rid, m_savedNote));
    m_note->setEnabled(rid != 0);
    if (m_drafts.contains(rid))
        m_noteDelay.start();
    showFields();
}

void DetailDock::showFields()
{
    const std::optional<Record> record = m_rid ? m_session.workspace().record(m_rid) : std::nullopt;
    if (!record) {
        m_title->setValue(tr("No record selected"));
        for (int row = 0; row < m_fields->rowCount(); ++row)
            m_fields->setRowVisible(row, false);
        m_link->setValue(QString());
        m_openLink->setEnabled(false);
        return;
    }
    m_title->setValue(record->id());
    const QString edited = record->updatedBy.isEmpty()
        ? QString()
        : tr("%1, %2").arg(record->updatedBy,
                           QLocale().toString(QDateTime::fromString(record->updatedAt, Qt::ISODateWithMs).toLocalTime(),
                                              QLocale::ShortFormat));
    const QString values[] = {record->series(), record->model, record->architecture, record->stage,
                              record->symptom, record->cause, record->status, record->source,
                              QString::fromUtf8(record->extra), edited};
    static_assert(std::size(values) == FieldRows);
    for (int row = 0; row < FieldRows; ++row) {
        m_fieldValues[size_t(row)]->setValue(values[row]);
        // The last two rows are there only when the record has them.
        m_fields->setRowVisible(row, row < FieldRows - 2 || !values[row].isEmpty());
    }
    m_link->setValue(record->link());
    m_openLink->setEnabled(GitHubIssue::parse(record->link()).has_value());
}

void DetailDock::openLink()
{
    const QString link = m_link->text();
    // Only a GitHub issue link, parsed again here: whatever else a workspace holds stays text.
    if (!GitHubIssue::parse(link))
        return;
    m_openUrl(QUrl(link, QUrl::StrictMode));
}

} // namespace Triage
