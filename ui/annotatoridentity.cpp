#include "annotatoridentity.h"

#include "recordrules.h"
#include "widgets/plainmessagebox.h"

#include <QInputDialog>
#include <QMessageBox>
#include <QSettings>

namespace Triage {

namespace {
const QString SettingsKey = QStringLiteral("annotator/name");
}

AnnotatorIdentity::AnnotatorIdentity(QObject *parent)
    : QObject(parent)
    , m_name(QSettings().value(SettingsKey).toString())
{
}

QString AnnotatorIdentity::ensure(QWidget *parent)
{
    if (m_name.isEmpty())
        askForName(parent);
    return m_name;
}

bool AnnotatorIdentity::askForName(QWidget *parent)
{
    for (;;) {
        bool ok = false;
        const QString name = QInputDialog::getText(
            parent, tr("Who is annotating?"),
            tr("Your name or handle goes into the history of every change you make:"),
            QLineEdit::Normal, m_name, &ok)
                                 .trimmed();
        if (!ok)
            return false;
        const QString problem = textProblem(tr("name"), name);
        if (problem.isEmpty()) {
            setName(name);
            return true;
        }
        showPlainMessage(parent, QMessageBox::Warning, tr("Name not usable"), problem);
    }
}

void AnnotatorIdentity::setName(const QString &name)
{
    if (name == m_name)
        return;
    m_name = name;
    QSettings().setValue(SettingsKey, name);
    Q_EMIT nameChanged(name);
}

} // namespace Triage
