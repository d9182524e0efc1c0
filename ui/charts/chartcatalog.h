#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace Triage {

class ChartPanel;
class WorkbenchSession;

// Every chart by its name, for the Charts dock, the presentation and the command line.
namespace ChartCatalog {

// symptoms, causes, taxonomy, divergence, homogeneity, escalation, evolution
QStringList names();
// The chart of that name, or nullptr for an unknown name.
ChartPanel *create(const QString &name, WorkbenchSession &session, QWidget *parent = nullptr);

} // namespace ChartCatalog
} // namespace Triage
