#include "unsavededitsbar.h"

#include "editcontroller.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace Triage {

UnsavedEditsBar::UnsavedEditsBar(EditController &edits, QWidget *parent)
    : QFrame(parent)
    , m_edits(edits)
    , m_text(new QLabel(this))
    , m_retry(new QPushButton(tr("&Retry"), this))
{
    setObjectName(QStringLiteral("unsavedEditsBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette warning = palette();
    warning.setColor(QPalette::Window, QColor(0xfd, 0xec, 0xc8));
    warning.setColor(QPalette::WindowText, Qt::black);
    setPalette(warning);
    m_text->setTextFormat(Qt::PlainText); // the error may quote a path or a label
    m_text->setWordWrap(true);
    m_retry->setObjectName(QStringLiteral("retryUnsaved"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retry);
    connect(m_retry, &QPushButton::clicked, this, [this] { m_edits.retryUnwritten(); });
    connect(&m_edits, &EditController::unwrittenChanged, this, &UnsavedEditsBar::refresh);
    refresh();
}

QString UnsavedEditsBar::message() const
{
    return m_text->text();
}

void UnsavedEditsBar::refresh()
{
    const int count = m_edits.unwrittenCount();
    setVisible(count > 0);
    if (count > 0)
        m_text->setText(count == 1 ? tr("1 edit not saved to the workspace: %1").arg(m_edits.unwrittenError())
                                   : tr("%1 edits not saved to the workspace: %2")
                                         .arg(count)
                                         .arg(m_edits.unwrittenError()));
}

} // namespace Triage
