#pragma once

#include <QDockWidget>
#include <QHash>
#include <QTimer>

#include <array>
#include <functional>

class QFormLayout;
class QLabel;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QUrl;

namespace Triage {

class EditController;
class AfterNextFrame;
class PlaceholderListView;
class RelabelPanel;
class ValueLabel;
class RelatedRecordsModel;
class WorkbenchSession;
struct AppliedEdit;

// The current record: its fields as plain text, its GitHub link (opened only when it is a
// GitHub issue link, and only on a click), the other records of the same issue, the relabel
// pickers and a free-text note saved as the annotator types.
class DetailDock final : public QDockWidget
{
    Q_OBJECT

public:
    using UrlOpener = std::function<bool(const QUrl &)>;

    DetailDock(WorkbenchSession &session, EditController &edits, QWidget *parent = nullptr);

    void setRecord(qint64 rid);
    qint64 record() const { return m_rid; }
    RelabelPanel *relabelPanel() const { return m_relabel; }
    QPlainTextEdit *noteEditor() const { return m_note; }
    // How links are opened (the desktop's browser; tests replace it).
    void setUrlOpener(UrlOpener opener) { m_openUrl = std::move(opener); }
    // Saves a note still being typed (before the record changes, before quitting); false when
    // it could not be written (it is kept as a draft of its record then).
    bool flushNote();
    // Notes typed but not written (the file was busy); they are offered again on return.
    bool hasUnsavedNotes() const { return !m_drafts.isEmpty(); }
    // Before the record changes or the window closes: saves the note and asks whether labels
    // chosen in the pickers but not applied should be.
    void settle();

Q_SIGNALS:
    // The user picked another record of the same issue.
    void recordRequested(qint64 rid);

private:
    void showFields();
    void onRecordsEdited(const QVector<AppliedEdit> &edits);
    void loadNote(const QString &text);
    void openLink();

    WorkbenchSession &m_session;
    EditController &m_edits;
    qint64 m_rid = 0;
    ValueLabel *m_title;
    // Series, model, architecture, stage, symptom, cause, status, source, other fields and
    // last edited, in this order.
    static constexpr int FieldRows = 10;
    QFormLayout *m_fields;
    std::array<ValueLabel *, FieldRows> m_fieldValues{};
    ValueLabel *m_link;
    QPushButton *m_openLink;
    RelatedRecordsModel *m_related;
    PlaceholderListView *m_relatedView;
    AfterNextFrame *m_relatedRefresh;
    RelabelPanel *m_relabel;
    QPlainTextEdit *m_note;
    QTimer m_noteDelay;
    qint64 m_noteRid = 0; // the record the editor's text belongs to
    QString m_savedNote;  // what the store holds for it
    QHash<qint64, QString> m_drafts; // notes that could not be saved yet, by record
    UrlOpener m_openUrl;
};

} // namespace Triage
