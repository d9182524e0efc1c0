#pragma once

#include "workspace.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QTableView;

namespace Triage {

class BatchPreviewModel;
class EditController;
class LabelPicker;
class WorkbenchSession;

// Relabel many records at once: the selected rows or everything the filter shows, one field,
// one new value. A preview counts, for each current value, how many records go from it to the
// new one; Apply stores it all in one transaction, undone by one Ctrl+Z.
class BatchRelabelDialog final : public QDialog
{
    Q_OBJECT

public:
    BatchRelabelDialog(WorkbenchSession &session, EditController &edits,
                       const QVector<qint64> &selectedRids, QWidget *parent = nullptr);

    BatchPreviewModel *preview() const { return m_preview; }
    QComboBox *fieldCombo() const { return m_field; }
    LabelPicker *picker(EditField field) const;
    QComboBox *stageCombo() const { return m_stage; }
    QRadioButton *allFilteredButton() const { return m_allFiltered; }

    void accept() override;

private:
    EditField field() const;
    QString value() const;
    QVector<qint64> targetRids() const;
    void updateScope();
    void updatePreview();

    WorkbenchSession &m_session;
    EditController &m_edits;
    QVector<qint64> m_selected;
    QRadioButton *m_selectedOnly;
    QRadioButton *m_allFiltered;
    QComboBox *m_field;
    QStackedWidget *m_values;
    LabelPicker *m_symptom;
    LabelPicker *m_cause;
    QComboBox *m_stage;
    BatchPreviewModel *m_preview;
    QTableView *m_previewView;
    QLabel *m_summary;
    QPushButton *m_applyButton = nullptr;
};

} // namespace Triage
