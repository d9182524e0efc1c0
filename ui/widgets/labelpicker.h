#pragma once

#include "field.h"

#include <QStringList>
#include <QWidget>

class QComboBox;

namespace Triage {

// A hierarchical label picker: one combo box per level (symptom: category, subcategory,
// manifestation; cause: category, cause), each offering only what exists under the level
// above, with type-ahead completion. Typing a part that does not exist makes a new label,
// which the caller must confirm before it is used.
class LabelPicker final : public QWidget
{
    Q_OBJECT

public:
    LabelPicker(Field field, QWidget *parent = nullptr);

    // The labels in use; the combos offer their parts.
    void setLabelsInUse(const QStringList &labels);
    void setLabel(const QString &label);
    // The parts chosen so far, joined by " - ".
    QString label() const;
    bool isNewLabel() const { return !m_labels.contains(label()); }
    // What is missing for a whole label, in words for the user; empty when nothing is.
    QString incompleteMessage() const;
    QComboBox *combo(int level) const { return m_combos.value(level - 1); }
    // Focus to the first level (keyboard shortcut).
    void focusFirst();

Q_SIGNALS:
    // Enter was pressed in one of the combos.
    void committed();
    void labelChanged(const QString &label);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fillLevel(int level); // from the choice at level - 1
    QStringList childrenOf(const QString &prefix, int level) const;

    Field m_field;
    QStringList m_labels;
    QList<QComboBox *> m_combos;
    bool m_filling = false;
};

} // namespace Triage
