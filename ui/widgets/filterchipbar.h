#pragma once

#include <QWidget>

#include <functional>

class QHBoxLayout;
class QLabel;
class QToolButton;

namespace Triage {

class ActiveFilter;

// The active filters above the table, one removable chip each ("Symptom: Crash ✕"), the
// search text as a chip too, "+N" for those that do not fit, and "Clear all".
class FilterChipBar final : public QWidget
{
    Q_OBJECT

public:
    explicit FilterChipBar(ActiveFilter &filter, QWidget *parent = nullptr);

    // The chips' texts, for tests and screen readers.
    QStringList chipTexts() const;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void remove(qsizetype chip);
    QToolButton *chip(qsizetype i);
    void fitTexts();
    void fitSize();

    static constexpr int MinChipChars = 16; // when many chips share a narrow bar

    ActiveFilter &m_filter;
    QWidget *m_row; // the chips' row, the bar's size
    QHBoxLayout *m_layout;
    QLabel *m_none;
    QToolButton *m_more; // "+N": the filters that do not fit, in a menu
    QToolButton *m_clearAll;
    QList<QToolButton *> m_chips;              // made as needed, kept, hidden when unused
    QList<std::function<void()>> m_removals;   // what each chip in use removes, in order
};

} // namespace Triage
