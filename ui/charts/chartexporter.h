#pragma once

#include <QSize>
#include <QString>

class QWidget;

namespace Triage {

class ChartPanel;

// Writes a chart to PNG (pixels), SVG or PDF (vectors) at a chosen size, from the same drawing
// the screen shows. Works without a display (offscreen platform) for the command line.
namespace ChartExporter {

enum Format { Png, Svg, Pdf };

// The format a file name asks for (by its suffix); false for an unknown suffix.
bool formatFor(const QString &file, Format *format);
// Renders `panel` at `size` into `file`; false with *error set when it cannot be written.
// Pictures from a thumbnail to a poster; beyond that a PNG runs to hundreds of megabytes.
inline constexpr QSize MinimumSize(200, 150);
inline constexpr QSize MaximumSize(10000, 10000);
// Within MinimumSize and MaximumSize, and the range in words ("from 200x150 to 10000x10000").
bool allowsSize(const QSize &size);
QString sizeRange();

bool write(QWidget *panel, const QString &file, Format format, const QSize &size, QString *error);
// Asks for a size and a file name, then writes.
void exportInteractively(ChartPanel *panel, Format format);

} // namespace ChartExporter
} // namespace Triage
