#include "chartpalette.h"

#include <algorithm>
#include <cmath>

namespace Triage::ChartPalette {

namespace {

// Okabe & Ito's eight colours, then a neutral grey: the cause taxonomy has nine categories and a
// repeated colour would merge two of them.
const QRgb OkabeIto[] = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7, 0x000000, 0x999999};

QColor mix(const QColor &a, const QColor &b, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

} // namespace

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QColor category(int index, const QPalette &palette)
{
    const int n = int(std::size(OkabeIto));
    QColor colour(OkabeIto[((index % n) + n) % n]);
    if (colour == QColor(Qt::black) && isDark(palette))
        colour = QColor(0xBBBBBB);
    return colour;
}

QColor sequential(double fraction, const QPalette &palette)
{
    return mix(palette.color(QPalette::Base), QColor(0x0072B2), 0.08 + 0.92 * fraction);
}

QColor diverging(double value, const QPalette &palette)
{
    if (std::isnan(value))
        return palette.color(QPalette::Window);
    const QColor base = palette.color(QPalette::Base);
    return value >= 0 ? mix(base, QColor(0x0072B2), value) : mix(base, QColor(0xD55E00), -value);
}

QColor textOn(const QColor &background)
{
    return background.lightnessF() < 0.55 ? QColor(Qt::white) : QColor(Qt::black);
}

} // namespace Triage::ChartPalette
