#pragma once

// For the window tests: the real MainWindow on a workspace file, shown offscreen, with an
// annotator already named so no first-edit question comes up.

#include "annotatoridentity.h"
#include "mainwindow.h"
#include "workspace.h"

#include <QTest>

namespace TestSupport {

inline Triage::MainWindow *openWindow(const QString &path, const QString &annotator = QStringLiteral("tester"))
{
    auto *window = new Triage::MainWindow(
        Triage::Workspace::open(path, Triage::Workspace::OpenMode::OpenExisting));
    window->annotator().setName(annotator);
    window->show();
    if (!QTest::qWaitForWindowExposed(window))
        qWarning("window not exposed");
    return window;
}

} // namespace TestSupport
