#pragma once

#include <QObject>
#include <QString>

class QWidget;

namespace Triage {

// Who is editing: asked on the first edit, kept in QSettings, shown in the status bar and
// written into every history row.
class AnnotatorIdentity final : public QObject
{
    Q_OBJECT

public:
    explicit AnnotatorIdentity(QObject *parent = nullptr);

    QString name() const { return m_name; }
    // The name, asking for it first when there is none yet; empty when the user cancels.
    QString ensure(QWidget *parent);
    // Asks for a (new) name; false when cancelled.
    bool askForName(QWidget *parent);
    void setName(const QString &name);

Q_SIGNALS:
    void nameChanged(const QString &name);

private:
    QString m_name;
};

} // namespace Triage
