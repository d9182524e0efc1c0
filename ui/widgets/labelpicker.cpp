#include "labelpicker.h"

#include "labelpath.h"
#include "recordrules.h"
#include "wheelguard.h"

#include <QComboBox>
#include <QAbstractItemView>
#include <QCompleter>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>

namespace Triage {

namespace {
// The entry that ends a two-level symptom at level 2.
const QString NoMore = QString();
} // namespace

LabelPicker::LabelPicker(Field field, QWidget *parent)
    : QWidget(parent)
    , m_field(field)
{
    // One level a line, each a little indented: taxonomy names are long, docks are narrow.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    const QStringList names = field == Field::Symptom
        ? QStringList{tr("category"), tr("subcategory"), tr("manifestation")}
        : QStringList{tr("category"), tr("cause")};
    for (int level = 1; level <= maxLevel(field); ++level) {
        auto *combo = new QComboBox(this);
        combo->setObjectName(QStringLiteral("%1Level%2").arg(fieldName(field)).arg(level));
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(10);
        combo->lineEdit()->setPlaceholderText(names[level - 1]);
        combo->completer()->setCompletionMode(QCompleter::PopupCompletion);
        combo->completer()->setCaseSensitivity(Qt::CaseInsensitive);
        combo->completer()->setFilterMode(Qt::MatchContains);
        // The combo box, not its line edit, has the focus and gets the keys (it hands them on
        // without event filters); the completion popup gets them while it is open.
        combo->installEventFilter(this);
        combo->completer()->popup()->installEventFilter(this);
        WheelGuard::install(combo);
        combo->setToolTip(tr("%1 of the %2; type to search, Enter to apply").arg(names[level - 1], fieldName(field)));
        auto *row = new QHBoxLayout;
        row->addSpacing((level - 1) * 12);
        row->addWidget(combo, 1);
        layout->addLayout(row);
        m_combos.append(combo);
        connect(combo, &QComboBox::currentTextChanged, this, [this, level] {
            if (m_filling)
                return;
            m_filling = true;
            for (int below = level + 1; below <= int(m_combos.size()); ++below)
                fillLevel(below);
            m_filling = false;
            Q_EMIT labelChanged(label());
        });
    }
}

bool LabelPicker::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
    for (int level = 1; level <= int(m_combos.size()); ++level) {
        QComboBox *combo = m_combos[level - 1];
        QAbstractItemView *popup = combo->completer()->popup();
        if (watched == popup && key->key() == Qt::Key_Tab && popup->isVisible()) {
            // Tab takes the highlighted suggestion (or the first) and goes on to the next level.
            const QModelIndex chosen = popup->currentIndex().isValid() ? popup->currentIndex()
                                                                       : popup->model()->index(0, 0);
            popup->hide();
            if (chosen.isValid())
                combo->setEditText(chosen.data().toString());
            if (level < int(m_combos.size()))
                m_combos[level]->setFocus(Qt::TabFocusReason);
            return true;
        }
        if (watched == combo && enter && !popup->isVisible() && !combo->view()->isVisible()) {
            Q_EMIT committed();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void LabelPicker::setLabelsInUse(const QStringList &labels)
{
    if (labels == m_labels) // every new record asks; labels change only with edits
        return;
    const QString current = label();
    m_labels = labels;
    setLabel(current);
}

QStringList LabelPicker::childrenOf(const QString &prefix, int level) const
{
    QStringList children;
    bool endsHere = false;
    for (const QString &label : m_labels) {
        if (level > 1 && LabelPath::cut(label, level - 1) != prefix)
            continue;
        const QStringList parts = LabelPath::parts(label);
        if (int(parts.size()) < level) {
            endsHere = true; // "Crash - Assertion Failure" has no third part
            continue;
        }
        if (!children.contains(parts[level - 1]))
            children.append(parts[level - 1]);
    }
    if (endsHere)
        children.prepend(NoMore);
    return children;
}

// Offers the parts that exist under the choice above; keeps the current text when it is still
// offered, takes the only choice when there is one, and clears otherwise.
void LabelPicker::fillLevel(int level)
{
    QComboBox *combo = m_combos[level - 1];
    QStringList above;
    for (int i = 1; i < level; ++i)
        above.append(m_combos[i - 1]->currentText());
    const bool parentChosen = !above.contains(QString());
    const QString keep = combo->currentText();
    const QStringList items = level == 1 || parentChosen
        ? childrenOf(above.join(QStringLiteral(" - ")), level) : QStringList();
    // Refilled only when the choices differ: the next record has mostly the same ones.
    bool same = combo->count() == int(items.size());
    for (int i = 0; same && i < combo->count(); ++i)
        same = combo->itemText(i) == items[i];
    if (!same) {
        combo->clear();
        combo->addItems(items);
    }
    const int index = combo->findText(keep);
    if (index >= 0)
        combo->setCurrentIndex(index);
    else
        combo->setEditText(combo->count() == 1 ? combo->itemText(0) : QString());
}

void LabelPicker::setLabel(const QString &text)
{
    const QStringList parts = text.isEmpty() ? QStringList() : LabelPath::parts(text);
    m_filling = true;
    for (int level = 1; level <= int(m_combos.size()); ++level) {
        fillLevel(level);
        QComboBox *combo = m_combos[level - 1];
        const QString part = parts.value(level - 1);
        const int index = combo->findText(part);
        if (index >= 0)
            combo->setCurrentIndex(index);
        else
            combo->setEditText(part);
    }
    m_filling = false;
}

QString LabelPicker::label() const
{
    QStringList parts;
    for (QComboBox *combo : m_combos) {
        const QString part = combo->currentText();
        if (part.isEmpty())
            break;
        parts.append(part);
    }
    return parts.join(QStringLiteral(" - "));
}

QString LabelPicker::incompleteMessage() const
{
    // The levels every label has (the record rules' own minimum).
    const int required = labelParts(m_field == Field::Symptom ? RecordKey::Symptom : RecordKey::Cause).first;
    for (int level = 1; level <= required; ++level) {
        if (m_combos[level - 1]->currentText().isEmpty()) {
            const QString what = m_combos[level - 1]->lineEdit()->placeholderText();
            return level == 1 ? tr("Choose a %1 %2.").arg(fieldName(m_field), what)
                              : tr("The %1 \u201c%2\u201d needs a %3 too: choose one in the list under it "
                                   "(Tab takes the first suggestion).")
                                    .arg(fieldName(m_field), m_combos[0]->currentText(), what);
        }
    }
    return {};
}

void LabelPicker::focusFirst()
{
    m_combos.first()->setFocus(Qt::ShortcutFocusReason);
    m_combos.first()->lineEdit()->selectAll();
}

} // namespace Triage
