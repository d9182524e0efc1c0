#pragma once

#include <QMessageBox>

namespace Triage {

// A modal message box whose text is never read as HTML. QMessageBox's static functions guess
// (Qt::mightBeRichText), and a box that guessed HTML renders tags, loads images and opens the
// links in its text when clicked. Messages quote labels, model names, record ids, paths and
// reasons that come from files, so every message that may hold such text is shown through this.
QMessageBox::StandardButton showPlainMessage(QWidget *parent, QMessageBox::Icon icon,
                                             const QString &title, const QString &text,
                                             QMessageBox::StandardButtons buttons = QMessageBox::Ok,
                                             QMessageBox::StandardButton defaultButton
                                             = QMessageBox::NoButton);

} // namespace Triage
