#pragma once

#include <QDockWidget>
#include <QHash>
#include <QString>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace Triage {

class QuarantineModel;
class WorkbenchSession;

// The Quarantine view: the records imports held back, each with its reason and its text as it
// was read. The user fixes the text and accepts it as a record, or discards the entry; either
// way the entry stays in the workspace file, marked with who decided. Text typed into an entry
// is kept while the dock lives, also across reloads and while another entry is shown, until
// the entry is accepted or discarded.
class QuarantineDock final : public QDockWidget
{
    Q_OBJECT

public:
    // `annotator` names who accepts or discards (asking on first use); an empty name cancels.
    QuarantineDock(
        WorkbenchSession &session, std::function<QString()> annotator, QWidget *parent = nullptr);

    QuarantineModel *model() const { return m_model; }

Q_SIGNALS:
    // An entry became a record; the session's index holds it already.
    void recordAccepted(qint64 rid);

private:
    void onCurrentRowChanged(int row);
    void onModelAboutToBeReset();
    void onModelReset();
    void showRow(int row);
    void stashDraft();
    void accept();
    void discard();
    void showError(const QString &message);
    void clearError();

    WorkbenchSession &m_session;
    std::function<QString()> m_annotator;
    QuarantineModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_reason = nullptr;
    QPlainTextEdit *m_editor = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_accept = nullptr;
    QPushButton *m_discard = nullptr;
    qint64 m_seq = 0; // the entry shown, 0 for none
    QString m_raw; // its text as held, to tell an edit from no edit
    QHash<qint64, QString> m_drafts; // edited texts of entries not shown, by seq
};

} // namespace Triage
