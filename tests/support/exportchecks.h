#pragma once

// Checks that an exported chart is a real picture and not an empty or broken file. Shared by the
// window's export test and the headless `llmtriage chart` test; each returns what is wrong, or an
// empty string.

#include <QColor>
#include <QFile>
#include <QImage>
#include <QSet>
#include <QSize>
#include <QString>
#include <QXmlStreamReader>

namespace TestSupport {

// A PNG of the given size with many colours, a good share of them saturated (bars and cells, not
// only background and text).
inline QString pngProblem(const QString &file, const QSize &size)
{
    const QImage image(file);
    if (image.isNull())
        return QStringLiteral("%1 is not a readable image").arg(file);
    if (image.size() != size)
        return QStringLiteral("%1 is %2x%3").arg(file).arg(image.width()).arg(image.height());
    QSet<QRgb> colours;
    qint64 samples = 0;
    qint64 coloured = 0;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            const QColor c = image.pixelColor(x, y);
            colours.insert(c.rgb());
            ++samples;
            if (c.saturationF() > 0.3)
                ++coloured;
        }
    }
    if (colours.size() <= 50)
        return QStringLiteral("%1 has only %2 colours").arg(file).arg(colours.size());
    if (coloured <= samples / 50)
        return QStringLiteral("%1 has only %2 coloured samples of %3").arg(file).arg(coloured).arg(samples);
    return {};
}

// Well-formed SVG with more than 50 elements.
inline QString svgProblem(const QByteArray &bytes)
{
    QXmlStreamReader xml(bytes);
    int elements = 0;
    bool svg = false;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement) {
            ++elements;
            svg = svg || xml.name() == u"svg";
        }
    }
    if (xml.hasError())
        return QStringLiteral("SVG is not well-formed: %1").arg(xml.errorString());
    if (!svg)
        return QStringLiteral("no <svg> element");
    if (elements <= 50)
        return QStringLiteral("SVG has only %1 elements").arg(elements);
    return {};
}

// A complete PDF: header, end marker, more than 5 KB.
inline QString pdfProblem(const QByteArray &bytes)
{
    if (!bytes.startsWith("%PDF-"))
        return QStringLiteral("no %PDF- header");
    if (!bytes.trimmed().endsWith("%%EOF"))
        return QStringLiteral("no %%EOF at the end");
    if (bytes.size() <= 5000)
        return QStringLiteral("PDF of only %1 bytes").arg(bytes.size());
    return {};
}

// The check for a file by its suffix (png, svg or pdf).
inline QString exportProblem(const QString &file, const QSize &size)
{
    if (file.endsWith(u".png"))
        return pngProblem(file, size);
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("%1 cannot be read").arg(file);
    const QByteArray bytes = f.readAll();
    return file.endsWith(u".svg") ? svgProblem(bytes) : pdfProblem(bytes);
}

} // namespace TestSupport
