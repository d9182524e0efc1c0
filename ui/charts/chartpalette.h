#pragma once

#include <QColor>
#include <QPalette>

namespace Triage::ChartPalette {

// Okabe and Ito's eight colours, told apart by people with any common colour-vision deficiency.
// The eighth, black, becomes a light grey on a dark palette so it stays visible.
QColor category(int index, const QPalette &palette);
// A sequential ramp for shares, from the background towards blue, readable in light and dark.
QColor sequential(double fraction, const QPalette &palette);
// A diverging ramp for correlations in [-1, 1]: vermillion through the background to blue.
QColor diverging(double value, const QPalette &palette);
// Black or white, whichever reads on `background`.
QColor textOn(const QColor &background);
bool isDark(const QPalette &palette);

} // namespace Triage::ChartPalette
