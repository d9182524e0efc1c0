#pragma once

#include <QListView>

namespace Triage {

// A list that says something when it is empty ("None: this is the only record of its issue."),
// in its own room: showing a label in its place instead changed the layout around it, and the
// record dock was laid out and painted again after every move to another record.
class PlaceholderListView final : public QListView
{
    Q_OBJECT

public:
    explicit PlaceholderListView(QWidget *parent = nullptr);

    void setPlaceholderText(const QString &text);
    QString placeholderText() const { return m_placeholder; }
    bool isShowingPlaceholder() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_placeholder;
};

} // namespace Triage
